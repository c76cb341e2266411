import sys

from django.conf import settings
from django.core.management.base import CommandError

from events.exchange.formats import NAMES as FORMATS
from events.exchange.importers import ImportFailed, dataset_import
from events.models import Event
from sources.management.base import WritingCommand


class Command(WritingCommand):
    help = (
        "Import data: our exchange format (kfor-timeline/1: a .json file, .csv files or a folder of them), "
        "TimelineJS sheets (CSV) and JSON, and ACLED CSV exports, recognised by their content. "
        "One transaction per run; re-importing the same data changes nothing."
    )

    dry_run_help = "Check and count, then roll everything back."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("paths", nargs="*", help="Files or folders. Default: the founding dataset.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database already holds events.")
        parser.add_argument("--format", choices=FORMATS, help="Say what the files hold instead of recognising it.")
        parser.add_argument("--strict", action="store_true",
                            help="Refuse the import if the content lint warns (misnomers, other languages, garbled "
                                 "numbers, relative dates); without it the warnings are listed and the import goes on.")
        parser.add_argument("--encoding", help="Read the files in this encoding (e.g. cp1252) instead of UTF-8.")

    def handle(self, *args, paths, dry_run, if_empty, format, encoding, strict, verbosity, **options):
        paths = paths or [settings.FOUNDING_DATASET]
        if if_empty and Event.objects.exists():
            if verbosity:
                self.stdout.write("The database already holds events; nothing imported.")
            return
        try:
            report = dataset_import(paths=paths, dry_run=dry_run, format=format, encoding=encoding, strict=strict,
                                    progress=verbosity >= 1 and sys.stderr.isatty())
        except ImportFailed as exc:
            raise CommandError(f"Nothing was imported:\n{exc}") from None
        if verbosity:
            for line in report.lines():
                self.stdout.write(line)
            self.finish(dry_run=dry_run, done=f"Imported {', '.join(map(str, paths))}.")
