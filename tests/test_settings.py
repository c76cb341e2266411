"""Production settings refuse to start half-configured; development must be asked for."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="kfor_site.settings")
    code = "from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_missing_secret_key_is_refused_with_advice():
    result = load_settings(DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_missing_allowed_hosts_is_refused_with_advice():
    result = load_settings(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = load_settings(DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="example.org, www.example.org")
    assert result.stdout.strip() == "False ['example.org', 'www.example.org']"


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_development_mode_needs_no_key(value):
    result = load_settings(DJANGO_DEBUG=value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True")
