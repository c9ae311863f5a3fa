"""A limit on how many forms one reader sends, counted where every process and host sees the same count.

A fixed window: each client key (submissions.privacy) may send SUBMISSION_RATE_LIMIT forms
per SUBMISSION_RATE_WINDOW seconds, refused posts included. The count lives in the database
(one row per reader and window, incremented under its row lock), or, when
RATE_LIMIT_CACHE_URL configures the `ratelimit` cache (Redis, whose INCR is atomic), there.
Never in the page cache: its entries come and go with the pages, and counters went with them.

(django-ratelimit counts the same way on a cache, but refuses any cache whose increment
is not atomic, and Django's database cache is not: it would make Redis a requirement of every
deployment, where the database every host already shares does the job in a few lines.)
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F

from submissions import clock
from submissions.models import PostCount

CACHE_ALIAS = "ratelimit"

logger = logging.getLogger(__name__)


def _window():
    return int(clock.now() // settings.SUBMISSION_RATE_WINDOW)


def _count_in_cache(key, window):
    cache = caches[CACHE_ALIAS]
    name = f"submissions:posts:{key}:{window}"
    cache.add(name, 0, timeout=settings.SUBMISSION_RATE_WINDOW * 2)
    try:
        return cache.incr(name)
    except ValueError:  # expired between add and incr: this post starts the count
        cache.set(name, 1, timeout=settings.SUBMISSION_RATE_WINDOW * 2)
        return 1


def _count_in_database(key, window):
    with transaction.atomic():
        counted = PostCount.objects.filter(client_key=key, window=window)
        if not counted.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    PostCount.objects.create(client_key=key, window=window, count=1)
                PostCount.objects.filter(window__lt=window - 1).delete()  # a new window: old counts go
                return 1
            except IntegrityError:  # another process started this window's count first
                counted.update(count=F("count") + 1)
        # The row stays locked by our update until commit: no other post moves it in between.
        return counted.values_list("count", flat=True).get()


def allow(client_key):
    """Count one attempt; False once the client is over its limit for this window.

    A rate-limit Redis that is down fails neither open nor closed: the post is counted in the
    database instead, as when no Redis is configured (a reader can then send up to twice the
    limit in that window, split between the two counts)."""
    window = _window()
    if CACHE_ALIAS in settings.CACHES:
        try:
            return _count_in_cache(client_key, window) <= settings.SUBMISSION_RATE_LIMIT
        except Exception:  # any backend's error (redis' own are not OSError)
            logger.warning("The rate-limit cache cannot be reached: counting in the database.", exc_info=True)
    return _count_in_database(client_key, window) <= settings.SUBMISSION_RATE_LIMIT


def seconds_until_reset():
    window = settings.SUBMISSION_RATE_WINDOW
    return int(window - clock.now() % window) + 1
