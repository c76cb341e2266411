"""The event's admin form as editors use it: one date field typed as they say dates, and the fields in working order."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.admin.forms import PeriodField, period_text
from events.models import Event, EventChange, Status
from tests.admin_forms import form_data
from tests.factories import make_event, make_event_type, make_source

D = datetime.date
ADD = reverse("admin:events_event_add")


@pytest.mark.parametrize("text, start, start_precision, approximate, end, end_precision", [
    ("2023", D(2023, 1, 1), "year", False, None, ""),
    ("2023-05", D(2023, 5, 1), "month", False, None, ""),
    ("2023-05-29", D(2023, 5, 29), "day", False, None, ""),
    ("~1999", D(1999, 1, 1), "year", True, None, ""),
    ("1999-06~", D(1999, 6, 1), "month", True, None, ""),
    ("2023-05-29/2023-06-02", D(2023, 5, 29), "day", False, D(2023, 6, 2), "day"),
    ("1999-06/1999-09", D(1999, 6, 1), "month", False, D(1999, 9, 1), "month"),
    ("2023-05-29..2023-06-02", D(2023, 5, 29), "day", False, D(2023, 6, 2), "day"),
    (" ~1999 / 2001-03 ", D(1999, 1, 1), "year", True, D(2001, 3, 1), "month"),
])
def test_the_date_field_reads_precision_approximation_and_end_from_what_was_typed(
        text, start, start_precision, approximate, end, end_precision):
    period = PeriodField().clean(text)
    assert (period.start.date, period.start.precision, period.start.approximate) == (start, start_precision, approximate)
    assert (period.end.date if period.end else None, period.end.precision if period.end else "") == (end, end_precision)


@pytest.mark.parametrize("text, message", [
    ("29/05/2023", "is not a date this field reads"),
    ("May 2023", "is not a date this field reads"),
    ("2023/", "is not a date this field reads"),
    ("2023/2024/2025", "is not a date this field reads"),
    ("2023-02-30", "is not a real date"),
    ("2023-13", "is not a real date"),
    ("1999?", "a doubtful date"),
    ("1999/2001~", "only the start of a period may be approximate"),
    ("0000", "there is no year 0"),
    ("2023-06-02/2023-05-29", "the end is before the start"),
    ("", "Give the date"),
])
def test_the_date_field_says_what_is_wrong(text, message):
    with pytest.raises(ValidationError) as caught:
        PeriodField().clean(text)
    assert message in " ".join(caught.value.messages)


@pytest.mark.django_db
def test_the_field_shows_an_events_dates_as_typed():
    event = make_event(start=D(1999, 6, 1), start_precision="month", approximate=True, end=D(1999, 9, 1),
                       end_precision="month")
    assert period_text(event) == "~1999-06/1999-09"
    assert PeriodField().clean(period_text(event)).edtf() == "1999-06~/1999-09"


@pytest.mark.django_db
def test_the_admin_saves_the_dates_typed_and_refuses_others_with_a_message(client, login):
    login("Editor")
    event_type, source = make_event_type(), make_source()
    page = client.get(ADD)
    values = {"title": "KFOR patrols", "slug": "kfor-patrols", "summary": "KFOR patrols.", "status": "draft",
              "event_type": str(event_type.pk), "citations-0-source": str(source.pk)}
    refused = client.post(ADD, form_data(page, dates="29/05/2023", **values))
    assert refused.status_code == 200 and not Event.objects.exists()
    assert "is not a date this field reads" in refused.content.decode()
    response = client.post(ADD, form_data(page, dates="~1999-06/1999-09", **values))
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.start, event.start_precision, event.approximate, event.end, event.end_precision) == (
        D(1999, 6, 1), "month", True, D(1999, 9, 1), "month")


@pytest.mark.django_db
def test_an_editors_new_dates_for_a_published_event_wait_for_review_as_the_events_fields(client, login):
    event = make_event(start=D(2001, 3, 4))
    login("Editor")
    url = reverse("admin:events_event_change", args=[event.pk])
    client.post(url, form_data(client.get(url), dates="2001-03", edit_summary="Only the month is known"))
    change = EventChange.objects.get()
    assert change.proposal["fields"] == {"start": "2001-03-01", "start_precision": "month", "end": None,
                                         "end_precision": "", "approximate": False}
    event.refresh_from_db()
    assert (event.start, event.start_precision) == (D(2001, 3, 4), "day")


def positions(html, markers):
    found = {name: html.find(marker) for name, marker in markers.items()}
    assert all(index >= 0 for index in found.values()), found
    return sorted(found, key=found.get)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["add", "change"])
def test_the_form_puts_title_date_summary_and_citations_first_and_folds_the_rest(client, login, url):
    login("Editor")
    event = make_event(status=Status.DRAFT)
    address = ADD if url == "add" else reverse("admin:events_event_change", args=[event.pk])
    html = client.get(address).content.decode()
    order = positions(html, {"title": 'id="id_title"', "dates": 'id="id_dates"', "summary": 'id="id_summary"',
                             "citations": 'id="citations-group"', "body": 'id="id_body"',
                             "actors": 'id="event_actors-group"', "corrections": 'id="events-correction-content_type'})
    assert order == ["title", "dates", "summary", "citations", "body", "actors", "corrections"]
    assert 'id="id_start_precision"' not in html and 'id="id_start"' not in html
    folded = re.search(r"<details>.*?</details>", html, re.S).group(0)  # the first folded section holds the body
    assert 'id="id_body"' in folded and 'id="id_title"' not in folded
