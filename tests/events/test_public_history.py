"""The public history of a page: only what readers were shown, numbered for good, compared field by field."""

import pytest
import reversion
from django.contrib.auth.models import Group

from tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("rita", "rita@example.org", "a-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Reviewer"))
    return user


def keep(record, user, comment="", **changes):
    """Save ``record`` with ``changes`` in a revision of its history, as ``user``."""
    for name, value in changes.items():
        setattr(record, name, value)
    with reversion.create_revision():
        record.save()
        reversion.set_user(user)
        reversion.set_comment(comment)
    return record


def test_smoke(client, reviewer):
    event = make_event(title="First title", slug="smoke")
    keep(event, reviewer, "Published")
    keep(event, reviewer, "Fixed", title="Second title")
    for url in ["/events/smoke/", "/events/smoke/history/", "/events/smoke/v/1/", "/events/smoke/v/2/",
                "/events/smoke/history/?from=1&to=2", "/events/smoke/v/1/cite.bib", "/events/smoke/cite-page.ris"]:
        response = client.get(url)
        print(url, response.status_code)
        print(response.content.decode()[-3000:])
        assert response.status_code == 200
