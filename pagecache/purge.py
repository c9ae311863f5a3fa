"""The caches in front of the app (Varnish, deploy/varnish): told when pages change, and how long
they may keep a page.

With PURGE_URL set, each invalidation (pagecache.tags.mark_invalidated) also sends
`PURGE` with the tags in `xkey-purge` to every URL, and the pages the app stores itself carry
`Surrogate-Control: max-age=N` (what is left of their life here), which lets the cache in front
keep them as long. Without PURGE_URL nothing is sent, and no page may be kept in front: a copy
nobody purges would go stale.

A cache in front that is down or slow costs its readers a stale page at worst, never a save:
each purge waits PURGE_TIMEOUT seconds at most, and a failure is logged, not raised.
"""

import http.client
import logging
import urllib.request

from django.conf import settings

PURGE_HEADER = "xkey-purge"

logger = logging.getLogger(__name__)


def purge(tags):
    """Ask every cache in front to drop the pages showing any of `tags`."""
    if not settings.PURGE_URLS or not tags:
        return
    names = " ".join(sorted(tags))
    for url in settings.PURGE_URLS:
        request = urllib.request.Request(url, method="PURGE", headers={PURGE_HEADER: names})
        try:
            with urllib.request.urlopen(request, timeout=settings.PURGE_TIMEOUT) as response:
                response.read()
        except (OSError, ValueError, http.client.HTTPException) as error:
            # OSError: refused, timed out, or an error status (HTTPError); ValueError: a bad URL.
            logger.warning("The cache at %s was not purged of %s: %s", url, names, error)


def let_front_keep(response, seconds):
    """Let the cache in front keep `response` for `seconds`, if the app purges it."""
    if settings.PURGE_URLS:
        response["Surrogate-Control"] = f"max-age={max(int(seconds), 0)}"
