"""
Conditional GET and a page cache for public pages, both keyed on versions that
database triggers raise (events.ContentVersion, migration 0024): ``version`` on
every write, ``shape`` on every write that may change pages other than an edited
event's own. An edit to the text of existing events leaves the shape alone and
is logged (events.EventEdit) with the version it raised.

A cached page is kept under its URL and the shape, with the version it was
rendered at and the events it shows (``page_shows``; a page that does not say
depends on every event). It is served while none of those events has been
edited since: an edit to one event re-renders the pages that show it and no
other. Any other write changes the shape, and with it every key. Nothing is
purged by hand.

Each thread remembers what it read for CONTENT_VERSION_SECONDS (one second by
default), so that a page served from the cache costs no database query; a write
made through Django forgets it when the write commits, so the process that made
a change shows it at once, and every other process within that second.
PageCacheMiddleware serves cached pages before sessions, authentication and URL
routing run; the views mark what it may keep with ``public_page``.
"""

import contextlib
import contextvars
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import urlencode

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse
from django.urls import get_script_prefix
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

CACHE_SECONDS = 60 * 60
# The query parameters public pages read. A query with any other (a tracking tag, a typo) shows the same page as
# without it: such a page is served but not kept, so arbitrary query strings cannot fill the cache.
PAGE_PARAMETERS = frozenset({"q", "actor", "place", "type", "from", "to", "key", "plan", "order", "page", "kind", "publisher", "mapped",
                             "year"})

_remembered = threading.local()  # each thread its own: connections are per thread too
_generation = [0]  # raised by every committed write in this process (a lost race only costs one more read)
_this_request = contextvars.ContextVar("content_state_of_this_request", default=None)  # PageCacheMiddleware sets it


@dataclass(frozen=True)
class ContentState:
    """The content's versions as one thread last read them, with the events edited since the shape last changed."""

    version: int = 0
    shape: int = 0
    edits: dict = field(default_factory=dict)  # event id: the version of its last edit

    def edited_since(self, version, events=None):
        """Whether any of ``events`` (any event, for None) was edited after ``version``."""
        if events is None:
            return any(edited > version for edited in self.edits.values())
        return any(self.edits.get(pk, 0) > version for pk in events)

    def last_edit(self, pk):
        """The version of the last edit to event ``pk`` since the shape changed (0 for none): a fragment's version."""
        return self.edits.get(pk, 0)


def read_content_state(previous=None):
    """
    The versions, and the edits logged since ``previous`` was read (since the shape changed, if it has or if there is
    no previous state): one query when nothing changed, two when events were edited.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT version, shape FROM events_contentversion WHERE id = 1")
        version, shape = cursor.fetchone() or (0, 0)
        # A version lower than the one remembered: the table was emptied (a test run); start afresh.
        same_shape = previous is not None and previous.shape == shape and version >= previous.version
        if same_shape and previous.version == version:
            return previous
        since = previous.version if same_shape else shape
        edits = dict(previous.edits) if same_shape else {}
        if version > since:
            cursor.execute("SELECT event_id, version FROM events_eventedit WHERE version > %s", [since])
            for pk, edited in cursor.fetchall():
                edits[pk] = max(edits.get(pk, 0), edited)
    return ContentState(version, shape, edits)


class ThisRequest:
    """What one request's parts share: the versions it read, and the events its page says it shows."""

    def __init__(self):
        self.state = None
        self.declared = False  # a page that never says which events it shows depends on all of them
        self.events = set()


def content_state():
    """
    The content's versions, read from the database at most once per CONTENT_VERSION_SECONDS in each thread,
    and once per request at most: every part of a page sees the same versions.
    """
    this_request = _this_request.get()
    if this_request is None:
        return _remembered_state()
    if this_request.state is None:
        this_request.state = _remembered_state()
    return this_request.state


def _remembered_state():
    now = time.monotonic()
    remembered = getattr(_remembered, "value", None)
    if remembered is not None:
        state, read_at, generation = remembered
        if 0 <= now - read_at < settings.CONTENT_VERSION_SECONDS and generation == _generation[0]:
            return state
    state = read_content_state(remembered[0] if remembered else None)
    _remembered.value = (state, now, _generation[0])
    return state


