"""Site-wide plain responses: robots.txt, the health check, and the admin's "View on site"."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.cache import caches
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from films.models import Film


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


def view_on_site(request, content_type_id, object_id):
    """The admin's "View on site" (/admin/r/...), which never tells where an unpublished page will be.

    A draft or scheduled film, and anything shown on its dossier, opens its preview for staff who
    may see drafts, and is a 404 for everyone else (a moderator's film link would give the slug
    away); any other unpublished object is a 404.
    """
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        obj = model._default_manager.get(pk=object_id)
    except (ObjectDoesNotExist, ValidationError, ValueError, AttributeError):
        raise Http404("Nothing to view on the site.") from None
    film = obj if isinstance(obj, Film) else getattr(obj, "film", None)
    if isinstance(film, Film) and not film.is_live:
        if request.user.has_perm("films.view_film"):
            return redirect("films:preview", slug=film.slug)
        raise Http404("Not on the site yet.")
    live = getattr(model._default_manager, "live", None)
    if live is not None and not live().filter(pk=obj.pk).exists():
        raise Http404("Not on the site yet.")
    return shortcut(request, content_type_id, object_id)
