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
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache_answers():
    cache = caches[settings.PAGE_CACHE_ALIAS]
    cache.set("healthz", "ok", timeout=60)
    if cache.get("healthz") != "ok":
        raise RuntimeError("the cache did not keep a value")


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
        except (DatabaseError, OSError, RuntimeError) as error:
            healthy = False
            lines.append(f"{name}: down ({type(error).__name__})")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain", status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response