def shaped(name, compute, *, shows=None):
    """
    ``compute()``, kept in the cache until the content's shape changes: for what many pages share whatever
    their filters (the year counts of the whole timeline, the troop chart, the filters' choices). ``shows``
    gives the events whose text the value holds (titles, say): an edit to one of them computes it again.
    The page cache being off does not turn this off.
    """
    state = content_state()
    key = f"shaped:{state.shape}:{name}"
    entry = cache.get(key)
    if entry is None or state.edited_since(entry[0], entry[2]):
        with computing(key):  # the other threads of this process wait for it, then read what it kept
            entry = cache.get(key)
            if entry is None or state.edited_since(entry[0], entry[2]):
                value = compute()
                entry = (state.version, value, frozenset(shows(value)) if shows else frozenset())
                cache.set(key, entry, CACHE_SECONDS)
    this_request = _this_request.get()
    if this_request is not None:
        this_request.events.update(entry[2])  # the page shows them too, wherever the value came from
    return entry[1]


def kept_per_event(kind, pks, make):
    """
    A value of ``kind`` for each event of ``pks``, in that order, each kept in the cache under the event, the version
    of its last edit, the content's shape and the language: the same event in another list or under other filters
    costs a cache read, and an edit to it makes its value afresh. ``make(missing)`` gives ``{id: value}`` for the
    events not kept; one it leaves out (deleted or unpublished since the list was read) is left out here too.
    """
    state, language = content_state(), get_language()
    keys = {pk: f"{kind}:{state.shape}:{pk}:{state.last_edit(pk)}:{language}" for pk in pks}
    kept = cache.get_many(list(keys.values()))
    missing = [pk for pk in pks if keys[pk] not in kept]
    if missing:
        made = {keys[pk]: value for pk, value in make(missing).items()}
        cache.set_many(made, CACHE_SECONDS)
        kept.update(made)
    return [kept[keys[pk]] for pk in pks if keys[pk] in kept]


def kept_drawing(kind, drawn_from, make, *, events=(), keep=True):
    """
    ``make()``, kept in the cache under all it is drawn from: ``drawn_from`` (numbers, links: what ``repr`` writes
    the same whenever the drawing is the same), the version of the last edit of each of ``events`` (those whose text
    it shows), the language, the script prefix and the content's shape. For the parts of a page whose inputs are
    cheap to gather and costly to draw, such as a filtered timeline's band or list: other filters that select the
    same events, or the page asked again, draw nothing; an edit to one of its events draws it afresh. With ``keep``
    false it is drawn and not kept: for what words searched for select, as many kinds as readers can type.
    """
    if not keep:
        return make()
    state = content_state()
    fingerprint = repr((get_language(), get_script_prefix(), drawn_from, [(pk, state.last_edit(pk)) for pk in events]))
    key = f"{kind}:{state.shape}:{hashlib.sha256(fingerprint.encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = make()
        cache.set(key, value, CACHE_SECONDS)
    return value


_held = {}  # name: (token, value), shaped_held's copies in this process


def shaped_held(name, compute):
    """
    ``shaped(name, compute)``, held in this process's memory too: for values too big to read from the cache on
    every request (the order of every published event, say). Each request reads only the value's token from the
    cache; while it is the one held, the value held is served. A new shape, or an emptied cache, gives a new token.
    """
    token_key = f"shaped:{content_state().shape}:{name}:token"
    held = _held.get(name)
    if held is not None and held[0] == cache.get(token_key):
        return held[1]
    with computing(f"held:{name}"):  # one thread of the process loads it, from the cache or afresh
        held = _held.get(name)
        if held is None or held[0] != cache.get(token_key):
            held = shaped(name, lambda: (secrets.token_hex(8), compute()))
            cache.set(token_key, held[0], CACHE_SECONDS)
            _held[name] = held
    return held[1]


_computing = {}  # key: the lock of the thread computing it in this process
_computing_guard = threading.Lock()


@contextlib.contextmanager
def computing(key):
    """
    While one thread of this process computes the value of ``key``, the others that need it wait, then read what
    it kept, instead of all computing it at once (as every thread would when the shape changes).
    """
    with _computing_guard:
        lock = _computing.setdefault(key, threading.Lock())
    try:
        with lock:
            yield
    finally:
        with _computing_guard:
            if _computing.get(key) is lock:
                del _computing[key]


def forget_content_version():
    _generation[0] += 1


