from django.core.management.base import BaseCommand


class WritingCommand(BaseCommand):
    """
    A command that writes to the database, with --dry-run: the run is made and
    reported in full, then nothing is kept. ``finish()`` says which it was.
    """

    dry_run_help = "Check and report, then store nothing."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)

    def finish(self, *, dry_run, done):
        """The last line of a run's report, at verbosity 1 and above."""
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS(done))
