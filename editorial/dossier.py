"""Everything the dossier page shows of the film, loaded in a fixed number of queries.

`load_dossier` reads the film through `Film.objects.live()` (or any film, for an editor's
preview) with one prefetch per list the page shows, then the director lanes and the
pressure pick: the same queries whether a film has three craft notes or forty. The
reader answers belong to the submissions app, which adds them (submissions.selectors).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Prefetch, Subquery
from django.db.models.functions import JSONObject
from django.utils.text import get_text_list
from django.utils.translation import get_language, gettext, gettext_lazy as _

from editorial.coverage import Coverage, coverage_of
from editorial.models import Collection, DossierEntry, Pathway, Section, TriviaItem, WatchNextPick
from editorial.page_tags import dossier_tags
from films.selectors import card_directors
from films.translation import english_if, in_page_language, shows_english, with_translations
from films.models import BehindTheScenesPhoto, Credit, Film, Person, SceneClip, ThemedFilm, VideoSignal

MORE_FROM_DIRECTOR_LIMIT = 6

# What the page shows of a film it only mentions or shows as a card: the rest is deferred.
FILM_MENTIONED = ["title", "slug", "status", "go_live_at"]
FILM_CARD = [*FILM_MENTIONED, "year", *with_translations("logline", "backdrop_alt"), "backdrop", "backdrop_renditions",
             "backdrop_width", "backdrop_height"]


@dataclass(frozen=True)
class ContentsItem:
    """One line of the dossier's in-page contents: where the section is, what it is called."""

    anchor: str
    label: str


@dataclass(frozen=True)
class DirectorLane:
    person: Person
    live_count: int


@dataclass(frozen=True)
class Continuation:
    """One way onward from a dossier: a film or a shelf, with why it follows."""

    kind: str  # a Pathway value
    prompt: str
    title: str
    url: str
    reason: str
    film_pk: int | None = None  # the film it leads to, if it leads to a film
    collection_pk: int | None = None  # the shelf it leads to, if it leads to a shelf
    credit: str = ""  # whose suggestion it was, when a reader's
    # "en" when the shelf's title or the editor's reason is shown untranslated on a page in another language
    title_lang: str = ""
    reason_lang: str = ""


@dataclass
class Dossier:
    film: Film
    entries: dict  # section -> [DossierEntry]
    coverage: Coverage
    director_lanes: list = field(default_factory=list)
    more_from_director: list = field(default_factory=list)
    pathways: list = field(default_factory=list)
    # Approved reader answers, featured first, then newest: added by submissions.selectors.
    defenses: list = field(default_factory=list)
    scene_picks: list = field(default_factory=list)
    next_picks: list = field(default_factory=list)
    preview: bool = False  # an editor's preview: the page without the reader forms

    credits = property(lambda self: self.film.credits.all())
    genres = property(lambda self: self.film.genres.all())
    themes = property(lambda self: [link.tag for link in self.film.theme_list])
    photos = property(lambda self: self.film.reviewed_photos)
    scene_clips = property(lambda self: self.film.scene_clips.all())
    pinned_picks = property(lambda self: self.film.watch_next_picks.all())

    @property
    def pathways_in_english(self):
        """True when a way onward shows an editor's text not yet translated into the page's language."""
        return any(pathway.title_lang or pathway.reason_lang for pathway in self.pathways)
    trivia = property(lambda self: self.film.published_trivia)

    @property
    def plot(self):
        return self.film.plot

    @property
    def contents(self):
        """The sections this page shows, in its order, for the in-page contents list."""
        shown = [
            ("why-it-matters", _("Why it matters"), self.why_it_matters),
            ("plot", _("Plot"), self.plot),
            ("craft-read", _("Craft read"), self.craft_notes),
            ("themes", _("Themes"), self.themes),
            ("cast-and-context", _("Cast and context"), self.cast or self.crew or self.director_lanes),
            ("production-notes", _("Production notes"), self.production_notes),
            ("trivia", _("Trivia"), self.trivia),
            ("watch-next", _("Watch next"), True),
            ("defend", _("Defend this movie"), not self.preview),
            ("case-file", _("Case-file lenses"), self.lenses),
            ("behind-the-movie", _("Behind the movie"), self.photos),
            ("production-file", _("Production file"), self.production_file),
            ("scene-architecture", _("Scene architecture"), self.scene_architecture),
            ("cultural-afterlife", _("Cultural afterlife"), self.afterlife),
            ("editorial-modules", _("Editorial modules"), self.modules),
            ("scene-shelf", _("Scene shelf"), self.scene_clips),
        ]
        return [ContentsItem(anchor, label) for anchor, label, present in shown if present]

    @property
    def video(self):
        """The newest video signal, or None."""
        return self.film.newest_videos[0] if self.film.newest_videos else None

    def _single(self, section):
        found = self.entries.get(section)
        return found[0] if found else None

    @property
    def why_it_matters(self):
        return self._single(Section.WHY_IT_MATTERS)

    @property
    def craft_notes(self):
        return self.entries.get(Section.CRAFT, [])

    @property
    def production_notes(self):
        return self.entries.get(Section.PRODUCTION_NOTE, [])

    @property
    def lenses(self):
        return self.entries.get(Section.LENS, [])

    @property
    def production_file(self):
        return self.entries.get(Section.PRODUCTION_FILE, [])

    @property
    def scene_architecture(self):
        return self.entries.get(Section.SCENE_ARCHITECTURE, [])

    @property
    def afterlife(self):
        return self.entries.get(Section.AFTERLIFE, [])

    @property
    def modules(self):
        """The editorial modules that are filed, in the page's order."""
        order = [Section.SIGNATURE_SCENE, Section.QUOTE, Section.ENDING, Section.STEELMAN]
        return [entry for entry in map(self._single, order) if entry]

    @property
    def directors(self):
        return [credit for credit in self.credits if credit.role == Credit.Role.DIRECTOR]

    @property
    def cast(self):
        return [credit for credit in self.credits if credit.role == Credit.Role.CAST]

    @property
    def crew(self):
        return [credit for credit in self.credits if credit.role == Credit.Role.CREW]

    @property
    def cache_tags(self):
        """What the page shows, for the page cache (editorial.page_tags)."""
        return dossier_tags(self)


