"""Public pages: every one reads films through `Film.objects.live()`."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from editorial.coverage import TIERS, TIERS_BY_KEY, filter_by_tier
from editorial.dossier import load_dossier
from editorial.models import Collection
from films.catalog_stats import catalog_choices, live_themes
from films.models import Credit, Film, FormerSlug, Person
from films import structured_data
from films.search import RankedFilms, clean_query, search_films, search_people
from submissions.forms import DefenseForm, NextPickForm, ScenePickForm

CATALOG_PAGE_SIZE = 24
SEARCH_PAGE_SIZE = 20
HOME_FEATURED = 4
HOME_LATEST = 8
HOME_COLLECTIONS = 6
CATALOG_THEMES = 30
CATALOG_SORTS = {
    "newest": ("Newest", ["-published_at", "-pk"]),
    "title": ("Title", ["title", "pk"]),
    "year": ("Year", ["-year", "title", "pk"]),
}


def home(request):
    live = Film.objects.live()
    context = {
        "featured": live.filter(is_featured=True).order_by("-published_at", "-pk")[:HOME_FEATURED],
        "latest": live.order_by("-published_at", "-pk")[:HOME_LATEST],
        "collections": Collection.objects.live().order_by("-updated_at")[:HOME_COLLECTIONS],
    }
    return render(request, "home.html", context)


def _catalog_filters(request, live, themes):
    """The catalog's filters as chosen, and the choices to offer (each choice a live one)."""
    chosen = {
        "genre": request.GET.get("genre", ""),
        "theme": request.GET.get("theme", ""),
        "decade": request.GET.get("decade", ""),
        "tier": request.GET.get("tier", ""),
        "sort": request.GET.get("sort", "newest") if request.GET.get("sort") in CATALOG_SORTS else "newest",
    }
    choices = {
        "genres": live.genres,
        "themes": themes.themes[:CATALOG_THEMES],
        "decades": live.decades,
        "tiers": TIERS,
        "sorts": [(key, label) for key, (label, _order) in CATALOG_SORTS.items()],
    }
    return chosen, choices


def catalog(request):
    live, themes = catalog_choices(request), live_themes(request)
    chosen, choices = _catalog_filters(request, live, themes)
    genre = live.genre(chosen["genre"]) if chosen["genre"] else None
    theme = themes.by_slug(chosen["theme"]) if chosen["theme"] else None
    films = Film.objects.live()
    # Filter on the ids the stats already hold: no join through the slug tables, and
    # PostgreSQL then knows how many films a genre or theme has when it plans.
    if chosen["genre"]:
        films = films.filter(genres=genre.pk) if genre else films.none()
    if chosen["theme"]:
        films = films.filter(theme_links__tag=theme.pk) if theme else films.none()
    if chosen["decade"].isdigit():
        start = int(chosen["decade"])
        films = films.filter(year__gte=start, year__lt=start + 10)
    if chosen["tier"] in TIERS_BY_KEY:
        films = filter_by_tier(films, chosen["tier"])
    films = films.prefetch_related("genres").order_by(*CATALOG_SORTS[chosen["sort"]][1])
    filters = [key for key in ("genre", "theme", "decade", "tier") if chosen[key]]
    known_counts = {(): live.live_films, ("genre",): genre and genre.films, ("theme",): theme and theme.films}
    page = _page(request, films, count=known_counts.get(tuple(filters)))
    return render(request, "films/catalog.html", {"page": page, "chosen": chosen, "filtered": bool(filters), **choices})


def _page(request, films, count=None, per_page=CATALOG_PAGE_SIZE):
    """One page of films; `count`, when already known, spares a COUNT over thousands."""
    paginator = Paginator(films, per_page)
    if count is not None:
        paginator.count = count
    return paginator.get_page(request.GET.get("page"))


def search(request):
    query = clean_query(request.GET.get("q"))
    page = people = None
    if query:
        films = RankedFilms(search_films(query), Film.objects.live().prefetch_related("genres"))
        page = _page(request, films, per_page=SEARCH_PAGE_SIZE)
        people = search_people(query)
    return render(request, "search.html", {"query": query, "page": page, "people": people})


def detail(request, slug):
    dossier = load_dossier(slug, live_themes(request))
    if dossier is None:
        return _redirect_from_former_slug(slug)
    return _render_dossier(request, dossier)


def _redirect_from_former_slug(slug):
    former = FormerSlug.objects.select_related("film").filter(slug=slug).first()
    if former is None or not former.film.is_live:
        raise Http404("No live dossier at this address.")
    return redirect(former.film, permanent=True)


def preview(request, slug):
    """Editors see a draft (or scheduled) dossier as it will look; everyone else gets a 404."""
    if not request.user.has_perm("films.view_film"):
        raise Http404("No dossier at this address.")
    dossier = load_dossier(slug, live_themes(request), live_only=False)
    if dossier is None:
        raise Http404("No dossier at this address.")
    response = _render_dossier(request, dossier, preview=True)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _render_dossier(request, dossier, preview=False):
    film = dossier.film
    # Three forms on one page: each gets its own id prefix so labels point at the right field.
    forms = {
        "defense": DefenseForm(film, auto_id=f"{DefenseForm.anchor}-%s"),
        "scene_pick": ScenePickForm(film, clips=dossier.scene_clips, auto_id=f"{ScenePickForm.anchor}-%s"),
        "next_pick": NextPickForm(film, auto_id=f"{NextPickForm.anchor}-%s"),
    }
    # A thank-you belongs next to the form it answers (the redirect lands there), not atop the page.
    page_messages = list(messages.get_messages(request))
    for form in forms.values():
        form.thanks_message = next((str(m) for m in page_messages if m.extra_tags == form.anchor), None)
    anchors = {form.anchor for form in forms.values()}
    other_messages = [message for message in page_messages if message.extra_tags not in anchors]
    context = {
        "dossier": dossier,
        "forms": forms,
        "messages": other_messages,
        "preview": preview,
        "structured_data": structured_data.movie(request, dossier),
    }
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
    directed = {credit.film_id for credit in credits if credit.role == Credit.Role.DIRECTOR}
    roles = [label for value, label in Credit.Role.choices if any(credit.role == value for credit in credits)]
    films = list({credit.film_id: credit.film for credit in credits}.values())
    context = {
        "person": person,
        "credits": credits,
        "roles": roles,
        "films": films,
        "directed_count": len(directed),
        "structured_data": structured_data.person(request, person, films),
    }
    return render(request, "people/detail.html", context)


def theme_detail(request, slug):
    theme = live_themes(request).by_slug(slug)
    if theme is None:  # no such theme, or only drafts carry it: nothing of it is public yet
        raise Http404("No live dossier carries this theme.")
    films = Film.objects.live().filter(theme_links__tag=theme.pk).order_by("-year", "title", "pk")
    page = _page(request, films, count=theme.films)
    return render(request, "themes/detail.html", {"theme": theme, "films": page.object_list, "page": page})
