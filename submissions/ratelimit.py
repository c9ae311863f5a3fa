"""A per-client limit on submissions, kept in Django's cache (shared by every web process).

A fixed window: each client may send LIMIT forms per WINDOW seconds. The window
number is part of the cache key, so a new window starts a fresh count whatever
the cache backend does with expiry.
"""

from django.conf import settings
from django.core.cache import cache

from submissions import clock


def _limit():
    return settings.SUBMISSION_RATE_LIMIT, settings.SUBMISSION_RATE_WINDOW


def allow(client_hash):
    """Count one attempt; False once the client is over its limit for this window."""
    limit, window = _limit()
    key = f"submissions:rate:{client_hash}:{int(clock.now() // window)}"
    cache.add(key, 0, timeout=window * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(key, 1, timeout=window * 2)
        count = 1
    return count <= limit


def seconds_until_reset():
    _limit_count, window = _limit()
    return int(window - clock.now() % window) + 1
