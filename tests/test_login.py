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