def forget_after_commit(sender, **kwargs):
    """A write through Django in this process: read the version afresh once it is committed."""
    transaction.on_commit(forget_content_version, using=kwargs.get("using"))


def page_shows(events):
    """
    Tell the page cache that this page shows ``events`` (ids or events) and no other event's text: an edit to
    any other event leaves it cached. Called once or more by a view; a view that never calls it depends on all.
    """
    this_request = _this_request.get()
    if this_request is not None:
        this_request.declared = True
        this_request.events.update(getattr(event, "pk", event) for event in events)


def is_public_request(request):
    """Anonymous reads only: editors, who carry a session, may see previews and are never served from the cache."""
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_etag(request, version):
    # The absolute URL: pages hold absolute links, and building it validates the Host header.
    return '"%s"' % hashlib.sha256(f"{version}|{request.build_absolute_uri()}".encode()).hexdigest()[:32]


def public_page(view):
    """ETag and 304 Not Modified for a public page, and leave for PageCacheMiddleware to keep it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_public_request(request):
            return view(request, *args, **kwargs)
        etag = getattr(request, "page_etag", None) or page_etag(request, content_state().version)
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return not_modified
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code == 200 and not response.streaming:
            response["ETag"] = etag
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            response.page_cache = True
            this_request = _this_request.get()
            declared = this_request is not None and this_request.declared
            response.page_events = frozenset(this_request.events) if declared else None
        return response

    return wrapped


class PageCacheMiddleware:
    """
    Serves anonymous readers the pages ``public_page`` marked, from the cache,
    with every header the first answer carried (CSP, frame options, ETag).
    Placed just after whitenoise, before sessions: a cached page costs a
    cache lookup and no database query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _this_request.set(ThisRequest())
        try:
            return self.serve(request)
        finally:
            _this_request.reset(token)

    def serve(self, request):
        if not settings.PAGE_CACHE or not is_public_request(request):
            return self.get_response(request)
        try:
            state = content_state()
        except DatabaseError:
            return self.get_response(request)  # the page answers 503 itself (DatabaseUnavailableMiddleware)
        key = page_key(request, state.shape)
        cached = cache.get(key) if key else None
        if cached is not None:
            content, headers, version, events = cached
            if not state.edited_since(version, events):
                response = HttpResponse(content, headers={**headers, "X-Cache": "hit"})
                return get_conditional_response(request, etag=headers["ETag"], response=response)
        request.page_etag = page_etag(request, state.version)
        response = self.get_response(request)
        if key and getattr(response, "page_cache", False) and not response.cookies and may_fill(request):
            entry = (response.content, dict(response.items()), state.version, response.page_events)
            cache.set(key, entry, CACHE_SECONDS)
        return response


def page_key(request, shape):
    """
    A page's cache key: the content's shape, host, path and query parameters, sorted, so that the same
    filters in another order are the same page. None when the query carries an unknown parameter.
    """
    if any(name not in PAGE_PARAMETERS for name in request.GET):
        return None
    query = urlencode(sorted((name, value) for name in request.GET for value in request.GET.getlist(name)))
    digest = hashlib.sha256(f"{shape}|{request.get_host()}|{request.path}|{query}".encode()).hexdigest()[:32]
    return f"page:{digest}"


def _fills_key(request):
    return f"page-fills:{get_client_ip_address(request) or ''}:{int(time.time() // 60)}"


def may_fill(request):
    """
    Whether this client may add a page to the cache: at most PAGE_CACHE_FILLS_PER_MINUTE a minute each, so that
    walking through every combination of filters fills the cache no faster than a reader would.
    """
    key = _fills_key(request)
    cache.add(key, 0, 120)
    try:
        return cache.incr(key) <= settings.PAGE_CACHE_FILLS_PER_MINUTE
    except ValueError:  # the counter expired in between: count this one as the first
        return True


def has_filled_its_share(request):
    """
    Whether this client has added as many pages this minute as it may: what its pages draw is then not kept either
    (kept_drawing's ``keep``), so that it cannot fill the cache through parts of pages instead.
    """
    if not settings.PAGE_CACHE:
        return False  # no page is added, so none is counted: nothing to read
    return (cache.get(_fills_key(request)) or 0) >= settings.PAGE_CACHE_FILLS_PER_MINUTE
