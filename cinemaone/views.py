"""Site-wide plain responses: robots.txt and the admin's "View on site" (the probes: cinemaone.probes)."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ObjectDoesNotExist, ValidationError
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