def _first_live_shelf():
    shelves = Collection.objects.live().filter(items__film=OuterRef("pk")).order_by("title", "pk")
    # annotate, then values(): modeltranslation reads values(json=...) as every column and json.
    shelf = JSONObject(pk="pk", title=in_page_language("title"), own_title=F(f"title_{get_language()}"),
                       slug="slug")
    return Subquery(shelves.annotate(json=shelf).values("json")[:1])


def _live_films_carrying_tag():
    live = ThemedFilm.objects.filter(tag=OuterRef("tag"), content_object__in=Film.objects.live())
    return Subquery(live.order_by().values("tag").annotate(total=Count("pk")).values("total")[:1])


def dossier_films(clips=None):
    """Films with every list their dossier shows prefetched, in one query per list.

    `clips`: the scene clips' queryset, for a caller that annotates them (the reader
    answers' tallies live in the submissions app).
    """
    return Film.objects.defer("search_document").annotate(first_shelf=_first_live_shelf()).prefetch_related(
        Prefetch("credits", Credit.objects.select_related("person").only(
            "film", "person", "role", "character", "job", "billing_order", "person__name", "person__slug")),
        "genres",
        Prefetch("theme_links", ThemedFilm.objects.select_related("tag")
                 .annotate(live_films=_live_films_carrying_tag()).order_by("tag__name"), to_attr="theme_list"),
        Prefetch("entries", DossierEntry.objects.order_by("section", "position", "pk")),
        Prefetch("photos", BehindTheScenesPhoto.objects.filter(is_reviewed=True), to_attr="reviewed_photos"),
        Prefetch("scene_clips", clips if clips is not None else SceneClip.objects.all()),
        Prefetch("watch_next_picks", WatchNextPick.objects.select_related("target_film", "target_collection")),
        Prefetch("video_signals", VideoSignal.objects.order_by("-published_on", "-pk")[:1], to_attr="newest_videos"),
        Prefetch("trivia", TriviaItem.objects.filter(status=TriviaItem.Status.PUBLISHED), to_attr="published_trivia"),
    )


def load_dossier(slug, *, live_only=True, clips=None):
    """The dossier of the film at `slug`; None if there is none, or (with `live_only`) it is not public."""
    films = dossier_films(clips)
    film = (films.live() if live_only else films).filter(slug=slug).first()
    if film is None:
        return None
    entries = defaultdict(list)
    for entry in film.entries.all():
        entries[entry.section].append(entry)
    dossier = Dossier(film=film, entries=dict(entries), coverage=coverage_of(film))
    directors = [credit.person for credit in dossier.directors]
    if directors:
        dossier.director_lanes, dossier.more_from_director = _director_lanes(film, directors)
    dossier.pathways = _pathways(dossier, directors)
    return dossier


