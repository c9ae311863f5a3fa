"""The public pages: every one reads films through `Film.objects.live()`, and names what it shows
for the page cache (public.caching)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from taggit.models import Tag

from editorial.coverage import TIERS, TIERS_BY_KEY, filter_by_tier
from editorial.dossier import FILM_MENTIONED, load_dossier
from editorial.models import Collection, CollectionItem, PreviewLink
from films.models import Credit, Film, FormerSlug, Person
from films.search import RankedFilms, clean_query, search_films, search_people
from films.selectors import card_directors, catalog_choices
from pagecache import tags
from pagecache.middleware import reads_query
from public import structured_data
from public.caching import film_tags, public_page
from submissions.forms import DefenseForm, NextPickForm, ScenePickForm
from submissions.models import Submission
from submissions.selectors import all_approved_answers, answer_tags, approved_answers, clips_with_approved_picks

CATALOG_PAGE_SIZE = 24
ANSWERS_PAGE_SIZE = 20
SEARCH_PAGE_SIZE = 20
HOME_FEATURED = 4
HOME_LATEST = 8
HOME_COLLECTIONS = 6
CATALOG_THEMES = 30
CATALOG_SORTS = {
    "newest": (_("Newest"), ["-published_at", "-pk"]),
    "title": (_("Title"), ["title", "pk"]),
    "year": (_("Year"), ["-year", "title", "pk"]),
}


@reads_query()
@require_safe
def home(request):
    live = Film.objects.live().prefetch_related(card_directors())
    featured = list(live.filter(is_featured=True).order_by("-published_at", "-pk")[:HOME_FEATURED])
    latest = list(live.order_by("-published_at", "-pk")[:HOME_LATEST])
    collections = list(Collection.objects.live().order_by("-updated_at")[:HOME_COLLECTIONS])
    context = {"featured": featured, "latest": latest, "collections": collections}
    shown = {tags.HOME, *film_tags(featured + latest), *(tags.collection(shelf.pk) for shelf in collections)}
    return public_page(render(request, "home.html", context), shown)


def _choice(request, name, allowed=None):
    value = request.GET.get(name, "")
    return value if allowed is None or value in allowed else ""


@reads_query("genre", "theme", "decade", "tier", "sort", "page")
@require_safe
def catalog(request):
    choices = catalog_choices(CATALOG_THEMES)
    chosen = {
        "genre": _choice(request, "genre"),
        "theme": _choice(request, "theme"),
        "decade": _choice(request, "decade"),
        "tier": _choice(request, "tier", TIERS_BY_KEY),
        "sort": _choice(request, "sort", CATALOG_SORTS) or "newest",
    }
    films = Film.objects.live()
    if chosen["genre"]:
        films = films.filter(genres__slug=chosen["genre"])
    if chosen["theme"]:
        films = films.filter(theme_links__tag__slug=chosen["theme"])
    if chosen["decade"].isascii() and chosen["decade"].isdigit():
        start = int(chosen["decade"])
        films = films.filter(year__gte=start, year__lt=start + 10)
    if chosen["tier"]:
        films = filter_by_tier(films, chosen["tier"])
    films = films.prefetch_related("genres", card_directors()).order_by(*CATALOG_SORTS[chosen["sort"]][1])
    context = {
        "page": _page(request, films),
        "chosen": chosen,
        "filtered": any(chosen[key] for key in ("genre", "theme", "decade", "tier")),
        **choices,
        "tiers": TIERS,
        "sorts": [(key, label) for key, (label, _order) in CATALOG_SORTS.items()],
    }
    return public_page(render(request, "films/catalog.html", context), {tags.CATALOG})


def _page(request, films, per_page=CATALOG_PAGE_SIZE):
    return Paginator(films, per_page).get_page(request.GET.get("page"))


@reads_query("q", "page")
@require_safe
def search(request):
    query = clean_query(request.GET.get("q"))
    page = people = None
    if query:
        films = RankedFilms(search_films(query), Film.objects.live().prefetch_related("genres", card_directors()))
        page = _page(request, films, per_page=SEARCH_PAGE_SIZE)
        people = search_people(query)
    response = render(request, "search.html", {"query": query, "page": page, "people": people})
    return public_page(response, {tags.CATALOG})


@reads_query()
@require_safe
def detail(request, slug):
    dossier = load_dossier(slug, clips=clips_with_approved_picks())
    if dossier is None:
        return _redirect_from_former_slug(slug)
    answers = approved_answers(dossier.film)
    dossier.defenses = answers[Submission.Kind.DEFENSE]
    dossier.scene_picks = answers[Submission.Kind.SCENE_PICK]
    dossier.next_picks = answers[Submission.Kind.NEXT_PICK]
    return public_page(_render_dossier(request, dossier), dossier.cache_tags | answer_tags(answers))


@reads_query("page")
@require_safe
def answers(request, slug, kind):
    """Every approved reader answer of one kind about a live film, the dossier showing only the first few."""
    film = get_object_or_404(Film.objects.live().only(*FILM_MENTIONED, "year"), slug=slug)
    page = _page(request, all_approved_answers(film, kind), per_page=ANSWERS_PAGE_SIZE)
    context = {"film": film, "heading": ANSWER_PAGE_TITLES[kind] % {"title": film.title}, "page": page}
    shown = {tags.film(film.pk), *answer_tags({kind: page.object_list})}
    return public_page(render(request, "films/answers.html", context), shown)


ANSWER_PAGE_TITLES = {
    Submission.Kind.DEFENSE: _("Readers defend %(title)s"),
    Submission.Kind.SCENE_PICK: _("Scenes readers picked in %(title)s"),
    Submission.Kind.NEXT_PICK: _("What readers would watch after %(title)s"),
}


def _redirect_from_former_slug(slug):
    former = FormerSlug.objects.select_related("film").filter(slug=slug).first()
    if former is None or not former.film.is_live:
        raise Http404("No live dossier at this address.")
    return redirect(former.film, permanent=True)


@require_safe
def preview(request, slug):
    """Editors see a draft (or scheduled) dossier as it will look; everyone else gets a 404."""
    if not request.user.has_perm("films.view_film"):
        raise Http404("No dossier at this address.")
    return _preview(request, slug)


@require_safe
def shared_preview(request, token):
    """Anyone holding a shared preview link sees the draft, until the link expires or is revoked."""
    slug = PreviewLink.objects.usable().filter(token=token).values_list("film__slug", flat=True).first()
    if slug is None:
        raise Http404("This preview link has expired or was revoked.")
    return _preview(request, slug)


def _preview(request, slug):
    dossier = load_dossier(slug, live_only=False, clips=clips_with_approved_picks())
    if dossier is None:
        raise Http404("No dossier at this address.")
    dossier.preview = True
    response = _render_dossier(request, dossier)
    # Never stored by us, a CDN or a browser, and never indexed: a draft is not the site yet.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _render_dossier(request, dossier):
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
        "preview": dossier.preview,
        "structured_data": structured_data.movie(request, dossier),
    }
    return render(request, "films/dossier.html", context)


@reads_query()
@require_safe
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    credits = list(
        Credit.objects.filter(person=person, film__in=Film.objects.live())
        .select_related("film")
        .prefetch_related(card_directors("film__"))
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
    return public_page(render(request, "people/detail.html", context), {tags.person(person.pk), *film_tags(films)})


@reads_query("page")
@require_safe
def theme_detail(request, slug):
    theme = get_object_or_404(Tag, slug=slug)
    films = Film.objects.live().filter(theme_links__tag=theme).prefetch_related(card_directors()).order_by(
        "-year", "title", "pk")
    page = _page(request, films)
    if not page.object_list:  # only drafts carry it: nothing of it is public yet
        raise Http404("No live dossier carries this theme.")
    context = {"theme": theme, "films": page.object_list, "page": page}
    shown = {tags.theme(theme.pk), *film_tags(page.object_list)}
    return public_page(render(request, "themes/detail.html", context), shown)


@reads_query()
@require_safe
def collection_detail(request, slug):
    live_items = (CollectionItem.objects.filter(film__in=Film.objects.live()).select_related("film")
                  .prefetch_related(card_directors("film__")))
    collection = get_object_or_404(
        Collection.objects.live().prefetch_related(Prefetch("items", queryset=live_items, to_attr="live_items")),
        slug=slug,
    )
    context = {
        "collection": collection,
        "structured_data": structured_data.item_list(request, collection, collection.live_items),
    }
    shown = {tags.collection(collection.pk), *film_tags(item.film for item in collection.live_items)}
    return public_page(render(request, "editorial/collection_detail.html", context), shown)
