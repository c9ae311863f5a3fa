"""The two probes: /healthz (liveness) and /readyz (readiness).

- /healthz says only that this process answers: it touches neither the database nor the
  cache, so a load balancer or an orchestrator never restarts a healthy web process because
  PostgreSQL or Redis is down (restarting it would fix nothing).
- /readyz says whether this process can do its work: the database reachable and migrated to
  what the code expects, the cache reachable. One line of JSON per part, and 503 when any
  fails, so a load balancer sends readers elsewhere and a deploy waits for its migrations.

Neither is ever stored by a cache (pagecache.middleware.uncached, and no-store for the rest).
"""

import functools
import json

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from pagecache.middleware import uncached


def _plain(body, status=200, content_type="text/plain"):
    response = HttpResponse(body, content_type=content_type, status=status)
    response["Cache-Control"] = "no-store"
    return response


@uncached
@require_safe
def healthz(request):
    return _plain("ok\n")


@functools.cache
def expected_migrations():
    """The migrations this code ends with, per app (the leaves of the graph on disk). They do
    not change while the process runs, so they are read from disk once, not on every probe."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())


def check_database():
    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()
    if not connection.is_usable():  # a kept connection the server has dropped
        raise DatabaseError("the database connection is not usable")


def check_migrations():
    applied = MigrationRecorder(connections[DEFAULT_DB_ALIAS]).applied_migrations()
    pending = expected_migrations() - applied.keys()
    if pending:
        names = sorted(f"{app}.{name}" for app, name in pending)
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        raise LookupError(f"not applied: {', '.join(names[:3])}{more}")


def check_cache():
    # A read: a store that is down raises; a missing key is no fault.
    caches[settings.PAGE_CACHE_ALIAS].get("readyz")


# In order: the migrations cannot be read from a database that cannot be reached.
CHECKS = {"database": check_database, "migrations": check_migrations, "cache": check_cache}


def _failure(error):
    # Never the error's text for the database: it may name hosts and users. Our own is safe.
    detail = str(error) if isinstance(error, LookupError) else type(error).__name__
    return f"failing: {detail}"


@uncached
@require_safe
def readyz(request):
    """{"database": "ok", "migrations": "ok", "cache": "ok"}, or 503 naming what fails."""
    results = {}
    for name, check in CHECKS.items():
        if name == "migrations" and results["database"] != "ok":
            results[name] = "unknown: the database cannot be reached"
            continue
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # any backend's own error type (psycopg's, redis', OSError)
            results[name] = _failure(error)
    ready = all(result == "ok" for result in results.values())
    body = json.dumps({"ready": ready, **results}, indent=1) + "\n"
    return _plain(body, status=200 if ready else 503, content_type="application/json")
