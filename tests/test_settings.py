"""Production settings refuse to start half-configured; development must be asked for."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def printed(expression, **env):
    """Load the settings in a fresh process with ``env`` (and no other DJANGO_ variable) and print ``expression``."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="kfor_site.settings")
    code = f"from django.conf import settings; print({expression})"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def load_settings(**env):
    return printed("settings.DEBUG, settings.ALLOWED_HOSTS", **env)


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


def test_check_deploy_reports_nothing_with_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="kfor_site.settings", DJANGO_SECRET_KEY="p" * 20 + "roduction-Secret-Key-0123456789-abcdefghij",
               DJANGO_ALLOWED_HOSTS="kfor-timeline.example")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_redis_url_selects_the_redis_cache():
    result = printed("settings.CACHES['default']['BACKEND']", DJANGO_DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/3")
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache", result.stderr


def test_postgresql_connections_run_without_jit():
    """JIT compiling a public page's query (the bibliography's subqueries) took a second that the query did not."""
    result = printed("settings.DATABASES['default']['OPTIONS']", DJANGO_DEBUG="1",
                     DATABASE_URL="postgres://postgres@127.0.0.1:5432/kfor")
    assert "-c jit=off" in result.stdout, result.stderr
    sqlite = printed("settings.DATABASES['default'].get('OPTIONS')", DJANGO_DEBUG="1", DATABASE_URL="sqlite:///x.sqlite3")
    assert sqlite.returncode == 0 and "jit" not in sqlite.stdout, sqlite.stderr


def test_collectstatic_hashes_and_compresses_for_production(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="kfor_site.settings", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="example.org",
               DJANGO_STATIC_ROOT=str(tmp_path))
    result = subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "css/site.css" in manifest and "vendor/timelinejs/js/timeline.js" in manifest
    assert list(tmp_path.glob("css/site.*.css.gz")), "compressed, hashed copies are served by whitenoise"


def test_kept_database_connections_are_checked_before_use():
    """A connection kept across requests (DJANGO_CONN_MAX_AGE) may have died with a database restart."""
    database = "settings.DATABASES['default']"
    result = printed(f"{database}['CONN_MAX_AGE'], {database}['CONN_HEALTH_CHECKS']", DJANGO_DEBUG="1", DJANGO_CONN_MAX_AGE="60")
    assert result.stdout.strip() == "60 True", result.stderr


@pytest.mark.django_db
def test_demo_accounts_are_made_in_development_only(settings, capsys):
    from django.contrib.auth import get_user_model
    from django.core.management import CommandError, call_command

    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("demo_accounts")
    assert not get_user_model().objects.filter(username__startswith="demo-").exists()
    settings.DEBUG = True
    call_command("demo_accounts")
    printed = dict(line.split()[1:] for line in capsys.readouterr().out.splitlines()[1:])
    assert sorted(printed) == ["demo-administrator", "demo-editor", "demo-reviewer"]
    editor = get_user_model().objects.get(username="demo-editor")
    assert editor.check_password(printed["demo-editor"]) and editor.is_staff
    assert list(editor.groups.values_list("name", flat=True)) == ["Editor"]
