"""Admin sign-in: failed attempts are throttled and then locked; cookies are secure outside development."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_repeated_failures_lock_the_login_even_with_the_right_password(client, django_user_model):
    django_user_model.objects.create_user("editor", "e@example.org", "the-right-password-1", is_staff=True)
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200 and "Please enter the correct username" in response.content.decode()
    assert client.post(url, {"username": "editor", "password": "wrong"}).status_code == 429  # the last allowed failure
    response = client.post(url, {"username": "editor", "password": "the-right-password-1"})
    assert response.status_code == 429 and "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_good_login_before_the_limit_resets_the_count(client, django_user_model):
    django_user_model.objects.create_user("editor", "e@example.org", "the-right-password-1", is_staff=True)
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(url, {"username": "editor", "password": "wrong"})
    response = client.post(url, {"username": "editor", "password": "the-right-password-1"})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_session_and_csrf_cookies_are_secure_without_debug():
    assert not settings.DEBUG
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE and settings.SESSION_COOKIE_HTTPONLY


def fail(client, username, address):
    return client.post(reverse("admin:login"), {"username": username, "password": "wrong"}, REMOTE_ADDR=address)


def test_the_count_ignores_the_usernames_letter_case(client, django_user_model):
    """"Editor", "EDITOR" and "editor" are one account: changing the case does not buy more tries."""
    django_user_model.objects.create_user("editor", "e@example.org", "the-right-password-1", is_staff=True)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        fail(client, ["Editor", "EDITOR", "editor", "eDiToR"][attempt % 4], "10.0.0.1")
    response = client.post(reverse("admin:login"), {"username": "editor", "password": "the-right-password-1"},
                           REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_many_addresses_trying_one_account_lock_it(client, django_user_model):
    """Each address stays under its own limit; together they reach the account's, and it locks for everyone."""
    django_user_model.objects.create_user("editor", "e@example.org", "the-right-password-1", is_staff=True)
    per_address = settings.AXES_FAILURE_LIMIT - 1
    addresses = [f"10.0.{n}.1" for n in range(settings.AXES_ACCOUNT_FAILURE_LIMIT // per_address + 1)]
    for address in addresses:
        for _ in range(per_address):
            fail(client, "editor", address)
    response = client.post(reverse("admin:login"), {"username": "editor", "password": "the-right-password-1"},
                           REMOTE_ADDR="192.168.1.1")
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    other = django_user_model.objects.create_user("reviewer", "r@example.org", "the-right-password-2", is_staff=True)
    response = client.post(reverse("admin:login"), {"username": other.username, "password": "the-right-password-2"},
                           REMOTE_ADDR="192.168.1.1")
    assert response.status_code == 302  # other accounts are not affected


def test_many_usernames_from_one_address_lock_that_address(client, django_user_model):
    """Password spraying: each username tried once from one address; the address is locked, for every account."""
    django_user_model.objects.create_user("editor", "e@example.org", "the-right-password-1", is_staff=True)
    for n in range(60):
        response = fail(client, f"user-{n}", "10.9.9.9")
    assert response.status_code == 429
    response = client.post(reverse("admin:login"), {"username": "editor", "password": "the-right-password-1"},
                           REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    response = client.post(reverse("admin:login"), {"username": "editor", "password": "the-right-password-1"},
                           REMOTE_ADDR="10.9.9.10")
    assert response.status_code == 302  # other addresses are not affected


def test_lockouts_are_logged_alike_whether_or_not_the_account_exists(client, django_user_model, caplog):
    django_user_model.objects.create_user("editor", "e@example.org", "the-right-password-1", is_staff=True)
    logged = {}
    for n, username in enumerate(["editor", "nobody"]):
        caplog.clear()
        for attempt in range(settings.AXES_ACCOUNT_FAILURE_LIMIT + 1):
            fail(client, username, f"10.{n}.{attempt}.1")
        lockouts = [r.getMessage().replace(username, "NAME") for r in caplog.records if r.levelname == "WARNING"]
        assert any("Sign-in locked" in message for message in lockouts)
        logged[username] = lockouts
    assert logged["editor"] == logged["nobody"]


@pytest.mark.parametrize("next_url", ["https://evil.example/admin/", "//evil.example/"])
def test_a_rejected_next_goes_to_the_admin_index_not_to_a_404(client, django_user_model, next_url):
    django_user_model.objects.create_user("editor", "e@example.org", "the-right-password-1", is_staff=True)
    response = client.post(reverse("admin:login"), {"username": "editor", "password": "the-right-password-1",
                                                    "next": next_url})
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
