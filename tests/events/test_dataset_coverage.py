"""
The founding dataset covers KFOR's whole history on independent sources (the sourcing policy, events.sourcing),
and the figures the README gives of it are the ones the site shows.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from events.coverage import coverage
from events.models import Claim, Event, Figure
from events.sourcing import sourcing_problems

pytestmark = pytest.mark.django_db


def test_the_published_data_keeps_the_sourcing_policy(founding_dataset):
    assert [str(problem) for problem in sourcing_problems()] == []


def test_at_least_200_events_and_three_in_every_year_from_1999_to_2025(founding_dataset):
    published = Event.objects.published()
    assert published.filter(start__gte=datetime.date(1999, 6, 1), start__lte=datetime.date(2025, 12, 31)).count() >= 200
    per_year = dict(published.annotate(year=ExtractYear("start")).values_list("year").annotate(n=Count("pk")))
    thin = {year: per_year.get(year, 0) for year in range(1999, 2026) if per_year.get(year, 0) < 3}
    assert not thin, thin


def test_troop_strength_has_a_cited_point_at_least_every_two_years(founding_dataset):
    years = set(Figure.objects.published().filter(series="kfor-troops").values_list("date__year", flat=True))
    gaps = [year for year in range(1999, 2025) if not years & {year, year + 1}]
    assert not gaps, gaps


def test_sources_that_differ_are_recorded_as_claims_with_one_adopted_and_why(founding_dataset):
    disputed = Event.objects.filter(claims__isnull=False).distinct().count() + \
        Figure.objects.filter(claims__isnull=False).distinct().count()
    assert disputed >= 20
    for record in [*Event.objects.filter(claims__isnull=False).distinct(),
                   *Figure.objects.filter(claims__isnull=False).distinct()]:
        adopted = record.claims.filter(adopted=True)
        assert adopted.count() == 1 and adopted.get().reason, record


def test_casualty_counts_that_differ_are_figures_of_their_events(founding_dataset):
    counts = Figure.objects.published().filter(series__in=["injured", "fatalities"], event__isnull=False)
    assert counts.filter(claims__isnull=False).distinct().count() >= 5


def test_at_least_ten_plans_with_their_outcomes(founding_dataset):
    assert Event.objects.published().filter(planned_on__isnull=False).exclude(outcome="").count() >= 10


def test_every_provision_an_event_acts_under_is_on_its_instrument(founding_dataset):
    acting = Event.objects.published().filter(legal_bases__isnull=False).distinct()
    assert acting.count() >= 20
    assert not Event.objects.published().filter(legal_bases__instrument="").exists()


def test_every_translation_is_marked_unreviewed_until_a_native_speaker_checks_it(founding_dataset):
    assert not Event.objects.published().exclude(Q(translations_reviewed=[]) | Q(translations_reviewed__isnull=True)).exists()


def test_the_founding_articles_slips_are_errata_of_it_and_the_sites_own_corrections_are_apart(founding_dataset):
    from events.models import Correction

    errata = Correction.objects.filter(erratum_of__key=settings.FOUNDING_ARTICLE)
    assert errata.count() >= 30
    assert Correction.objects.filter(erratum_of__isnull=True).exists()


def test_the_readme_states_the_figures_the_site_shows(founding_dataset, client):
    readme = (settings.BASE_DIR / "README.md").read_text()
    match = re.search(r"(\d+) published events from (\d{4}) to (\d{4}), on (\d+) sources from (\d+) publishers", readme)
    assert match, "README.md gives no coverage line"
    shown = coverage()
    stated = tuple(int(group) for group in match.groups())
    assert stated == (shown["total"], shown["first"].start.year, shown["last"].start.year, shown["sources"],
                      shown["publishers"])
    about = client.get("/about/").content.decode()
    assert f"holds {shown['total']} published events" in about
