"""Whole-page caching for anonymous readers, never stale.

Pages are stored in Django's cache (local memory by default, Redis when
CACHE_URL says so) under the current content version (editorial.freshness):
any change to public content moves the version, so the next request renders
afresh in every web process. Each cached page keeps an ETag and the version's
time as Last-Modified, so browsers and a CDN revalidate with a cheap 304.

Only anonymous readers are served from the cache: a request with a session
(editors, moderators) or a pending message (a reader's thank-you) always gets a
fresh page. Per-visitor values (CSRF and form tokens) are holes the outer
HoleFillingMiddleware fills, so one stored copy serves everyone.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from cinemaone import holes
from editorial import freshness

CACHEABLE_TYPES = ("text/html", "application/xml", "application/atom+xml", "text/plain")
NEVER_CACHED_PREFIXES = ("/admin/", "/healthz", "/static/", "/media/")
STORED_HEADERS = ("Content-Type", "Content-Language")
# Part of every key: a deploy that stores pages differently never reads the old shape.
STORED_FORMAT = 3


def _is_cacheable_request(request):
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
        and not request.path.endswith("/preview/")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.MESSAGES_COOKIE_NAME not in request.COOKIES
    )


def _is_cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
    )


@functools.cache
def release():
    """What this deploy renders with: templates and the static manifest. A new deploy
    never serves pages cached by the old one (which may name CSS files it no longer has)."""
    fingerprint = hashlib.sha256()
    sources = sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))
    manifest = Path(settings.STATIC_ROOT, "staticfiles.json")
    for path in [*sources, *([manifest] if manifest.exists() else [])]:
        fingerprint.update(path.read_bytes())
    return fingerprint.hexdigest()[:12]


def _key(request, version):
    # Scheme and host are part of the page: canonical links, og:url and JSON-LD are absolute.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{STORED_FORMAT}:{release()}:{version}:{hashlib.sha256(address.encode()).hexdigest()}"


def _revalidation_headers(etag, changed_at, personal):
    """ETag, Last-Modified and Cache-Control of a stored page: fixed for as long as it is stored
    (its key holds the content version), so they are worked out once, when it is stored."""
    response = HttpResponse()
    # Revalidate every time (never stale), but a 304 costs almost nothing. A page
    # with per-visitor holes (a form's tokens) may be kept by the browser only.
    scope = {"private": True} if personal else {"public": True}
    patch_cache_control(response, **scope, max_age=0, must_revalidate=True)
    return {"ETag": etag, "Last-Modified": http_date(changed_at.timestamp()), "Cache-Control": response["Cache-Control"]}


def _parts(response):
    """The content split at its holes (holes.split), done once when the page is stored."""
    if response.get("Content-Type", "").startswith("text/html"):
        return holes.split(response.content)
    return [response.content]


def _respond(request, stored, status, response=None):
    """The stored page with its holes filled for this visitor (HoleFillingMiddleware need not look again)."""
    parts = stored["parts"]
    response = response or HttpResponse()
    response.content = holes.fill_split(request, parts) if holes.has_holes(parts) else parts[0]
    response.holes_filled = True
    for name, value in stored["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = status
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self.get_response(request)
        version = freshness.current(request)
        key = _key(request, version.key)
        stored = cache.get(key)
        if stored is not None:
            return _respond(request, stored, status="hit")
        response = self.get_response(request)
        if not _is_cacheable_response(response):
            return response
        parts = _parts(response)
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        stored_headers = {name: response[name] for name in STORED_HEADERS if name in response}
        stored = {
            "parts": parts,
            "headers": {**stored_headers, **_revalidation_headers(etag, version.changed_at, holes.has_holes(parts))},
        }
        cache.set(key, stored, timeout=settings.PAGE_CACHE_SECONDS)
        return _respond(request, stored, status="miss", response=response)
