import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: the shared one and this process's memory."""
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def real_cache(settings):
    """Caches as deployed (each process's memory in front of a shared cache), in memory, for tests of cached pages."""
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    settings.CACHES = {"default": {"BACKEND": locmem, "LOCATION": "shared"}, "local": {"BACKEND": locmem, "LOCATION": "local"}}
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request to /sq/ or /sr/ leaves its language active in the thread; the next test starts in English."""
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(user)
    return client


@pytest.fixture
def reviewer(django_user_model, login):
    """A member of the Reviewer role, not signed in."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("rita", "rita@example.org", "a-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Reviewer"))
    return user


@pytest.fixture
def login(client, django_user_model):
    """login("Editor") signs ``client`` in as a new member of that role, and returns the user."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from events.roles import sync_roles

    if not Group.objects.exists():  # a transactional test (a browser test's live server) flushed the migrations' roles
        sync_roles(apps)

    def as_role(role, username=None):
        username = username or role.lower()
        user = django_user_model.objects.create_user(username, f"{username}@example.org", "a-long-password-1",
                                                     is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return user

    return as_role


@pytest.fixture
def count_queries():
    """Run a callable and return how many queries it made."""

    def run(func, *args, **kwargs):
        with CaptureQueriesContext(connection) as context:
            func(*args, **kwargs)
        return len(context.captured_queries)

    return run


@pytest.fixture(scope="session")
def shared_dir():
    """../shared beside the project: the real sample files and schemas some tests feed in."""
    path = settings.BASE_DIR.parent / "shared"
    if not (path / "samples").is_dir():
        pytest.fail(f"{path} is missing: these tests need the shared samples beside the project")
    return path


@pytest.fixture
def editorial_roles(db):
    """The Editor, Reviewer and Administrator groups (made by a migration; a transactional test flushes them)."""
    from django.apps import apps

    from events.roles import sync_roles

    sync_roles(apps)


@pytest.fixture(scope="session")
def founding_rows(django_db_setup, django_db_blocker):
    """What an import of the founding dataset writes, read once per test process (tests/founding.py)."""
    from tests.founding import imported_rows

    with django_db_blocker.unblock():
        return imported_rows()


@pytest.fixture
def founding_dataset(db, founding_rows):
    """The founding dataset as an import leaves it, written afresh for this test (tests/founding.py)."""
    from tests.founding import write_rows

    write_rows(founding_rows)
