"""Cross-site request forgery protection for the anonymous reader forms, without tokens.

The reader forms sit on pages the page cache shares between every reader. With Django's
CSRF tokens each of those pages was personal: a cookie for every reader, even one who
only reads, and a secret minted and masked on every view (most of a cached page's cost).

A browser says which site a request comes from, and a page on another site cannot make it
lie: `Sec-Fetch-Site` (every major browser since 2023, over HTTPS and on localhost) and
`Origin` (sent with every form POST by every major browser since 2020, over plain HTTP too). The check is the one Go's standard
library makes (net/http CrossOriginProtection), except that a request that says neither is
refused, not let through: it comes from a script, not from a reader's browser. The admin,
where editors and moderators are signed in, keeps Django's CSRF tokens.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.http import is_same_domain

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
# "none": the reader started the request themselves (the address bar, a bookmark), no page did.
TRUSTED_FETCH_SITES = ("same-origin", "none")


def is_trusted_origin(origin):
    """One of CSRF_TRUSTED_ORIGINS, which may name subdomains as in Django ("https://*.example.com")."""
    scheme, netloc = urlsplit(origin)[:2]
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        trusted_scheme, trusted_netloc = urlsplit(trusted)[:2]
        if scheme == trusted_scheme and netloc and is_same_domain(netloc, trusted_netloc.replace("*", "", 1)):
            return True
    return False


def comes_from_this_site(request):
    """Whether the browser says this request was sent by one of this site's own pages."""
    if request.method in SAFE_METHODS:
        return True
    origin = request.headers.get("Origin")
    if origin and is_trusted_origin(origin):
        return True
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in TRUSTED_FETCH_SITES
    # An older browser: its Origin must be this site ("null" for a sandboxed or privacy-hidden one).
    return origin == f"{request.scheme}://{request.get_host()}"
