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
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

# Lists whose membership moves when a film is published, unpublished or edited:
# the catalog and everything shaped like it (search, feed, sitemap); the home page.
CATALOG = "catalog"
HOME = "home"
# Carried by every stored page: invalidating it empties the whole page cache.
SITE = "site"


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
    response[settings.PAGE_CACHE_TAG_HEADER] = _header_value(response.cache_tags)
    return response


def _header_value(tags):
    # Cloudflare's Cache-Tag is comma-separated; xkey and Surrogate-Key are space-separated.
    separator = "," if settings.PAGE_CACHE_TAG_HEADER.lower() == "cache-tag" else " "
    return separator.join(sorted(tags))


def invalidate(tags):
    """Every stored page showing one of `tags` is out of date once the current transaction commits."""
    tags = set(tags)
    if tags:
        transaction.on_commit(lambda: mark_invalidated(tags))


def mark_invalidated(tags):
    now = time.time()
    store().set_many({tag_key(tag): now for tag in tags}, timeout=None)


def purge_all():
    """Empty the page cache: every stored page carries SITE."""
    mark_invalidated({SITE})
