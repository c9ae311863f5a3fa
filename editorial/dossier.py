"""Everything the dossier page shows, loaded in a fixed number of queries.

`build_dossier` runs the same queries whether a film has three craft notes or
forty: one for the film (with its newest video and first live shelf as columns),
one per prefetched list, one for the director lane and one for the approved reader
answers. The pressure pick comes from the live themes, computed once per content
version (films.catalog_stats). Coverage is counted from the loaded rows.
"""

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, FilteredRelation, OuterRef, Prefetch, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import JSONObject

from editorial.coverage import FACTS, Coverage, coverage_from_facts, facts_of_loaded_dossier
from editorial.models import Collection, DossierEntry, Section, WatchNextPick
from films.models import BehindTheScenesPhoto, Credit, Film, Person, SceneClip, VideoSignal
from submissions.models import Submission

MORE_FROM_DIRECTOR_LIMIT = 6
# How many approved reader answers of each kind the page shows, featured first, then newest.
ANSWERS_SHOWN = {
    Submission.Kind.DEFENSE: 12,
    Submission.Kind.SCENE_PICK: 6,
    Submission.Kind.NEXT_PICK: 6,
}
DEFENSES_SHOWN = ANSWERS_SHOWN[Submission.Kind.DEFENSE]
SCENE_PICKS_SHOWN = ANSWERS_SHOWN[Submission.Kind.SCENE_PICK]
NEXT_PICKS_SHOWN = ANSWERS_SHOWN[Submission.Kind.NEXT_PICK]


@dataclass(frozen=True)
class DirectorLane:
    person: Person
    live_count: int


@dataclass(frozen=True)
class Continuation:
    """One way onward from a dossier: a film or a shelf, with why it follows."""

    kind: str  # "filmmaker", "pressure" or "shelf"
    prompt: str
    title: str
    url: str
    reason: str
    film_pk: int | None = None  # the film it leads to, if it leads to a film


@dataclass
class Dossier:
    film: Film
    coverage: Coverage
    video: VideoSignal | None
    entries: dict = field(default_factory=dict)  # section -> [DossierEntry]
    director_lanes: list = field(default_factory=list)
    more_from_director: list = field(default_factory=list)
    pathways: list = field(default_factory=list)
    defenses: list = field(default_factory=list)  # approved, featured first, then newest
    scene_picks: list = field(default_factory=list)
    next_picks: list = field(default_factory=list)

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
        return [credit for credit in self.film.credits.all() if credit.role == Credit.Role.DIRECTOR]

    @property
    def cast(self):
        return [credit for credit in self.film.credits.all() if credit.role == Credit.Role.CAST]

    @property
    def crew(self):
        return [credit for credit in self.film.credits.all() if credit.role == Credit.Role.CREW]

    @property
    def photos(self):
        return self.film.reviewed_photos

    @property
    def scene_clips(self):
        return self.film.scene_clips.all()


# Single values the page needs, read as columns of the film's own query instead of
# queries of their own: the newest video signal and the first live shelf, each as one
# JSON object (a subquery per value cost as much to compile as the rest of the query).
_NEWEST_VIDEO = VideoSignal.objects.filter(film=OuterRef("pk")).order_by("-published_on", "-pk")
_FIRST_LIVE_SHELF = Collection.objects.live().filter(items__film=OuterRef("pk")).order_by("title", "pk")
SINGLE_VALUES = {
    "newest_video": Subquery(
        _NEWEST_VIDEO.values(
            json=JSONObject(kind="kind", title="title", url="url", published_on="published_on")
        )[:1]
    ),
    "first_shelf": Subquery(_FIRST_LIVE_SHELF.values(json=JSONObject(title="title", slug="slug"))[:1]),
    "live_collections": FACTS["live_collections"],
}


def _newest_video(film):
    if film.newest_video is None:
        return None
    video = film.newest_video
    return VideoSignal(
        film=film,
        kind=video["kind"],
        title=video["title"],
        url=video["url"],
        published_on=datetime.date.fromisoformat(video["published_on"]),
    )


