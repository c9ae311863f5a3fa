"""Everything the dossier page shows, loaded in a fixed number of queries.

`load_dossier` runs the same queries whether a film has three craft notes or
forty: one for the film with its coverage facts, one per related list
(prefetched), one for the newest video signal and two for the director lane.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from editorial.coverage import Coverage, coverage_of, with_coverage_facts
from editorial.models import DossierEntry, Section
from films.models import BehindTheScenesPhoto, Credit, Film, Person, VideoSignal

MORE_FROM_DIRECTOR_LIMIT = 6


@dataclass(frozen=True)
class DirectorLane:
    person: Person
    live_count: int


@dataclass
class Dossier:
    film: Film
    coverage: Coverage
    video: VideoSignal | None
    entries: dict = field(default_factory=dict)  # section -> [DossierEntry]
    director_lanes: list = field(default_factory=list)
    more_from_director: list = field(default_factory=list)

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
        "scene_clips",
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
    return dossier
