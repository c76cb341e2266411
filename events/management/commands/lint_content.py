from django.core.management.base import BaseCommand, CommandError

from events.lint import duplicate_citations, lint_record, misnomers
from events.models import Actor, Event, Place
from events.sourcing import sourcing_problems

BATCH = 2000


class Command(BaseCommand):
    help = (
        "List what the content lint finds in the published data: misnamed bodies (the admin's list of misnomers), "
        "text in another language than its field's, garbled numbers, relative dates without an anchor, and events "
        "citing one document under two keys; and breaches of the sourcing policy (events.sourcing). Findings marked "
        "[strict] (misnomers, garbled numbers) hold back publishing until a reviewer overrides them. Exits non-zero "
        "with --strict when it finds anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("--strict", action="store_true", help="Fail (exit status 1) if there is any warning.")

    def handle(self, *args, strict, verbosity, **options):
        names = misnomers()
        found = 0
        for kind, records in (("events", Event.objects.published().prefetch_related("citations__source")),
                              ("actors", Actor.objects.all()), ("places", Place.objects.all())):
            for record in records.order_by("slug").iterator(chunk_size=BATCH):
                warnings = lint_record(kind, vars(record), names)
                if kind == "events":
                    warnings += duplicate_citations({c.source for c in record.citations.all()})
                for warning in warnings:
                    found += 1
                    if verbosity:
                        mark = " [strict]" if warning.strict else ""
                        self.stdout.write(f"{kind}/{record.slug}, field '{warning.field}': {warning.message}{mark}")
        for problem in sourcing_problems():
            found += 1
            if verbosity:
                self.stdout.write(str(problem))
        if verbosity:
            self.stdout.write(self.style.SUCCESS("The lint found nothing.") if not found else f"{found} warning(s).")
        if strict and found:
            raise CommandError(f"The content lint found {found} warning(s).")
