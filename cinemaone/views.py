"""Site-wide plain responses: robots.txt and the health check."""

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /films/*/preview/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def _database_answers():
    connection.ensure_connection()
    if not connection.is_usable():  # a kept connection the server has dropped
        raise DatabaseError("the database connection is not usable")


def _cache_answers():
    # A read: a store that is down raises; a missing key is no fault.
    caches[settings.PAGE_CACHE_ALIAS].get("healthz")


CHECKS = {"database": _database_answers, "cache": _cache_answers}


@require_safe
def healthz(request):
    """This process is up, and whether the database and the cache answer: one line each, 503 if any is down.

    Small and fast, for load balancers and the benchmark.
    """
    lines, healthy = [], True
    for name, check in CHECKS.items():
        try:
            check()
            lines.append(f"{name}: ok")
        except (DatabaseError, OSError) as error:
            healthy = False
            lines.append(f"{name}: down ({type(error).__name__})")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain", status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response
