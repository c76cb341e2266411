import datetime

import pytest
from django.db import IntegrityError, transaction

from sources.formatting import format_entry
from sources.models import Source
from tests.factories import make_source

pytestmark = pytest.mark.django_db


def test_url_is_stored_normalised():
    source = make_source(url="HTTPS://Example.ORG/page?utm_campaign=x#frag")
    source.refresh_from_db()
    assert source.url == "https://example.org/page"


def test_two_sources_cannot_share_a_normalised_url():
    make_source(url="https://example.org/page")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_source(url="HTTPS://EXAMPLE.org/page#again")


def test_many_sources_may_have_no_url():
    make_source(url="")
    make_source(url="")
    assert Source.objects.filter(url="").count() == 2


@pytest.mark.parametrize(
    "published, precision",
    [
        (datetime.date(2021, 9, 30), "month"),  # a month-precision date must be the 1st
        (datetime.date(2021, 9, 1), "year"),  # a year-precision date must be 1 January
        (datetime.date(2021, 9, 1), ""),  # a date needs a precision
        (None, "day"),  # and a precision needs a date
    ],
)
def test_publication_date_must_match_its_precision(published, precision):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_source(published=published, published_precision=precision)


def test_bibliography_entry_has_every_part_and_escapes_text():
    source = make_source(
        title="<script>alert(1)</script>", authors="Smith, Jane\nDoe, John", publisher="Euronews",
        published=datetime.date(2021, 10, 1), published_precision="month",
        accessed_on=datetime.date(2026, 11, 1), archive_url="https://web.archive.org/web/2021/x",
        archived_on=datetime.date(2021, 10, 5),
    )
    entry = str(format_entry(source))
    assert "<script>" not in entry and "&lt;script&gt;" in entry
    assert entry.startswith("Smith, Jane and Doe, John.")
    assert "<i>Euronews</i>, October 2021." in entry
    assert f'href="{source.url}"' in entry
    assert "Accessed 1 November 2026." in entry
    assert "Archived copy</a> of 5 October 2021." in entry