def _director_lanes(film, directors):
    """Each director's count of live dossiers, and their other live films, newest first."""
    directed = (
        Credit.objects.filter(role=Credit.Role.DIRECTOR, person__in=directors, film__in=Film.objects.live())
        .select_related("film")
        .only("person", "film", *(f"film__{name}" for name in FILM_CARD))
        .prefetch_related(card_directors("film__"))
        .order_by("-film__year", "film__title", "film__pk")
    )
    films_by_director = defaultdict(set)
    more_from_director = []
    for credit in directed:
        films_by_director[credit.person_id].add(credit.film_id)
        if credit.film_id != film.pk and credit.film not in more_from_director:
            more_from_director.append(credit.film)
    lanes = [DirectorLane(person=person, live_count=len(films_by_director[person.pk])) for person in directors]
    return lanes, more_from_director[:MORE_FROM_DIRECTOR_LIMIT]


def _pinned(pick, already_offered):
    """A pinned pick as a continuation, or None when its target is not public (or already offered)."""
    prompt = Pathway(pick.pathway).label
    target = pick.target_film
    if target is not None:
        if target.is_live and target.pk not in already_offered:
            return Continuation(pick.pathway, prompt, target.title, target.get_absolute_url(), pick.reason,
                                film_pk=target.pk, credit=pick.credit,
                                reason_lang=english_if(shows_english(pick, "reason")))
        return None
    shelf = pick.target_collection
    if shelf is not None and shelf.is_live:
        return Continuation(pick.pathway, prompt, shelf.title, shelf.get_absolute_url(), pick.reason,
                            collection_pk=shelf.pk, credit=pick.credit,
                            title_lang=english_if(shows_english(shelf, "title")),
                            reason_lang=english_if(shows_english(pick, "reason")))
    return None


def _filmmaker_fallback(dossier, directors, already_offered):
    pick = next((other for other in dossier.more_from_director if other.pk not in already_offered), None)
    if pick is None:
        return None
    names = get_text_list([person.name for person in directors], gettext("and"))
    reason = gettext("Another live dossier from %(names)s: the same hand on a different machine.") % {"names": names}
    return Continuation(Pathway.FILMMAKER, gettext("Stay with the filmmaker"), pick.title, pick.get_absolute_url(),
                        reason,
                        film_pk=pick.pk)


def _dominant_theme(dossier):
    """Of the film's themes, the one the most live dossiers share (ties by name); None if none is live."""
    live = [link for link in dossier.film.theme_list if link.live_films]
    return min(live, key=lambda link: (-link.live_films, link.tag.name), default=None)


def _pressure_fallback(dossier, already_offered):
    """The newest live film carrying this film's dominant theme."""
    link = _dominant_theme(dossier)
    if link is None:
        return None
    pick = (
        Film.objects.live().filter(theme_links__tag=link.tag_id).exclude(pk__in=already_offered)
        .only(*FILM_MENTIONED)
        .order_by(F("year").desc(nulls_last=True), "title", "pk")
        .first()
    )
    if pick is None:
        return None
    theme = link.tag
    reason = gettext("%(film)s runs on %(theme)s too.") % {"film": pick.title, "theme": theme.name}
    return Continuation(Pathway.PRESSURE, gettext("Chase the dominant pressure signal"), pick.title,
                        pick.get_absolute_url(), reason, film_pk=pick.pk)


def _shelf_fallback(film):
    shelf = film.first_shelf
    if shelf is None:
        return None
    url = Collection(slug=shelf["slug"]).get_absolute_url()
    reason = gettext("The shelf that argues why %(film)s belongs here.") % {"film": film.title}
    return Continuation(Pathway.SHELF, gettext("Jump to the shelf"), shelf["title"], url, reason,
                        collection_pk=shelf["pk"], title_lang=english_if(not shelf["own_title"]))


def _pathways(dossier, directors):
    """Three continuations, each the editor's pin or, failing that, computed; never the film, never twice."""
    film = dossier.film
    pinned = {pick.pathway: pick for pick in dossier.pinned_picks}
    fallbacks = {
        Pathway.FILMMAKER: lambda offered: _filmmaker_fallback(dossier, directors, offered),
        Pathway.PRESSURE: lambda offered: _pressure_fallback(dossier, offered),
        Pathway.SHELF: lambda offered: _shelf_fallback(film),
    }
    # A computed pick never takes a film an editor pinned to another pathway.
    pinned_films = {pick.target_film_id for pick in pinned.values() if pick.target_film_id}
    shown = {film.pk}
    pathways = []
    for pathway, fallback in fallbacks.items():
        continuation = _pinned(pinned[pathway], shown) if pathway in pinned else None
        if continuation is None:
            continuation = fallback(shown | pinned_films)
        if continuation is not None:
            pathways.append(continuation)
            if continuation.film_pk:
                shown.add(continuation.film_pk)
    return pathways
