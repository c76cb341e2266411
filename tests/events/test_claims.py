"""Claims: where sources give a date or a number differently, each is kept with its source, one adopted, all shown."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from events.exchange.importers import ImportFailed, dataset_import
from events.models import Claim, Event, Figure
from tests.events.exchange_helpers import minimal_document, write
from tests.factories import make_event, make_figure, make_source

pytestmark = pytest.mark.django_db
D = __import__("datetime").date


@pytest.fixture
def sources():
    return make_source(key="nato-page", publisher="NATO"), make_source(key="article", publisher="EIILIR")


def test_the_chart_and_the_table_show_what_each_source_says(client, sources):
    nato, article = sources
    figure = make_figure(date=D(2021, 1, 1), date_precision="year", best=3770, source=nato)
    Claim.objects.create(figure=figure, number=3770, source=nato, adopted=True, reason="NATO's own count.")
    Claim.objects.create(figure=figure, number=4000, source=article, order=1)
    html = client.get(reverse("events:figures")).content.decode()
    assert "NATO</a>: 3,770" in html and "EIILIR</a>: 4,000" in html and "NATO&#x27;s own count." in html
    assert "Sources differ for 2021:" in html  # under the chart, which has its own page


def test_an_event_page_shows_the_dates_side_by_side(client, sources):
    nato, article = sources
    event = make_event(start=D(2004, 3, 17))
    Claim.objects.create(event=event, date=D(2004, 3, 17), date_precision="day", source=nato, adopted=True)
    Claim.objects.create(event=event, date=D(2004, 3, 1), date_precision="month", source=article)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Sources differ on the date" in html and "NATO</a>: 17 March 2004" in html and "EIILIR</a>: March 2004" in html


def test_one_claim_at_most_is_adopted_and_a_claim_is_a_date_or_a_number(sources):
    nato, article = sources
    event = make_event()
    Claim.objects.create(event=event, date=D(2004, 3, 17), date_precision="day", source=nato, adopted=True)
    with pytest.raises(IntegrityError):
        Claim.objects.create(event=event, date=D(2004, 3, 18), date_precision="day", source=article, adopted=True)


def test_a_claim_must_be_a_date_of_an_event(sources):
    with pytest.raises(IntegrityError):
        Claim.objects.create(event=make_event(), number=5, source=sources[0])


def test_the_dashboard_lists_unresolved_disagreement(client, login, sources):
    nato, article = sources
    disputed, settled = make_event(), make_event()
    for event, adopted in ((disputed, False), (settled, True)):
        Claim.objects.create(event=event, date=D(2004, 3, 17), date_precision="day", source=nato, adopted=adopted)
        Claim.objects.create(event=event, date=D(2004, 3, 18), date_precision="day", source=article)
    figure = make_figure(best=4000, source=article)
    Claim.objects.create(figure=figure, number=4000, source=article)
    Claim.objects.create(figure=figure, number=3770, source=nato)
    login("Editor")
    html = client.get(reverse("admin:index")).content.decode()
    assert "Events whose sources give different dates, none adopted" in html
    assert "Figures whose sources give different numbers, none adopted" in html
    events = client.get(reverse("admin:events_event_changelist") + "?claims=unresolved").context["cl"].result_list
    figures = client.get(reverse("admin:events_figure_changelist") + "?claims=unresolved").context["cl"].result_list
    assert list(events) == [disputed] and list(figures) == [figure]


def test_the_exchange_format_carries_claims(tmp_path):
    dataset_import(paths=[write(tmp_path, minimal_document())])
    figure_claims = list(Figure.objects.get().claims.values_list("number", "source__key", "adopted"))
    assert figure_claims == [(4000, "euronews-1", True), (3770, "agency-wire", False)]
    assert list(Event.objects.get().claims.values_list("date", flat=True)) == [D(2021, 10, 2), D(2021, 10, 3)]


@pytest.mark.parametrize("claims, message", [
    ([{"value": 1, "source": "euronews-1", "adopted": True}, {"value": 2, "source": "euronews-1", "adopted": True}],
     "field 'claims': only one claim of a record can be adopted"),
    ([{"value": "many", "source": "euronews-1"}], "field 'claims[0].value': expected a whole number"),
    ([{"value": 5, "source": "nowhere"}], "field 'claims[0].source': unknown source 'nowhere'"),
])
def test_bad_claims_are_refused_by_row_and_field(tmp_path, claims, message):
    document = minimal_document()
    document["figures"][0]["claims"] = claims
    with pytest.raises(ImportFailed, match=message.replace("[", r"\[").replace("]", r"\]")):
        dataset_import(paths=[write(tmp_path, document)])
    assert not Claim.objects.exists()


def test_the_founding_dataset_withdraws_the_count_no_page_showed_and_keeps_those_that_differ(founding_dataset):
    from django.conf import settings

    article = Figure.objects.get(date=D(2021, 1, 1), source__key=settings.FOUNDING_ARTICLE)
    assert not article.claims.exists()
    assert "3,770" in article.corrections.get(erratum_of__isnull=True).text
    september = Figure.objects.get(series="kfor-troops", date=D(2021, 9, 1))
    numbers = set(september.claims.values_list("number", flat=True))
    assert len(numbers) > 1 and september.claims.filter(adopted=True).exclude(reason="").count() == 1
