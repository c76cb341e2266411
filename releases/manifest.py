"""
What a release holds, record by record: each record's key with a hash of its content, and the changes between two
such manifests (added, changed, withdrawn), which the release's CHANGELOG lists.
"""

import hashlib
import json

from events.exchange.spec import KINDS, figure_key


def record_key(kind, record):
    if kind == "figures":
        return figure_key(record)
    return record["key"] if kind == "sources" else record["slug"]


def content_hash(record):
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def document_manifest(document):
    """{kind: {key: hash}} for every kind of record in an exchange document."""
    return {kind: {record_key(kind, r): content_hash(r) for r in document.get(kind, [])} for kind in KINDS}


def manifest_changes(previous, current):
    """{added|changed|withdrawn: ["kind/key", ...]} from ``previous`` (None: nothing before) to ``current``."""
    previous = previous or {}
    changes = {"added": [], "changed": [], "withdrawn": []}
    for kind in KINDS:
        before, after = previous.get(kind, {}), current.get(kind, {})
        for key in sorted(after):
            if key not in before:
                changes["added"].append(f"{kind}/{key}")
            elif before[key] != after[key]:
                changes["changed"].append(f"{kind}/{key}")
        changes["withdrawn"] += [f"{kind}/{key}" for key in sorted(set(before) - set(after))]
    return changes


def changelog_text(*, number, date, previous, changes):
    """The CHANGELOG member: what was added, changed and withdrawn since the previous release, by record key."""
    lines = [f"KFOR Timeline data release {number} ({date.isoformat()})", ""]
    if previous is None:
        lines.append("The first release: every record is new.")
    else:
        lines.append(f"Changes since release {previous.number} ({previous.date.isoformat()}), by record (kind/key).")
    for heading, name in (("Added", "added"), ("Changed", "changed"), ("Withdrawn", "withdrawn")):
        keys = changes[name]
        lines += ["", f"{heading} ({len(keys)})"]
        lines += [f"- {key}" for key in keys] or ["(none)"]
    return "\n".join(lines) + "\n"
