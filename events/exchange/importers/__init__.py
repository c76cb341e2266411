"""
Importing exchange files (see events/exchange/spec.py and docs/exchange-format.md).

One run is one transaction: any error, anywhere, and nothing is written.
Records are matched by their import keys (slug, source key or normalised URL,
figure series + date + source), so importing the same file twice changes
nothing. An existing record's status is never changed by an import: what an
editor published or withdrew stays so.
"""

from django.db import connection, transaction

from events.models import Actor, Citation, Event, EventActor, Figure, Place
from events.versions import records_keep_versions
from sources.models import Source

from ..reader import read_paths
from ..rows import Problems
from ..spec import KINDS
from .base import Importer, Report
from .claims import ClaimImport
from .corrections import CorrectionImport
from .event_types import EventTypeImport
from .events import EventImport
from .figures import FigureImport
from .legal_bases import LegalProvisionImport
from .sources import SourceImport, report_duplicate_sources
from .trees import ActorImport, PlaceImport

__all__ = ["ImportFailed", "Report", "dataset_import"]

MAX_ERRORS = 50
ANALYZE_AFTER = 1000  # rows written
# In the order of KINDS: later kinds refer to earlier ones.
IMPORTS = {"event_types": EventTypeImport, "sources": SourceImport, "actors": ActorImport, "places": PlaceImport,
           "legal_bases": LegalProvisionImport, "events": EventImport, "figures": FigureImport}


class ImportFailed(Exception):
    def __init__(self, errors):
        self.errors = errors
        shown = errors[:MAX_ERRORS]
        more = f"\n… and {len(errors) - MAX_ERRORS} more" if len(errors) > MAX_ERRORS else ""
        super().__init__("\n".join(shown) + more)


def dataset_import(*, paths, dry_run: bool = False, format: str | None = None, encoding: str | None = None,
                   progress: bool = False, strict: bool = False) -> Report:
    """
    Import files (our format, TimelineJS or ACLED; see events/exchange/formats) in one transaction.
    The content lint's warnings are reported; with ``strict`` they are errors, and nothing is written.
    """
    problems = Problems()
    document = read_paths(paths, problems=problems, format=format, encoding=encoding)
    if problems:
        raise ImportFailed(problems)
    importer = Importer(document, problems=problems, progress=progress)
    with transaction.atomic():
        _run(importer)
        errors = list(problems)  # the reader finds some problems only while rows stream in
        if strict:
            errors += [f"{warning} (strict mode)" for warning in importer.warnings]
        if errors:
            raise ImportFailed(errors)
        if dry_run:
            transaction.set_rollback(True)
        else:
            # One revision for the run: every record it created or changed keeps a version, so that
            # "Recover deleted" finds it once deleted, even if no editor ever changed it.
            records_keep_versions(records=importer.written, comment="Imported from " + ", ".join(map(str, paths)))
            refresh_statistics(importer.report)
    importer.report.dry_run = dry_run
    importer.report.notes = document.notes + importer.report.notes
    importer.report.warnings = importer.warnings
    return importer.report


def _run(importer):
    document = importer.document
    for kind in KINDS:
        IMPORTS[kind](importer).run(document.iter_rows(kind))
        if importer.problems:  # later kinds refer to earlier ones: stop at the first failure
            return
    corrections, claims = CorrectionImport(importer), ClaimImport(importer)
    corrections.read(document.iter_rows("corrections"))
    claims.read(document.iter_rows("claims"))
    if not importer.problems:
        corrections.write()
        claims.write()
    report_duplicate_sources(importer)


def refresh_statistics(report):
    """
    After a large import, let PostgreSQL's planner see the new rows at once: with
    stale statistics it scans by status instead of using the search index.
    """
    written = sum(c["created"] + c["updated"] for c in report.counts.values())
    if written >= ANALYZE_AFTER and connection.vendor == "postgresql":
        tables = [model._meta.db_table for model in (Event, EventActor, Citation, Source, Actor, Place, Figure)]
        tables.append(Event.places.through._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
