"""BibTeX, RIS and CSL-JSON that citation managers can read back, and Wikipedia's {{cite web}}."""

import datetime
import json

import bibtexparser
import jsonschema
import pytest
import rispy

from sources import citations
from tests.factories import make_source

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(shared_dir):
    return json.loads((shared_dir / "samples" / "schemas" / "csl-data.json").read_text())


@pytest.fixture
def sources():
    return [
        make_source(key="euronews-2021", kind="news", title="Deal on {licence} plates & 100% de-escalation_#1",
                    authors="Doe, Jane\nEuronews staff", publisher="Euronews", published=datetime.date(2021, 9, 30),
                    accessed_on=datetime.date(2026, 11, 1), archive_url="https://web.archive.org/web/2021/x",
                    archived_on=datetime.date(2021, 10, 1)),
        make_source(key="unscr-1244", kind="un-document", title="Resolution 1244 (1999)", authors="United Nations Security Council",
                    publisher="United Nations", published=datetime.date(1999, 6, 1), published_precision="month", url=""),
        make_source(key="report-2012", kind="report", title="Kosovo report | annex {{1}}", published=datetime.date(2012, 1, 1),
                    published_precision="year", language="sq", url="https://example.org/r?a=1|2"),
    ]


def test_bibtex_parses_back_with_every_field(sources):
    library = bibtexparser.parse_string(citations.bibtex(sources))
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    news = entries["euronews-2021"]
    assert news.entry_type == "article"
    assert news["title"] == r"{Deal on \{licence\} plates \& 100\% de-escalation\_\#1}"
    assert news["author"] == "Doe, Jane and {Euronews staff}"
    assert (news["journal"], news["year"], news["month"], news["date"]) == ("Euronews", "2021", "9", "2021-09-30")
    assert news["urldate"] == "2026-11-01" and "web.archive.org" in news["note"]
    assert entries["unscr-1244"]["date"] == "1999-06" and entries["unscr-1244"].entry_type == "misc"
    assert entries["unscr-1244"]["author"] == "{United Nations Security Council}"
    assert entries["report-2012"].entry_type == "techreport" and entries["report-2012"]["institution"] == "Euronews"


def test_ris_reads_back(sources):
    records = rispy.loads(citations.ris(sources))
    assert [r["id"] for r in records] == ["euronews-2021", "unscr-1244", "report-2012"]
    news = records[0]
    assert news["type_of_reference"] == "NEWS" and news["authors"] == ["Doe, Jane", "Euronews staff"]
    assert (news["date"], news["access_date"], news["publisher"]) == ("2021/09/30/", "2026/11/01", "Euronews")
    assert news["urls"] == [sources[0].url] and news["notes"] == ["Archived copy: https://web.archive.org/web/2021/x"]
    assert records[1]["type_of_reference"] == "GOVDOC" and records[1]["date"] == "1999/06/"
    assert records[2]["language"] == "sq"


def test_csl_json_is_valid_against_the_schema(sources, schema):
    items = citations.csl_json(sources)
    jsonschema.validate(items, schema)
    news = items[0]
    assert news["type"] == "article-newspaper" and news["container-title"] == "Euronews"
    assert news["author"] == [{"family": "Doe", "given": "Jane"}, {"literal": "Euronews staff"}]
    assert news["issued"] == {"date-parts": [[2021, 9, 30]]} and news["accessed"] == {"date-parts": [[2026, 11, 1]]}
    assert items[1]["issued"] == {"date-parts": [[1999, 6]]}


def test_csl_json_of_the_founding_dataset_is_valid(schema, founding_dataset):
    from sources.models import Source

    jsonschema.validate(citations.csl_json(Source.objects.all()), schema)


def test_cite_web(sources):
    text = citations.cite_web(sources[0])
    assert text.startswith("{{cite web |url=https://example.org/")
    assert "|last1=Doe |first1=Jane" in text and "|website=Euronews" in text
    assert "|date=2021-09-30" in text and "|access-date=2026-11-01" in text
    assert "|archive-url=https://web.archive.org/web/2021/x |archive-date=2021-10-01" in text
    # A pipe would end the parameter and braces the template.
    assert "|title=Kosovo report &#124; annex &#123;&#123;1&#125;&#125;" in citations.cite_web(sources[2])
    assert "|language=sq" in citations.cite_web(sources[2])
