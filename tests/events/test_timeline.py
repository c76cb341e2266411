import datetime
import re

import pytest
from django.urls import reverse

from events.models import Event, Status
from events.views.pages import PAGE_SIZE
from tests.factories import bulk_events, make_actor, make_event, make_event_type, make_figure, make_place

pytestmark = pytest.mark.django_db
D = datetime.date
URL = reverse("events:timeline")


def titles(client, query=""):
    response = client.get(f"{URL}?{query}" if query else URL)
    assert response.status_code == 200, response.content[:500]
    return listed_titles(response)


def listed_titles(response):
    """The titles of the events a list shows, looked up by their ids."""
    titles = dict(Event.objects.values_list("pk", "title"))
    return [titles[row.pk] for row in response.context["events"]]


def test_groups_published_events_by_year_oldest_first(client):
    make_event(title="Later", start=D(2004, 3, 1), start_precision="month")
    make_event(title="First entry", start=D(1999, 6, 12))
    make_event(title="Hidden draft", start=D(1999, 6, 13), status=Status.DRAFT)
    response = client.get(URL)
    html = response.content.decode()
    assert titles(client) == ["First entry", "Later"]
    assert 'id="y1999"' in html and 'id="y2004"' in html and "March 2004" in html
    assert "Hidden draft" not in html
    assert 'role="status">2 events</p>' in html


def test_newest_first_on_request(client):
    make_event(title="Old", start=D(1999, 6, 12))
    make_event(title="New", start=D(2021, 10, 2))
    assert titles(client, "order=newest") == ["New", "Old"]


def test_key_events_are_marked_and_filterable(client):
    make_event(title="Turning point", key_event=True)
    make_event(title="Routine")
    assert "Key event" in client.get(URL).content.decode()
    assert titles(client, "key=on") == ["Turning point"]


def test_actor_filter_includes_sub_actors_at_any_depth(client):
    nato = make_actor(slug="nato")
    kfor = make_actor(slug="kfor", parent=nato)
    unit = make_actor(slug="orf", parent=kfor)
    make_event(title="NATO decides", actors=[nato])
    make_event(title="KFOR deploys", actors=[kfor])
    make_event(title="ORF arrives", actors=[unit])
    make_event(title="Unrelated", actors=[make_actor()])
    assert sorted(titles(client, "actor=nato")) == ["KFOR deploys", "NATO decides", "ORF arrives"]
    assert sorted(titles(client, "actor=kfor")) == ["KFOR deploys", "ORF arrives"]


def test_the_filters_know_an_actor_added_after_they_were_first_used(client):
    # The filters' forms share their fields: a list of actors read once must not stay cached in them.
    make_event(title="KFOR deploys", actors=[make_actor(slug="kfor", name="KFOR")])
    assert titles(client, "actor=kfor") == ["KFOR deploys"]
    make_event(title="EULEX arrives", actors=[make_actor(slug="eulex", name="EULEX")])
    assert titles(client, "actor=eulex") == ["EULEX arrives"]
    assert b'<option value="eulex">EULEX</option>' in client.get(URL).content
    assert b'<option value="eulex">EULEX</option>' in client.get(f"{URL}?actor=kfor").content  # a field box kept before


def test_an_event_with_two_matching_actors_is_counted_once(client):
    nato = make_actor(slug="nato")
    kfor, unit = make_actor(slug="kfor", parent=nato), make_actor(slug="orf", parent=nato)
    make_event(title="Joint exercise", actors=[kfor, unit], start=D(2011, 8, 1))
    make_event(title="KFOR alone", actors=[kfor], start=D(2012, 8, 1))
    response = client.get(f"{URL}?actor=nato")
    assert listed_titles(response) == ["Joint exercise", "KFOR alone"]
    assert response.context["paginator"].count == 2
    assert [(e["year"], e["count"]) for e in response.context["year_index"]] == [(2011, 1), (2012, 1)]
    assert 'role="status">2 of 2 events</p>' in response.content.decode()


