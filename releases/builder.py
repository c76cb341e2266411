"""
Making a release: the published dataset as JSON and CSV, with its datapackage.json, LICENSE, CHANGELOG, README and
SHA256SUMS, in one ZIP under KFOR_RELEASES_DIR, and its Release row, in one transaction.
"""

import datetime
import hashlib
import io
import json
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from events.exchange.exporters import csv_tables, dataset_document, json_text
from events.exchange.spec import KINDS, LICENSE

from .datapackage import datapackage
from .manifest import changelog_text, document_manifest, manifest_changes
from .models import Release

JSON_NAME = "kfor-timeline.json"
CSV_FOLDER = "csv"
LICENSE_TEXT = """KFOR Timeline data
=================

The data in this release (events, actors, places, sources, legal bases and figures) is published under the
Creative Commons Attribution 4.0 International licence (CC BY 4.0):

    {url}

You may share and adapt it for any purpose, provided you give appropriate credit (name "KFOR Timeline" as the
source), link to the licence and say whether you made changes. The full legal code is at
https://creativecommons.org/licenses/by/4.0/legalcode.

Quotations from cited sources remain their authors' and are quoted briefly, as sources, under their own terms.
"""


class NothingChanged(Exception):
    """The published data is what the latest release holds."""

    def __init__(self, latest):
        super().__init__(f"Nothing changed since release {latest.number} ({latest.date.isoformat()}).")
        self.latest = latest


def releases_dir():
    return Path(settings.KFOR_RELEASES_DIR)


def file_name_of(number):
    return f"kfor-timeline-release-{number}.zip"


def _readme(*, number, date, counts, previous):
    lines = [f"KFOR Timeline data release {number}", f"Released: {date.isoformat()}", ""]
    lines.append("Published records only: " + ", ".join(f"{counts[k]} {k.replace('_', ' ')}" for k in KINDS) + ".")
    if previous:
        lines.append(f"Previous release: {previous.number} ({previous.date.isoformat()}); see CHANGELOG.")
    lines += [
        "", f"{JSON_NAME}   every record in the kfor-timeline/1 exchange format (docs/exchange-format.md)",
        f"{CSV_FOLDER}/          the same records as CSV, one file per kind, described in datapackage.json",
        "datapackage.json    a Frictionless Data Package: each CSV file's fields and types, licence, sources",
        "CHANGELOG           records added, changed and withdrawn since the previous release",
        "LICENSE             the data's licence (CC BY 4.0)",
        "SHA256SUMS          each file's SHA-256: check with `sha256sum -c SHA256SUMS`",
    ]
    return "\n".join(lines) + "\n"


def release_members(*, number, now, previous, document, site_url=""):
    """{member name: bytes} of the ZIP, SHA256SUMS last, and the manifest and changes it was built from."""
    manifest = document_manifest(document)
    changes = manifest_changes(previous.manifest if previous else None, manifest)
    counts = {kind: len(document[kind]) for kind in KINDS}
    date = now.date()
    members = {
        "README.txt": _readme(number=number, date=date, counts=counts, previous=previous),
        "LICENSE": LICENSE_TEXT.format(url=LICENSE),
        "CHANGELOG": changelog_text(number=number, date=date, previous=previous, changes=changes),
        "datapackage.json": json.dumps(datapackage(number=number, date=now, csv_folder=CSV_FOLDER, json_name=JSON_NAME,
                                                   site_url=site_url), ensure_ascii=False, indent=2) + "\n",
        JSON_NAME: json_text({"format": document["format"], "license": document["license"], "release": number,
                              "exported": now.isoformat(), **{kind: document[kind] for kind in KINDS}}),
        **{f"{CSV_FOLDER}/{name}": text for name, text in csv_tables(document).items()},
    }
    members = {name: text.encode() for name, text in members.items()}
    members["SHA256SUMS"] = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n"
                                    for name, data in members.items()).encode()
    return members, manifest, changes, counts


def zip_bytes(members, when):
    """The ZIP, every member stamped with the release's time so that the same release makes the same bytes."""
    buffer, stamp = io.BytesIO(), when.astimezone(datetime.timezone.utc).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def release_make(*, force=False, dry_run=False, now=None, site_url=""):
    """
    Make the next release of the published data, or raise NothingChanged when it holds exactly what the latest
    release holds (unless ``force``). ``dry_run`` returns the release unsaved, with no file written. The row is
    saved and the file placed in one transaction: a failure before the commit leaves no row (and a file it left
    behind is replaced by the next release of that number).
    """
    now = now or timezone.now()
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":  # one snapshot for every table read, edits going on
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        previous = Release.objects.select_for_update().order_by("-number").first()
        document = dataset_document(published_only=True)
        number = previous.number + 1 if previous else 1
        members, manifest, changes, counts = release_members(number=number, now=now, previous=previous,
                                                             document=document, site_url=site_url)
        if previous and not force and manifest == previous.manifest:
            raise NothingChanged(previous)
        data = zip_bytes(members, now)
        release = Release(number=number, released_at=now, file_name=file_name_of(number), size=len(data),
                          sha256=hashlib.sha256(data).hexdigest(), counts=counts, manifest=manifest, changes=changes,
                          change_counts={name: len(keys) for name, keys in changes.items()})
        release.full_clean()
        if dry_run:
            return release
        release.save()
        folder = releases_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path, partial = folder / release.file_name, folder / f".{release.file_name}.partial"
        partial.write_bytes(data)
        partial.replace(path)
    return release


def release_path(release):
    return releases_dir() / release.file_name
