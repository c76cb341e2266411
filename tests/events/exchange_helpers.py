"""Building small exchange documents for importer tests."""

import copy
import json


def minimal_document():
    return copy.deepcopy({
        "format": "kfor-timeline/1",
        "event_types": [{"slug": "deployment", "name": "Deployment", "description": ""}],
        "sources": [
            {"key": "euronews-1", "kind": "news", "title": "NATO-led mission at the border", "authors": ["Doe, Jane"],
             "publisher": "Euronews", "published": "2021-10-03", "url": "https://www.euronews.com/a?utm_source=x",
             "archive_url": "", "archived": None, "accessed": "2026-11-01", "language": "en", "notes": "",
             "derived_from": "agency-wire", "derivation": "copy"},
            {"key": "agency-wire", "kind": "news", "title": "Wire: NATO-led mission at the border", "authors": [],
             "publisher": "Agency", "published": "2021-10-03", "url": "", "archive_url": "", "archived": None,
             "accessed": None, "language": "en", "notes": ""},
        ],
        "actors": [
            {"slug": "kfor", "name": "Kosovo Force", "short_name": "KFOR", "kind": "mission", "aliases": ["Joint Guardian"],
             "description": "", "parent": "nato", "wikidata": "", "notes": ""},
            {"slug": "nato", "name": "North Atlantic Treaty Organization", "name_sq": "Organizata e Traktatit të Atlantikut të Veriut",
             "name_sr": "Organizacija Severnoatlantskog ugovora", "short_name": "NATO", "kind": "organisation",
             "aliases": [], "description": "", "parent": None, "wikidata": "Q7184", "notes": ""},
        ],
        "places": [
            {"slug": "jarinje", "name": "Jarinje crossing", "name_sq": "Jarinjë", "name_sr": "Jarinje", "kind": "crossing",
             "lat": 43.1, "lon": 20.8, "parent": None, "wikidata": "", "geonames": "", "notes": ""},
        ],
        "legal_bases": [
            {"slug": "unscr-1244-para-7", "instrument": "UN Security Council Resolution 1244 (1999)",
             "provision": "paragraph 7", "summary": "Authorises the international security presence.", "text": "",
             "source": "euronews-1", "order": 7},
        ],
        "events": [
            {"slug": "kfor-deploys", "title": "KFOR deploys at the crossings", "summary": "KFOR takes over.",
             "title_sq": "KFOR-i vendoset në pikat e kalimit", "title_sr": "KFOR se raspoređuje na prelazima",
             "relative_to_source": "euronews-1", "relative_offset": "-P1D", "relative_phrase": "the day before",
             "planned_on": "2021-09-30", "planned_by": "nato", "plan_source": "euronews-1", "plan_locator": "para. 1",
             "planned_for": "2021-10", "outcome": "carried-out",
             "summary_sq": "KFOR-i merr përsipër.", "summary_sr": "KFOR preuzima.",
             "body": "Some *markdown*.", "start": "2021-10-02", "end": None, "display_date": "", "type": "deployment",
             "key_event": True, "status": "published", "actors": [{"actor": "kfor", "role": "participant"}],
             "places": ["jarinje"], "legal_bases": ["unscr-1244-para-7"], "citations": [{"source": "euronews-1", "locator": "para. 2", "quote": "q", "note": ""}],
             "claims": [{"date": "2021-10-02", "source": "euronews-1", "locator": "", "adopted": False, "reason": ""},
                        {"date": "2021-10-03", "source": "agency-wire", "locator": "", "adopted": False, "reason": ""}],
             "notes": ""},
        ],
        "figures": [
            {"series": "kfor-troops", "date": "2021", "best": 4000, "low": None, "high": None, "source": "euronews-1",
             "locator": "", "note": "", "status": "published",
             "claims": [{"value": 4000, "source": "euronews-1", "locator": "", "adopted": True, "reason": "The later count."},
                        {"value": 3770, "source": "agency-wire", "locator": "para. 3", "adopted": False, "reason": ""}]},
        ],
    })


def write(tmp_path, document, name="data.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path
