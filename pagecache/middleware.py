"""The embedded page cache: whole public pages for anonymous readers, kept by cache tag.

Shaped like Django's own UpdateCacheMiddleware / FetchFromCacheMiddleware pair, with one
difference: a stored page is thrown out the moment any object it shows changes
(pagecache.tags), instead of living for a fixed time.

- `FetchPageMiddleware`, last in MIDDLEWARE, answers an anonymous GET from the cache
  when its page is stored and still valid. A hit reads the cache only, never the
  database, so cached pages outlive a database outage. The response still passes out
  through every middleware, which add the security headers, CSP and ETag as for any page.
- On a miss it lets the view run; a response the view tagged (tag_response) gets its
  Last-Modified and Cache-Control, and is handed to `StorePageMiddleware`, first in
  MIDDLEWARE, which stores it if the whole stack set no cookie (a cookie is one visitor's).

Only views that tag their responses are ever stored: public pages of live content.
Requests with a session or a pending message (staff, a reader being thanked) always
get a fresh page. A cache that cannot be read or written (a lost disk, Redis down)
costs speed, never a page: it is rendered as if the cache were off (and /healthz says
the cache is down).
"""

import functools
import hashlib
import logging
import time
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from pagecache.purge import let_front_keep
from pagecache.tags import SITE, cache_failed, expires_at, is_fresh, mark_unknown, read_marks, rendering_page, store

# What a stored page keeps of the view's response; the rest comes from the stack on each hit.
STORED_HEADERS = ("Content-Type", "Content-Language", "Last-Modified", "Cache-Control")
# Part of every key: a deploy that stores pages differently never reads the old shape.
STORED_FORMAT = 6

logger = logging.getLogger(__name__)


@functools.cache
def release():
    """What this deploy renders with: its templates and its static manifest. A new deploy never
    serves pages stored by the old one, which may name CSS files it no longer has."""
    fingerprint = hashlib.sha256()
    sources = sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))
    manifest = Path(settings.STATIC_ROOT, "staticfiles.json")
    for path in [*sources, *([manifest] if manifest.exists() else [])]:
        fingerprint.update(path.read_bytes())
    return fingerprint.hexdigest()[:12]


def is_cacheable_request(request):
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.path.startswith("/admin/")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.MESSAGES_COOKIE_NAME not in request.COOKIES
    )


def reads_query(*names):
    """Declares the only query parameters a cached view reads. Its page is stored under the URL
    with those alone, in a fixed order, and the view sees no other: `?utm_source=...` or any
    made-up parameter shares the one stored page instead of storing another."""

    def declare(view):
        view.page_query = frozenset(names)
        return view

    return declare


def uncached(view):
    """Declares a view whose answers are never stored, so the page cache is not even read for it:
    the probes (/healthz answers as fast as the process, whatever the cache is doing)."""
    view.page_cache = False
    return view


def view_of(request):
    try:
        return resolve(request.path_info, getattr(request, "urlconf", None)).func
    except Resolver404:
        return None


def keep_declared_query(request, view):
    """Strip from the request every query parameter its view has not declared (see reads_query)."""
    declared = getattr(view, "page_query", None)
    if declared is None:
        return
    kept = QueryDict(mutable=True)
    for name in sorted(declared & request.GET.keys()):
        kept.setlist(name, request.GET.getlist(name))
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


def page_key(request):
    # Scheme and host are part of the page: canonical links, og:url and JSON-LD are absolute.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{STORED_FORMAT}:{release()}:{hashlib.sha256(address.encode()).hexdigest()}"


def _is_storable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(response, "cache_tags", None)
        and response.status_code == 200
        and not response.streaming
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def _is_valid(entry):
    """Rendered after every one of its tags was last invalidated (and not past its expiry)."""
    return entry["expires_at"] > time.time() and is_fresh(entry["started_at"], entry["tags"], read_marks(entry["tags"]))


class FetchPageMiddleware:
    """Last in MIDDLEWARE: serves valid stored pages, and prepares the view's tagged pages for storing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = view_of(request) if is_cacheable_request(request) else None
        if view is None or not getattr(view, "page_cache", True):
            return self.get_response(request)
        keep_declared_query(request, view)
        key = page_key(request)
        try:
            entry = store().get(key)
            valid = entry is not None and _is_valid(entry)
        except Exception:  # any backend's error: the cache is down, the page is not
            cache_failed(logger, "The page cache cannot be read: %s is rendered uncached.", request.path)
            return self.get_response(request)
        if valid:
            return self._serve(entry)
        started_at = time.time()
        with rendering_page(started_at):
            response = self.get_response(request)
        if request.method == "GET" and _is_storable(response):
            response.page_cache_entry = self._entry(key, response, started_at)
        return response

    def _serve(self, entry):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"].items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        let_front_keep(response, entry["expires_at"] - time.time())
        return response

    def _entry(self, key, response, started_at):
        tags = {*response.cache_tags, SITE}
        ends = expires_at(started_at, getattr(response, "valid_until", None))
        response["Last-Modified"] = http_date(started_at)
        # Revalidate every time (a stored page can end at any moment), but a 304 costs almost nothing.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return {
            "key": key,
            "content": response.content,
            "headers": {name: response[name] for name in (*STORED_HEADERS, settings.PAGE_CACHE_TAG_HEADER)
                        if name in response},
            "tags": sorted(tags),
            "started_at": started_at,
            "expires_at": ends,
        }


class StorePageMiddleware:
    """First in MIDDLEWARE: stores what FetchPageMiddleware prepared, once the whole stack has
    answered without setting a cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        entry = getattr(response, "page_cache_entry", None)
        if entry is not None and not response.cookies:
            try:
                self._store(entry)
                # Unless something it shows changed while it was rendered (its purge came too
                # early to reach a copy not kept yet), the cache in front may keep it as long.
                if is_fresh(entry["started_at"], entry["tags"], read_marks(entry["tags"])):
                    let_front_keep(response, entry["expires_at"] - time.time())
            except Exception:  # any backend's error: the page is served, just not kept
                cache_failed(logger, "The page cache cannot be written: %s is not stored.", request.path)
            response["X-Page-Cache"] = "miss"
        return response

    def _store(self, entry):
        timeout = entry["expires_at"] - time.time()
        if timeout <= 0:
            return
        mark_unknown(entry["tags"], entry["started_at"])
        store().set(entry["key"], entry, timeout=timeout)
