"""Everything the dossier page shows, loaded in a fixed number of queries.

`load_dossier` runs the same queries whether a film has three craft notes or forty
(editorial.dossier_queries, each compiled once per process): one for the film (with
its newest video and first live shelf as columns), then one per list, the director
lane and the approved reader answers, sent together (one round trip on PostgreSQL).
The pressure pick comes from the live themes, computed once per content version
(films.catalog_stats). Coverage is counted from the loaded rows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from editorial import dossier_queries as queries
from editorial.coverage import Coverage, coverage_from_facts, facts_of_loaded_dossier
from editorial.dossier_queries import ANSWERS_SHOWN
from editorial.models import Collection, Section, WatchNextPick
from films.models import Credit, Film, Person, VideoSignal
from submissions.models import Submission

MORE_FROM_DIRECTOR_LIMIT = 6
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
    credits: list  # [Credit], each with its person, in billing order
    genres: list
    themes: list  # [taggit Tag], by name
    photos: list  # the reviewed behind-the-scenes photos
    scene_clips: list  # [SceneClip], each with `approved_picks`
    pinned_picks: list  # [WatchNextPick], each with its target
    entries: dict  # section -> [DossierEntry]
    video: VideoSignal | None
    coverage: Coverage | None = None
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
        return [credit for credit in self.credits if credit.role == Credit.Role.DIRECTOR]

    @property
    def cast(self):
        return [credit for credit in self.credits if credit.role == Credit.Role.CAST]

    @property
    def crew(self):
        return [credit for credit in self.credits if credit.role == Credit.Role.CREW]


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


def _director_lanes(film, directors, directed):
    """Each director's count of live dossiers, and their other live films, newest first, from
    `directed` (every credit of the film's directors on a film of live status)."""
    films_by_director = defaultdict(set)
    more_from_director = []
    for credit in directed:
        if not credit.film.is_live:  # live, but its go-live time has not come
            continue
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


def _pressure_fallback(dossier, already_offered, live_themes):
    """The newest live film carrying this film's dominant theme (the one most live dossiers share)."""
    theme = live_themes.dominant(theme.pk for theme in dossier.themes)
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


def _pathways(dossier, directors, live_themes):
    """Three continuations, each the editor's pin or, failing that, computed; never the film, never twice."""
    film = dossier.film
    pinned = {pick.pathway: pick for pick in dossier.pinned_picks}
    fallbacks = {
        WatchNextPick.Pathway.FILMMAKER: lambda offered: _filmmaker_fallback(film, dossier.more_from_director,
                                                                             directors, offered),
        WatchNextPick.Pathway.PRESSURE: lambda offered: _pressure_fallback(dossier, offered, live_themes),
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


def load_dossier(slug, live_themes, *, live_only=True):
    """The dossier of the film at `slug`; None if there is none, or (with `live_only`) it is not public.

    `live_themes` are the catalog's (films.catalog_stats), for the pressure pathway.
    """
    film = queries.film_by_slug(slug)
    if film is None or (live_only and not film.is_live):
        return None
    return build_dossier(film, live_themes)


def build_dossier(film, live_themes):
    """Assemble the page of a film read by `dossier_queries.film_by_slug`."""
    lists = queries.lists_of_film(film.pk)
    entries = defaultdict(list)
    for entry in lists["entries"]:
        entries[entry.section].append(entry)
    dossier = Dossier(
        film=film,
        credits=lists["credits"],
        genres=lists["genres"],
        themes=lists["themes"],
        photos=lists["photos"],
        scene_clips=lists["scene_clips"],
        pinned_picks=lists["pinned_picks"],
        entries=dict(entries),
        video=_newest_video(film),
    )
    dossier.coverage = coverage_from_facts(facts_of_loaded_dossier(dossier))
    directors = [credit.person for credit in dossier.directors]
    if directors:
        dossier.director_lanes, dossier.more_from_director = _director_lanes(film, directors, lists["directed"])
    dossier.pathways = _pathways(dossier, directors, live_themes)
    answers = lists["answers"]
    dossier.defenses = answers[Submission.Kind.DEFENSE]
    dossier.scene_picks = answers[Submission.Kind.SCENE_PICK]
    dossier.next_picks = answers[Submission.Kind.NEXT_PICK]
    return dossier
