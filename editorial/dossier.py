"""Everything the dossier page shows, loaded in a fixed number of queries.

`load_dossier` runs the same queries whether a film has three craft notes or
forty: one for the film with its coverage facts, one per related list
(prefetched), one for the newest video signal, two for the director lane and up to three
for the watch-next pathway.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber

from editorial.coverage import Coverage, coverage_of, with_coverage_facts
from editorial.models import Collection, DossierEntry, Section
from films.models import BehindTheScenesPhoto, Credit, Film, Person, SceneClip, ThemedFilm, VideoSignal
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


def dossier_queryset():
    return with_coverage_facts(Film.objects.all()).prefetch_related(
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
            "scene_clips",
            queryset=SceneClip.objects.annotate(
                approved_picks=Count("picks", filter=Q(picks__state=Submission.State.APPROVED))
            ),
        ),
    )


def _director_lanes(directors):
    """Each director with the number of live dossiers they are credited on as director."""
    counts = dict(
        Credit.objects.filter(role=Credit.Role.DIRECTOR, person__in=directors, film__in=Film.objects.live())
        .values_list("person")
        .annotate(films=Count("film", distinct=True))
        .order_by()
    )
    return [DirectorLane(person=person, live_count=counts.get(person.pk, 0)) for person in directors]


def _more_from_director(film, directors):
    return list(
        Film.objects.live()
        .filter(credits__role=Credit.Role.DIRECTOR, credits__person__in=directors)
        .exclude(pk=film.pk)
        .distinct()
        .order_by("-year", "title")[:MORE_FROM_DIRECTOR_LIMIT]
    )


def _dominant_theme(film):
    """The film's theme that the most live dossiers share: the pressure it belongs to."""
    theme_ids = [theme.pk for theme in film.themes.all()]
    if not theme_ids:
        return None
    counts = (
        ThemedFilm.objects.filter(tag__in=theme_ids, content_object__in=Film.objects.live())
        .values("tag")
        .annotate(films=Count("content_object"))
        .order_by("-films", "tag__name")
    )
    top = counts.first()
    if top is None:
        return min(film.themes.all(), key=lambda theme: theme.name)
    return next(theme for theme in film.themes.all() if theme.pk == top["tag"])


def _pathways(film, more_from_director, directors):
    pathways = []
    already_offered = [film.pk]
    if more_from_director:
        pick = more_from_director[0]
        already_offered.append(pick.pk)
        names = " and ".join(person.name for person in directors)
        pathways.append(
            Continuation("filmmaker", "Stay with the filmmaker", pick.title, pick.get_absolute_url(),
                         f"Another live dossier from {names}: the same hand on a different machine.")
        )
    theme = _dominant_theme(film)
    if theme is not None:
        pick = (
            Film.objects.live().filter(themes=theme).exclude(pk__in=already_offered).order_by("-year", "title").first()
        )
        if pick is not None:
            pathways.append(
                Continuation("pressure", "Chase the dominant pressure signal", pick.title,
                             pick.get_absolute_url(), f"{pick.title} runs on {theme.name} too.")
            )
    shelf = Collection.objects.live().filter(items__film=film).order_by("title").first()
    if shelf is not None:
        pathways.append(
            Continuation("shelf", "Jump to the shelf", shelf.title, shelf.get_absolute_url(),
                         f"The shelf that argues why {film.title} belongs here.")
        )
    return pathways


def build_dossier(film):
    """Assemble the page from a film fetched through `dossier_queryset`."""
    entries = defaultdict(list)
    for entry in film.entries.all():
        entries[entry.section].append(entry)
    dossier = Dossier(
        film=film,
        coverage=coverage_of(film),
        video=film.video_signals.order_by("-published_on", "-pk").first(),
        entries=dict(entries),
    )
    directors = [credit.person for credit in dossier.directors]
    if directors:
        dossier.director_lanes = _director_lanes(directors)
        dossier.more_from_director = _more_from_director(film, directors)
    dossier.pathways = _pathways(film, dossier.more_from_director, directors)
    answers = _reader_answers(film)
    dossier.defenses = answers[Submission.Kind.DEFENSE]
    dossier.scene_picks = answers[Submission.Kind.SCENE_PICK]
    dossier.next_picks = answers[Submission.Kind.NEXT_PICK]
    return dossier


def _reader_answers(film):
    """The approved answers of each kind the page shows, in one query however many there are."""
    order = [F("is_featured").desc(), F("created_at").desc(), F("pk").desc()]
    ranked = (
        Submission.objects.public()
        .filter(film=film)
        .annotate(rank=Window(RowNumber(), partition_by=[F("kind")], order_by=order))
        .filter(rank__lte=max(ANSWERS_SHOWN.values()))
        .select_related("scene_clip", "suggested_film")
        .order_by("kind", "rank")
    )
    answers = {kind: [] for kind in ANSWERS_SHOWN}
    for answer in ranked:
        if len(answers[answer.kind]) < ANSWERS_SHOWN[answer.kind]:
            answers[answer.kind].append(answer)
    return answers
