"""Cache tags: the names of what a public page shows.

A page names every object it shows (`tag_response`); a change names the objects it
touched (`invalidate`), and every page that shows one of them is out of date at once,
in the embedded page cache (pagecache.middleware) and, through the tag header, in a
cache in front that purges by tag (Varnish xkey, Fastly Surrogate-Key, Cloudflare
Cache-Tag).

How a tag is marked: its key in Django's cache holds the time of its last
invalidation. A stored page is valid while it was rendered after every one of its
tags was last invalidated. Invalidation runs when the transaction that made the change
commits, so a page rendered from the old rows always started before the mark.

The same rule keeps values that are costly to work out and shown on many pages (the
catalog's counts per genre and theme): `cached` holds one until a tag it depends on is
invalidated.
"""

import logging
import sys
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from pagecache.purge import purge

# Lists whose membership moves when a film is published, unpublished or edited:
# the catalog and everything shaped like it (search, feed, sitemap); the home page.
CATALOG = "catalog"
HOME = "home"
# Carried by every stored page: invalidating it empties the whole page cache.
SITE = "site"

logger = logging.getLogger(__name__)


def film(pk):
    """Any page that shows the film: its dossier, its card, a link to it."""
    return f"film-{pk}"


def answers(pk):
    """The pages that show the film's approved reader answers (its dossier)."""
    return f"answers-{pk}"


def person(pk):
    return f"person-{pk}"


def theme(pk):
    return f"theme-{pk}"


def collection(pk):
    return f"collection-{pk}"


def cache_failed(log, message, *args):
    """Log the cache error being handled in one line: a Redis that is down fails every request,
    and a traceback each time would bury the log. The traceback comes with LOG_LEVEL=DEBUG."""
    log.warning(f"{message} (%r)", *args, sys.exception(), exc_info=log.isEnabledFor(logging.DEBUG))


def store():
    return caches[settings.PAGE_CACHE_ALIAS]


def tag_key(tag):
    return f"pagetag:{tag}"


def tag_response(response, tags, *, valid_until=None):
    """Name what the response shows. Only a tagged response is stored by the page cache.

    `valid_until`: when the page ends whatever happens (a datetime, or a function giving one
    or None, called only if the page is stored).
    """
    response.cache_tags = set(getattr(response, "cache_tags", ())) | set(tags)
    response.valid_until = valid_until
    # With SITE, as stored here: purge_all empties the cache in front too.
    response[settings.PAGE_CACHE_TAG_HEADER] = _header_value({*response.cache_tags, SITE})
    return response


def _header_value(tags):
    # Cloudflare's Cache-Tag is comma-separated; xkey and Surrogate-Key are space-separated.
    separator = "," if settings.PAGE_CACHE_TAG_HEADER.lower() == "cache-tag" else " "
    return separator.join(sorted(tags))


def invalidate(tags):
    """Every stored page showing one of `tags` is out of date once the current transaction commits."""
    tags = set(tags)
    if tags:
        # robust: the change is committed whatever happens here; a cache that is down cannot
        # undo it, so its error is logged (ERROR) instead of failing the editor's request.
        transaction.on_commit(lambda: mark_invalidated(tags), robust=True)


def expires_at(started_at, valid_until=None):
    """When something worked out at `started_at` ends: PAGE_CACHE_SECONDS later, or at
    `valid_until` (a datetime, or a function giving one or None) if sooner."""
    if callable(valid_until):
        valid_until = valid_until()
    ends = started_at + settings.PAGE_CACHE_SECONDS
    return ends if valid_until is None else min(ends, valid_until.timestamp())


def is_fresh(started_at, depends_on, marks):
    """Worked out after each tag in `depends_on` was last invalidated (`marks`: read_marks)."""
    fresh_from = started_at - settings.PAGE_CACHE_CLOCK_SKEW
    return all(tag_key(tag) in marks and marks[tag_key(tag)] < fresh_from for tag in depends_on)


def read_marks(depends_on):
    return store().get_many([tag_key(tag) for tag in depends_on])


# When the page being rendered started, while one is (pagecache.middleware): see `cached`.
_page_started_at = ContextVar("page_started_at", default=None)


@contextmanager
def rendering_page(started_at):
    token = _page_started_at.set(started_at)
    try:
        yield
    finally:
        _page_started_at.reset(token)


def mark_unknown(depends_on, started_at):
    """A tag never invalidated (or evicted since) is marked as of just before `started_at`:
    what was worked out before it is unknown to be fresh, what started at `started_at` is."""
    mark = started_at - settings.PAGE_CACHE_CLOCK_SKEW - 0.001
    for tag in depends_on:
        store().add(tag_key(tag), mark, timeout=None)


def cached(key, depends_on, compute, *, valid_until=None):
    """compute()'s value, kept in the cache until a tag in `depends_on` is invalidated (or
    `valid_until()`, a datetime or None, passes). With the page cache off, always compute()."""
    if not settings.PAGE_CACHE:
        return compute()
    depends_on = {*depends_on, SITE}
    key = f"value:{key}"
    try:
        entry = store().get(key)
        if entry is not None and entry["expires_at"] > time.time() and is_fresh(
            entry["started_at"], depends_on, read_marks(depends_on)
        ):
            return entry["value"]
    except Exception:  # any backend's error: the cache is down, the value is not
        cache_failed(logger, "The cache cannot be read: %s is worked out afresh.", key)
        return compute()
    started_at = time.time()
    value = compute()
    ends = expires_at(started_at, valid_until)
    try:
        # Tags never marked are marked as of the page that asks for the value, not as of now:
        # marked as of now, they would be newer than that page's start (it began rendering
        # before it reached this value), and the page would never be valid once stored.
        page_started_at = _page_started_at.get()
        mark_unknown(depends_on, started_at if page_started_at is None else min(started_at, page_started_at))
        store().set(key, {"value": value, "started_at": started_at, "expires_at": ends},
                    timeout=max(ends - started_at, 0.001))
    except Exception:
        cache_failed(logger, "The cache cannot be written: %s is not kept.", key)
    return value


def mark_invalidated(tags):
    now = time.time()
    try:
        store().set_many({tag_key(tag): now for tag in tags}, timeout=None)
    finally:
        # After the marks: a page the cache in front asks for again is rendered afresh here,
        # never served from this cache's old copy. And even if they failed (the cache down).
        purge(tags)


def purge_all():
    """Empty the page cache: every stored page carries SITE."""
    mark_invalidated({SITE})