def test_place_filter_includes_places_within(client):
    north = make_place(slug="northern-kosovo")
    jarinje = make_place(slug="jarinje", parent=north)
    make_event(title="At Jarinje", places=[jarinje])
    make_event(title="Elsewhere", places=[make_place()])
    assert titles(client, "place=northern-kosovo") == ["At Jarinje"]


def test_type_filter(client):
    agreement = make_event_type(slug="agreement")
    make_event(title="Deal", event_type=agreement)
    make_event(title="Other")
    assert titles(client, "type=agreement") == ["Deal"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("from=2011", ["Gate 2", "Crisis"]),
        ("to=2010", ["Campaign", "Gate 2"]),
        ("from=2010-12&to=2011-02", ["Gate 2"]),
        ("from=1999-06-10&to=1999-06-30", ["Campaign"]),  # the campaign ended on 10 June
        ("from=1999-06-11&to=1999-06-30", []),
        ("from=2011-07-01&to=2011-07-31", ["Crisis"]),
    ],
)
def test_period_filter_by_year_month_or_date(client, query, expected):
    make_event(title="Campaign", start=D(1999, 3, 24), end=D(1999, 6, 10), end_precision="day")
    make_event(title="Gate 2", start=D(2010, 10, 29), end=D(2011, 2, 28), end_precision="day")
    make_event(title="Crisis", start=D(2011, 7, 1), start_precision="month")
    assert titles(client, query) == expected


def test_text_query_filter(client):
    make_event(title="Licence plate dispute", summary="Plates.")
    make_event(title="Other", summary="Nothing here.")
    assert titles(client, "q=licence") == ["Licence plate dispute"]


def test_filters_combine(client):
    kfor = make_actor(slug="kfor")
    jarinje = make_place(slug="jarinje")
    deployment = make_event_type(slug="deployment")
    make_event(title="All match", actors=[kfor], places=[jarinje], event_type=deployment, start=D(2021, 10, 2), key_event=True)
    make_event(title="Wrong year", actors=[kfor], places=[jarinje], event_type=deployment, start=D(2011, 7, 1), key_event=True)
    make_event(title="Not key", actors=[kfor], places=[jarinje], event_type=deployment, start=D(2021, 10, 3))
    make_event(title="Wrong place", actors=[kfor], event_type=deployment, start=D(2021, 10, 4), key_event=True)
    query = "actor=kfor&place=jarinje&type=deployment&from=2021&key=on"
    assert titles(client, query) == ["All match"]
    assert 'role="status">1 of 4 events</p>' in client.get(f"{URL}?{query}").content.decode()


@pytest.mark.parametrize(
    "query, field",
    [("from=abc", "from"), ("to=2021-13", "to"), ("actor=nobody", "actor"), ("type=x", "type"),
     ("order=sideways", "order"), ("from=1999-02-30", "from")],
)
def test_invalid_filter_values_are_a_400_with_the_form_error(client, query, field):
    make_event()
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert field in response.context["filter"].errors
    assert 'class="error"' in response.content.decode()


def test_empty_state_and_match_count(client):
    make_event(title="Only one", start=D(2000, 1, 1))
    html = client.get(f"{URL}?from=2020").content.decode()
    assert 'role="status">0 of 1 event</p>' in html and "No published events match these filters" in html


def test_pagination_keeps_the_filters_and_year_index_points_to_pages(client):
    kfor = make_actor(slug="kfor")
    bulk_events(PAGE_SIZE + 5, actors=[kfor])
    response = client.get(f"{URL}?actor=kfor&order=newest")
    html = response.content.decode()
    assert response.context["paginator"].num_pages == 2
    assert 'href="?actor=kfor&amp;order=newest&amp;page=2"' in html
    index = response.context["year_index"]
    assert sum(entry["count"] for entry in index) == PAGE_SIZE + 5
    for entry in index:  # each year's link lands on a page that shows that year
        page = client.get(f"{URL}?actor=kfor&order=newest&page={entry['page']}").content.decode()
        assert f'id="y{entry["year"]}"' in page
    second = client.get(f"{URL}?actor=kfor&order=newest&page=2")
    assert len(second.context["events"]) == 5


