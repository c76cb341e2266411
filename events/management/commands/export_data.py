import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from events.exchange.exporters import cited_sources, csv_tables, dataset_document, json_text
from events.exchange.formats.timelinejs import timeline_document
from events.filters import EventFilter
from events.models import Event
from sources import citations

TEXT_FORMATS = {
    "bibtex": citations.bibtex,
    "ris": citations.ris,
    "csl-json": lambda sources: json.dumps(citations.csl_json(sources), ensure_ascii=False, indent=2) + "\n",
}
FILTERS = ("actor", "place", "type", "from", "to", "q")


class Command(BaseCommand):
    help = (
        "Export the dataset: our exchange format (json, or csv as a folder of files), a TimelineJS timeline, "
        "or the bibliography as BibTeX, RIS or CSL-JSON. The timeline's filters narrow what is exported."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv", "timelinejs", *TEXT_FORMATS], default="json")
        parser.add_argument("--output", help="File, or folder for csv. Standard output without it (except csv).")
        parser.add_argument("--published-only", action="store_true", help="Leave out drafts and unpublished records.")
        group = parser.add_argument_group("filters, as on the public timeline")
        for name in FILTERS:
            group.add_argument(f"--{name}", dest=f"filter_{name}", metavar=name.upper())
        group.add_argument("--key", dest="filter_key", action="store_true", help="Key events only.")

    def handle(self, *args, format, output, published_only, verbosity, **options):
        events = self.filtered_events(options, published_only)
        if format == "csv":
            return self.write_csv(output, dataset_document(events=events, published_only=published_only), verbosity)
        if format == "json":
            text = json_text(dataset_document(events=events, published_only=published_only))
        elif format == "timelinejs":
            selected = (events if events is not None else Event.objects.all())
            if published_only:
                selected = selected.published()
            text = json_text(timeline_document(selected.with_detail_data().chronological()))
        else:
            selected = events if events is not None else (Event.objects.published() if published_only else None)
            text = TEXT_FORMATS[format](cited_sources(selected))
        if output:
            Path(output).write_text(text, encoding="utf-8", newline="\n")
            if verbosity:
                self.stderr.write(f"Exported {format} to {output}.")
        else:
            self.stdout.write(text, ending="")

    def filtered_events(self, options, published_only):
        """The events the filters select, or None when no filter is given (everything)."""
        data = QueryDict(mutable=True)
        for name in FILTERS:
            if options.get(f"filter_{name}"):
                data[name] = options[f"filter_{name}"]
        if options.get("filter_key"):
            data["key"] = "on"
        if not data:
            return None
        filterset = EventFilter(data, queryset=Event.objects.published() if published_only else Event.objects.all())
        if not filterset.is_valid():
            problems = "; ".join(f"--{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
            raise CommandError(f"Invalid filter: {problems}")
        return filterset.qs

    def write_csv(self, output, document, verbosity):
        if not output:
            raise CommandError("CSV export writes one file per kind: give a folder with --output DIRECTORY.")
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder} exists and is not a folder: give a folder with --output.")
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in csv_tables(document).items():
            (folder / name).write_text(text, encoding="utf-8", newline="")
        if verbosity:
            counts = ", ".join(f"{len(document[k])} {k}" for k in ("sources", "actors", "places", "events", "figures"))
            self.stderr.write(f"Exported {counts} to {output}.")
