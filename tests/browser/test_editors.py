"""The event form as an editor meets it in Chromium: the citations within the first screenful or so."""

import re

import pytest
from django.contrib.auth.models import Group

from tests.factories import make_event

pytestmark = pytest.mark.django_db(transaction=True)
TOP = "document.getElementById('citations-group').getBoundingClientRect().top + window.scrollY"


@pytest.mark.parametrize("page_name", ["add", "change"])
def test_an_editor_finds_the_citations_near_the_top_of_the_event_form(live_server, page, django_user_model,
                                                                      editorial_roles, page_name):
    user = django_user_model.objects.create_user("erin", "erin@example.org", "a-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    event = make_event(status="draft")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "erin")
    page.fill("#id_password", "a-long-password-1")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))
    path = "/admin/events/event/add/" if page_name == "add" else f"/admin/events/event/{event.pk}/change/"
    page.goto(live_server.url + path)
    assert page.locator("#id_dates").is_visible() and page.locator("#citations-group").is_visible()
    top = page.evaluate(TOP)
    assert 0 < top <= 1200, f"the citations start {top:.0f} px down the form"
    assert page.evaluate(TOP) > page.evaluate(TOP.replace("citations-group", "id_summary"))