def test_the_year_index_and_the_band_link_the_filters_alone_written_one_way(client):
    kfor = make_actor(slug="kfor")
    make_event(start=D(2004, 3, 17), actors=[kfor])
    for query in ("order=newest&actor=kfor&utm_source=feed&page=1", "actor=kfor&actor=kfor&from=&order=newest"):
        html = client.get(f"{URL}?{query}").content.decode()
        index = html.split('class="year-index"', 1)[1].split("</nav>", 1)[0]
        band = html.split('<figure class="band"', 1)[1].split("</figure>", 1)[0]
        assert 'href="?actor=kfor&amp;order=newest&amp;page=1#y2004"' in index
        assert 'href="?actor=kfor&amp;order=newest&amp;page=1#y2004"' in band
        assert "utm_source" not in index + band


def test_the_troop_chart_has_its_own_page_and_the_home_page_a_link_to_it(client):
    make_figure(best=50000)
    html = client.get(URL).content.decode()
    assert 'class="figures-teaser"><a href="/figures/">Troop strength</a>' in html and 'class="chart"' not in html
    assert 'class="chart"' in client.get(reverse("events:figures")).content.decode()


def test_each_filterset_has_its_own_filters_bound_to_it():
    from django.http import QueryDict

    from events.filters import EventFilter

    first, second = (EventFilter(QueryDict(query), queryset=Event.objects.all()) for query in ("key=on", "order=newest"))
    for name in ("key", "order", "from"):
        assert first.filters[name] is not second.filters[name]
        assert first.filters[name].parent is first and second.filters[name].parent is second
    assert first.filters["key"].filter.f is first.filters["key"]  # its method looks itself up on its own FilterSet
    assert first.is_valid() and second.is_valid() and second.newest_first and not first.newest_first


def test_active_filters_are_chips_that_each_drop_their_filter_and_the_count_says_of_how_many(client):
    kfor = make_actor(slug="kfor", name="KFOR")
    make_event(title="Match", start=D(2004, 3, 17), actors=[kfor], key_event=True)
    make_event(title="Other", start=D(2004, 3, 18))
    html = client.get(f"{URL}?actor=kfor&key=on&from=2004&order=newest&q=%3Cb%3E+match&page=1").content.decode()
    chips = html.split('<ul class="chips"', 1)[1].split("</ul>", 1)[0]
    hrefs = re.findall(r'<li><a href="([^"]+)"', chips)
    assert hrefs == ["?actor=kfor&amp;from=2004&amp;key=on&amp;order=newest",  # each without its own filter
                     "?q=%3Cb%3E+match&amp;from=2004&amp;key=on&amp;order=newest",
                     "?q=%3Cb%3E+match&amp;actor=kfor&amp;key=on&amp;order=newest",
                     "?q=%3Cb%3E+match&amp;actor=kfor&amp;from=2004&amp;order=newest"]
    assert "Actor: KFOR" in chips and "Key events only <" in chips and "From: 2004" in chips
    assert "Search: &lt;b&gt; match" in chips and "<b>" not in chips  # a reader's words, escaped
    assert "Order" not in chips and 'class="clear" href="/"' in chips
    assert 'role="status">0 of 2 events</p>' in html
    assert '<ul class="chips"' not in client.get(URL).content.decode()


def test_the_filters_fold_behind_one_control_and_open_to_show_their_errors(client):
    make_event()
    folded = client.get(URL).content.decode()
    assert '<details class="filter-panel">\n    <summary>Filter</summary>' in folded
    assert '<details class="filter-panel" open>' in client.get(f"{URL}?from=abc").content.decode()


def test_the_home_page_runs_no_inline_code(client):
    make_event(title="One", key_event=True)
    html = client.get(URL).content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts == [' src="/static/js/band.js" defer', ' id="band-data" type="application/json"',
                       ' src="/static/js/embed.js" defer']
    assert " style=" not in html and "onclick" not in html
