"""Public pages: every one reads films through `Film.objects.live()`."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from taggit.models import Tag

from editorial.dossier import build_dossier, dossier_queryset
from editorial.models import Collection
from films.models import Credit, Film, FormerSlug, Person
from submissions.forms import DefenseForm, NextPickForm, ScenePickForm

CATALOG_PAGE_SIZE = 24


def home(request):
    latest = Film.objects.live().order_by("-created_at")[:12]
    collections = Collection.objects.live()[:6]
    return render(request, "home.html", {"latest": latest, "collections": collections})


def catalog(request):
    films = Film.objects.live().prefetch_related("genres").order_by("title")
    page = Paginator(films, CATALOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "films/catalog.html", {"page": page})


def detail(request, slug):
    film = dossier_queryset().live().filter(slug=slug).first()
    if film is None:
        return _redirect_from_former_slug(slug)
    return _render_dossier(request, film)


def _redirect_from_former_slug(slug):
    former = FormerSlug.objects.select_related("film").filter(slug=slug).first()
    if former is None or not former.film.is_live:
        raise Http404("No live dossier at this address.")
    return redirect(former.film, permanent=True)


def preview(request, slug):
    """Editors see a draft (or scheduled) dossier as it will look; everyone else gets a 404."""
    if not request.user.has_perm("films.view_film"):
        raise Http404("No dossier at this address.")
    film = get_object_or_404(dossier_queryset(), slug=slug)
    response = _render_dossier(request, film, preview=True)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _render_dossier(request, film, preview=False):
    dossier = build_dossier(film)
    forms = {
        "defense": DefenseForm(film),
        "scene_pick": ScenePickForm(film, clips=dossier.scene_clips),
        "next_pick": NextPickForm(film),
    }
    # A thank-you belongs next to the form it answers (the redirect lands there), not atop the page.
    page_messages = list(messages.get_messages(request))
    for form in forms.values():
        form.thanks_message = next((str(m) for m in page_messages if m.extra_tags == form.anchor), None)
    other_messages = [m for m in page_messages if m.extra_tags not in {f.anchor for f in forms.values()}]
    context = {"dossier": dossier, "forms": forms, "messages": other_messages, "preview": preview}
    return render(request, "films/dossier.html", context)


def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    credits = list(
        Credit.objects.filter(person=person, film__in=Film.objects.live())
        .select_related("film")
        .order_by("-film__year", "film__title")
    )
    if not credits:  # credited only on drafts: nothing of them is public yet
        raise Http404("No live dossier credits this person.")
    return render(request, "people/detail.html", {"person": person, "credits": credits})


def theme_detail(request, slug):
    theme = get_object_or_404(Tag, slug=slug)
    films = list(Film.objects.live().filter(themes__slug=slug).order_by("-year", "title"))
    if not films:  # a theme only drafts carry is not public yet
        raise Http404("No live dossier carries this theme.")
    return render(request, "themes/detail.html", {"theme": theme, "films": films})