def dossier_queryset():
    """Films with everything their dossier shows. Built once per process (resolving the
    annotations and prefetches took a millisecond a request); each caller gets a clone."""
    return _dossier_queryset().all()


@functools.cache
def _dossier_queryset():
    return Film.objects.annotate(**SINGLE_VALUES).prefetch_related(
        "genres",
        "themes",
        Prefetch("credits", queryset=Credit.objects.select_related("person")),
        Prefetch("entries", queryset=DossierEntry.objects.order_by("section", "position", "pk")),
        Prefetch(
            "photos",
            queryset=BehindTheScenesPhoto.objects.filter(is_reviewed=True),
            to_attr="reviewed_photos",
        ),
        Prefetch(
            "watch_next_picks",
            queryset=WatchNextPick.objects.select_related("target_film", "target_collection"),
        ),
        Prefetch(
            "scene_clips",
            # Joined on the state, not filtered in the count, so that only approved picks are
            # read, from submission_approved_pick_idx (a hot film's clips have thousands of picks).
            queryset=SceneClip.objects.annotate(
                approved=FilteredRelation("picks", condition=Q(picks__state=Submission.State.APPROVED)),
                approved_picks=Count("approved"),
            ),
        ),
    )


def _director_lanes(film, directors):
    """Each director's count of live dossiers, and their other live films, newest first: one query."""
    credits = (
        Credit.objects.filter(role=Credit.Role.DIRECTOR, person__in=directors, film__in=Film.objects.live())
        .select_related("film")
        .order_by("-film__year", "film__title", "film__pk")
    )
    films_by_director = defaultdict(set)
    more_from_director = []
    for credit in credits:
        films_by_director[credit.person_id].add(credit.film_id)
        if credit.film_id != film.pk and credit.film not in more_from_director:
            more_from_director.append(credit.film)
    lanes = [DirectorLane(person=person, live_count=len(films_by_director[person.pk])) for person in directors]
    return lanes, more_from_director[:MORE_FROM_DIRECTOR_LIMIT]


def _pinned(pick, film, already_offered):
    """A pinned pick as a continuation, or None when its target is not public (or is the film)."""
    prompt = WatchNextPick.Pathway(pick.pathway).label
    target = pick.target_film
    if target is not None:
        if target.is_live and target.pk not in already_offered:
            return Continuation(pick.pathway, prompt, target.title, target.get_absolute_url(), pick.reason,
                                film_pk=target.pk)
        return None
    shelf = pick.target_collection
    if shelf is not None and shelf.status == Collection.Status.LIVE:
        return Continuation(pick.pathway, prompt, shelf.title, shelf.get_absolute_url(), pick.reason)
    return None


def _filmmaker_fallback(film, more_from_director, directors, already_offered):
    pick = next((other for other in more_from_director if other.pk not in already_offered), None)
    if pick is None:
        return None
    names = " and ".join(person.name for person in directors)
    return Continuation(WatchNextPick.Pathway.FILMMAKER, "Stay with the filmmaker", pick.title,
                        pick.get_absolute_url(), f"Another live dossier from {names}: the same hand on a "
                        "different machine.", film_pk=pick.pk)


def _pressure_fallback(film, already_offered, live_themes):
    """The newest live film carrying this film's dominant theme (the one most live dossiers share)."""
    theme = live_themes.dominant(theme.pk for theme in film.themes.all())
    newest = theme and next((other for other in theme.newest if other[0] not in already_offered), None)
    if not newest:
        return None
    pk, title, slug = newest
    pick = Film(pk=pk, title=title, slug=slug)
    return Continuation(WatchNextPick.Pathway.PRESSURE, "Chase the dominant pressure signal", pick.title,
                        pick.get_absolute_url(), f"{pick.title} runs on {theme.name} too.",
                        film_pk=pick.pk)


