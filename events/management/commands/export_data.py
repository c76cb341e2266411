from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.exporters import csv_tables, dataset_document, json_text


class Command(BaseCommand):
    help = "Export the dataset in the exchange format (kfor-timeline/1), as JSON or as a folder of CSV files."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", help="File (JSON) or folder (CSV). JSON goes to standard output without it.")
        parser.add_argument("--published-only", action="store_true", help="Leave out drafts and unpublished records.")

    def handle(self, *args, format, output, published_only, verbosity, **options):
        document = dataset_document(published_only=published_only)
        if format == "json":
            text = json_text(document)
            if output:
                Path(output).write_text(text, encoding="utf-8", newline="\n")
            else:
                self.stdout.write(text, ending="")
        else:
            if not output:
                raise CommandError("CSV export writes one file per kind: give a folder with --output DIRECTORY.")
            folder = Path(output)
            if folder.exists() and not folder.is_dir():
                raise CommandError(f"{folder} exists and is not a folder: give a folder with --output.")
            folder.mkdir(parents=True, exist_ok=True)
            for name, text in csv_tables(document).items():
                (folder / name).write_text(text, encoding="utf-8", newline="")
        if verbosity and output:
            counts = ", ".join(f"{len(document[k])} {k}" for k in ("sources", "actors", "places", "events", "figures"))
            self.stderr.write(f"Exported {counts} to {output}.")
