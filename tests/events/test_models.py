import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from events.models import Event, Figure
from events.models import Status
from tests.factories import make_actor, make_event, make_figure, make_place, make_source

pytestmark = pytest.mark.django_db
D = datetime.date


def fails(**kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(**kwargs)


def test_end_may_not_precede_start():
    fails(start=D(2021, 10, 2), end=D(2021, 10, 1), end_precision="day")


def test_end_and_its_precision_come_together():
    fails(start=D(2021, 10, 2), end=D(2021, 10, 3), end_precision="")
    fails(start=D(2021, 10, 2), end=None, end_precision="day")


@pytest.mark.parametrize("start, precision", [(D(2004, 3, 17), "month"), (D(2012, 5, 1), "year")])
def test_start_must_match_its_precision(start, precision):
    fails(start=start, start_precision=precision)


def test_dates_of_every_precision_are_accepted():
    make_event(start=D(2004, 3, 1), start_precision="month", end=D(2005, 1, 1), end_precision="year")
    make_event(start=D(2012, 1, 1), start_precision="year")
    assert Event.objects.count() == 2


def test_slugs_are_unique():
    make_event(slug="same")
    fails(slug="same")


def test_published_hides_drafts_review_and_unpublished():
    shown = make_event(status=Status.PUBLISHED)
    for status in (Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED):
        make_event(status=status)
    assert list(Event.objects.published()) == [shown]


@pytest.mark.parametrize(
    "values",
    [
        {"best": 0},
        {"best": 100, "low": 200},
        {"best": 100, "high": 50},
        {"best": 100, "low": 0},
        {"date": D(2010, 2, 3), "date_precision": "month"},
    ],
)
def test_figure_values_are_positive_and_ordered(values):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_figure(**values)


def test_figure_needs_a_source_and_keeps_it():
    figure = make_figure(best=100, low=90, high=110)
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.create(series="kfor-troops", date=D(2011, 1, 1), best=5, source=None)
    with pytest.raises(ProtectedError):
        figure.source.delete()


def test_figure_is_unique_per_series_date_and_source():
    figure = make_figure()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_figure(source=figure.source)


def test_coordinates_come_in_valid_pairs():
    make_place(latitude=42.66, longitude=21.16)
    for values in ({"latitude": 42.66}, {"latitude": 91, "longitude": 0}, {"latitude": 0, "longitude": 181}):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_place(**values)


def test_actor_cannot_be_its_own_parent():
    actor = make_actor()
    actor.parent = actor
    with pytest.raises(IntegrityError), transaction.atomic():
        actor.save()


def test_a_cited_source_cannot_be_deleted():
    source = make_source()
    make_event(sources=[source])
    with pytest.raises(ProtectedError):
        source.delete()