def _shelf_fallback(film):
    if film.first_shelf is None:
        return None
    shelf = Collection(title=film.first_shelf["title"], slug=film.first_shelf["slug"])
    return Continuation(WatchNextPick.Pathway.SHELF, "Jump to the shelf", shelf.title, shelf.get_absolute_url(),
                        f"The shelf that argues why {film.title} belongs here.")


def _pathways(film, more_from_director, directors, live_themes):
    """Three continuations, each the editor's pin or, failing that, computed; never the film, never twice."""
    pinned = {pick.pathway: pick for pick in film.watch_next_picks.all()}
    fallbacks = {
        WatchNextPick.Pathway.FILMMAKER: lambda offered: _filmmaker_fallback(film, more_from_director, directors,
                                                                             offered),
        WatchNextPick.Pathway.PRESSURE: lambda offered: _pressure_fallback(film, offered, live_themes),
        WatchNextPick.Pathway.SHELF: lambda offered: _shelf_fallback(film),
    }
    # A computed pick never takes a film an editor pinned to another pathway.
    pinned_films = {pick.target_film_id for pick in pinned.values() if pick.target_film_id}
    shown = {film.pk}
    pathways = []
    for pathway, fallback in fallbacks.items():
        continuation = _pinned(pinned[pathway], film, shown) if pathway in pinned else None
        if continuation is None:
            continuation = fallback(shown | pinned_films)
        if continuation is not None:
            pathways.append(continuation)
            if continuation.film_pk:
                shown.add(continuation.film_pk)
    return pathways


def build_dossier(film, live_themes):
    """Assemble the page from a film fetched through `dossier_queryset`, and the live themes of the
    catalog (films.catalog_stats)."""
    entries = defaultdict(list)
    for entry in film.entries.all():
        entries[entry.section].append(entry)
    dossier = Dossier(
        film=film,
        coverage=coverage_from_facts(facts_of_loaded_dossier(film, entries)),
        video=_newest_video(film),
        entries=dict(entries),
    )
    directors = [credit.person for credit in dossier.directors]
    if directors:
        dossier.director_lanes, dossier.more_from_director = _director_lanes(film, directors)
    dossier.pathways = _pathways(film, dossier.more_from_director, directors, live_themes)
    answers = _reader_answers(film)
    dossier.defenses = answers[Submission.Kind.DEFENSE]
    dossier.scene_picks = answers[Submission.Kind.SCENE_PICK]
    dossier.next_picks = answers[Submission.Kind.NEXT_PICK]
    return dossier


# Each kind's newest approved ids, from its own LIMITed branch of a UNION ALL: an index-only
# scan of submission_answers_idx each, so a film with thousands of answers costs what one
# with twenty does. Written as SQL because the same query built through the ORM (three
# nested querysets) took three times as long to compile as to run. The inner SELECT lets
# SQLite, which refuses a LIMIT directly inside a UNION, run it too.
_NEWEST_OF_KIND = (
    f"SELECT id FROM (SELECT id FROM {Submission._meta.db_table} WHERE film_id = %s AND state = %s AND kind = %s"
    " ORDER BY is_featured DESC, created_at DESC, id DESC LIMIT %s) AS newest"
)
_SHOWN_ANSWERS = " UNION ALL ".join([_NEWEST_OF_KIND] * len(ANSWERS_SHOWN))


def _reader_answers(film):
    """The approved answers of each kind the page shows, featured first, then newest: one query."""
    params = []
    for kind, limit in ANSWERS_SHOWN.items():
        # Approved only: the rule of Submission.objects.public(), which this SQL cannot call.
        params += [film.pk, Submission.State.APPROVED, kind, limit]
    shown = (
        Submission.objects.filter(pk__in=RawSQL(_SHOWN_ANSWERS, params))
        .select_related("scene_clip", "suggested_film")
        .order_by("kind", "-is_featured", "-created_at", "-pk")
    )
    answers = {kind: [] for kind in ANSWERS_SHOWN}
    for answer in shown:
        answers[answer.kind].append(answer)
    return answers
