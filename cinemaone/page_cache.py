"""Whole-page caching for anonymous readers, never stale.

Pages are stored in Django's cache (local memory by default, Redis when
CACHE_URL says so) under the current content version (editorial.freshness):
any change to public content moves the version, so the next request renders
afresh in every web process. Each cached page keeps an ETag and the version's
time as Last-Modified, so browsers and a CDN revalidate with a cheap 304.

Only anonymous readers are served from the cache: a request with a session
(editors, moderators) or a pending message (a reader's thank-you) always gets a
fresh page. A reader form's fill-time token is a hole (cinemaone.holes), filled
per response, so one stored copy serves everyone; the forms carry no CSRF
token (cinemaone.cross_origin), and a page that sets any cookie is never stored.

Two middlewares share the work. PageCacheEntryMiddleware, innermost, turns the
view's response into an entry (the content split at its holes, its ETag,
Last-Modified and Cache-Control). PageCacheMiddleware, outermost, stores that
entry with the headers the whole stack gave the response (security headers,
CSP, X-Frame-Options, ...), and serves a stored page before the rest of the
stack runs: a hit only fills the holes and answers conditional requests, with
the hook Django's ConditionalGetMiddleware would use. A stored page skips
nothing it needs: it exists only for an anonymous GET of that scheme, host and
path that the whole stack answered with a 200 and no cookie.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from cinemaone import holes
from editorial import freshness

CACHEABLE_TYPES = ("text/html", "application/xml", "application/atom+xml", "text/plain")
NEVER_CACHED_PREFIXES = ("/admin/", "/healthz", "/static/", "/media/")
# A stored page keeps every header the stack gave it but these: a length the filled holes
# decide, and the cache's own status.
UNSTORED_HEADERS = {"content-length", "x-page-cache"}
# Settings that decide the headers the stack adds: a deploy that changes them never
# serves pages stored with the old ones.
HEADER_SETTINGS = (
    "MIDDLEWARE", "SECURE_CSP", "SECURE_CSP_REPORT_ONLY", "X_FRAME_OPTIONS", "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
)
# The request headers a stored page's ETag and Last-Modified can answer (with 304 or 412).
CONDITIONAL_HEADERS = ("HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")
# Part of every key: a deploy that stores pages differently never reads the old shape.
STORED_FORMAT = 5


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
    """What this deploy renders with: templates, the static manifest and the settings behind
    the stored headers. A new deploy never serves pages cached by the old one (which may name
    CSS files it no longer has, or carry its old security headers)."""
    fingerprint = hashlib.sha256()
    sources = sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))
    manifest = Path(settings.STATIC_ROOT, "staticfiles.json")
    for path in [*sources, *([manifest] if manifest.exists() else [])]:
        fingerprint.update(path.read_bytes())
    fingerprint.update(repr([getattr(settings, name, None) for name in HEADER_SETTINGS]).encode())
    return fingerprint.hexdigest()[:12]


def _key(request, version):
    # Scheme and host are part of the page: canonical links, og:url and JSON-LD are absolute.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{STORED_FORMAT}:{release()}:{version}:{hashlib.sha256(address.encode()).hexdigest()}"


def _revalidation_headers(etag, changed_at, personal):
    """ETag, Last-Modified and Cache-Control of a stored page: fixed for as long as it is stored
    (its key holds the content version)."""
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


class PageCacheMiddleware:
    """Outermost: serves stored pages, and stores the pages PageCacheEntryMiddleware prepared."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Its hook answers conditional requests for a stored page as the stack would (304, 412).
        self.conditional_get = ConditionalGetMiddleware(get_response)

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self.get_response(request)
        key = _key(request, freshness.current(request).key)
        stored = cache.get(key)
        if stored is not None:
            return self._serve(request, stored)
        request.page_cache_wanted = True
        response = self.get_response(request)
        parts = getattr(response, "page_cache_parts", None)
        # A cookie is one visitor's (a session, a CSRF secret): a page that sets one is theirs alone.
        if parts is not None and response.status_code == 200 and not response.cookies:
            headers = {name: value for name, value in response.items() if name.lower() not in UNSTORED_HEADERS}
            cache.set(key, {"parts": parts, "headers": headers}, timeout=settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    def _serve(self, request, stored):
        parts = stored["parts"]
        response = HttpResponse(holes.fill_split(parts) if holes.has_holes(parts) else parts[0])
        for name, value in stored["headers"].items():
            response[name] = value
        response["Content-Length"] = str(len(response.content))
        response["X-Page-Cache"] = "hit"
        if any(header in request.META for header in CONDITIONAL_HEADERS):
            return self.conditional_get.process_response(request, response)
        return response  # what ConditionalGetMiddleware answers a request that asks nothing of it


class PageCacheEntryMiddleware:
    """Innermost: the view's response to a request PageCacheMiddleware wants stored, split at its
    holes and given its ETag, Last-Modified and Cache-Control before the stack answers
    conditional requests with them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "page_cache_wanted", False) and _is_cacheable_response(response):
            parts = _parts(response)
            etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            changed_at = freshness.current(request).changed_at
            for name, value in _revalidation_headers(etag, changed_at, holes.has_holes(parts)).items():
                response[name] = value
            response.page_cache_parts = parts
        return response
