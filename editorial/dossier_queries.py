"""The dossier page's queries, each compiled once per process (cinemaone.prepared).

Every request runs the same ten queries with only the film changing: the film by
its slug, then its lists by its id. Described here as querysets, run as their SQL,
and turned back into model instances the way the ORM's own iteration does, so the
page, its templates and the forms see ordinary models.
"""

from django.db.models import Count, FilteredRelation, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import JSONObject
from taggit.models import Tag

from cinemaone.prepared import Placeholder, PreparedQuery
from editorial.coverage import FACTS
from editorial.models import Collection, DossierEntry, WatchNextPick
from films.models import BehindTheScenesPhoto, Credit, Film, Genre, Person, SceneClip, VideoSignal
from submissions.models import Submission

# Values no real slug or id takes: the queries are compiled with these, then run with real ones.
SLUG = Placeholder("\x00dossier-slug")
FILM_ID = Placeholder(-7_301_105_981)
DATABASE = "default"

# How many approved reader answers of each kind the page shows, featured first, then newest.
ANSWERS_SHOWN = {
    Submission.Kind.DEFENSE: 12,
    Submission.Kind.SCENE_PICK: 6,
    Submission.Kind.NEXT_PICK: 6,
}


def _columns(model, through=""):
    """A model's columns as `values_list()` names, in the order `Model.from_db` takes them."""
    return [f"{through}{field.name}" for field in model._meta.concrete_fields]


class _Shape:
    """Which models a row holds, in order: splits a row of `values_list(*columns)` into instances."""

    def __init__(self, *parts):
        self.parts = []
        for model, _through in parts:
            fields = model._meta.concrete_fields
            self.parts.append((model, [field.attname for field in fields], fields.index(model._meta.pk)))
        self.columns = [column for model, through in parts for column in _columns(model, through)]

    def instances(self, row):
        """One instance per model of the row, None where a LEFT JOIN found nothing; and the rest of the row."""
        found, start = [], 0
        for model, attnames, pk_index in self.parts:
            values = row[start:start + len(attnames)]
            found.append(None if values[pk_index] is None else model.from_db(DATABASE, attnames, values))
            start += len(attnames)
        return found, row[start:]


# The film and the single values the page shows: its newest video and first live shelf
# as one JSON object each (a subquery per value would cost as much to compile as the rest).
_NEWEST_VIDEO = VideoSignal.objects.filter(film=OuterRef("pk")).order_by("-published_on", "-pk")
_FIRST_LIVE_SHELF = Collection.objects.live().filter(items__film=OuterRef("pk")).order_by("title", "pk")
SINGLE_VALUES = {
    "newest_video": Subquery(
        _NEWEST_VIDEO.values(json=JSONObject(kind="kind", title="title", url="url", published_on="published_on"))[:1]
    ),
    "first_shelf": Subquery(_FIRST_LIVE_SHELF.values(json=JSONObject(title="title", slug="slug"))[:1]),
    "live_collections": FACTS["live_collections"],
}
_FILM = _Shape((Film, ""))
FILM = PreparedQuery(
    lambda slug: Film.objects.filter(slug=slug).annotate(**SINGLE_VALUES).values_list(*_FILM.columns, *SINGLE_VALUES),
    SLUG,
)


def film_by_slug(slug):
    """The film at `slug`, live or not (callers decide), with SINGLE_VALUES as attributes; or None."""
    rows = FILM.rows(slug)
    if not rows:
        return None
    (film,), values = _FILM.instances(rows[0])
    for name, value in zip(SINGLE_VALUES, values):
        setattr(film, name, value)
    return film


def _list_of(*parts, build, extra=()):
    """A prepared query of one film's rows, as instances of `parts[0]` with the other parts attached."""
    shape = _Shape(*parts)
    query = PreparedQuery(lambda film_id: build(film_id).values_list(*shape.columns, *extra), FILM_ID)
    return shape, query


_CREDITS = _list_of((Credit, ""), (Person, "person__"), build=lambda film_id: Credit.objects.filter(film=film_id))
_GENRES = _list_of((Genre, ""), build=lambda film_id: Genre.objects.filter(films=film_id))
_THEMES = _list_of(
    (Tag, ""), build=lambda film_id: Tag.objects.filter(films_themedfilm_items__content_object=film_id).order_by("name")
)
_ENTRIES = _list_of(
    (DossierEntry, ""),
    build=lambda film_id: DossierEntry.objects.filter(film=film_id).order_by("section", "position", "pk"),
)
_PHOTOS = _list_of(
    (BehindTheScenesPhoto, ""),
    build=lambda film_id: BehindTheScenesPhoto.objects.filter(film=film_id, is_reviewed=True),
)
_PINNED = _list_of(
    (WatchNextPick, ""), (Film, "target_film__"), (Collection, "target_collection__"),
    build=lambda film_id: WatchNextPick.objects.filter(film=film_id),
)
# Clips with their approved picks, joined on the state rather than filtered in the count, so
# that only approved picks are read, from submission_approved_pick_idx. Ordered here: a
# grouped values_list() does not take the model's ordering.
_CLIPS = _list_of(
    (SceneClip, ""),
    build=lambda film_id: SceneClip.objects.filter(film=film_id).annotate(
        approved=FilteredRelation("picks", condition=Q(picks__state=Submission.State.APPROVED)),
        approved_picks=Count("approved"),
    ).order_by(*SceneClip._meta.ordering),
    extra=["approved_picks"],
)
# Every live-status credit of the film's directors, with the film: the director lanes.
_DIRECTED = _list_of(
    (Credit, ""), (Film, "film__"),
    build=lambda film_id: Credit.objects.filter(
        role=Credit.Role.DIRECTOR,
        person__in=Credit.objects.filter(film=film_id, role=Credit.Role.DIRECTOR).values("person"),
        film__status=Film.Status.LIVE,
    ).order_by("-film__year", "film__title", "film__pk"),
)

# Each kind's newest approved ids, from its own LIMITed branch of a UNION ALL: an index-only
# scan of submission_answers_idx each, so a film with thousands of answers costs what one
# with twenty does. The inner SELECT lets SQLite, which refuses a LIMIT directly inside a
# UNION, run it too. Approved only: the rule of Submission.objects.public().
_NEWEST_OF_KIND = (
    f"SELECT id FROM (SELECT id FROM {Submission._meta.db_table} WHERE film_id = %s AND state = %s AND kind = %s"
    " ORDER BY is_featured DESC, created_at DESC, id DESC LIMIT %s) AS newest"
)
_SHOWN_ANSWERS = " UNION ALL ".join([_NEWEST_OF_KIND] * len(ANSWERS_SHOWN))


def _shown_answers(film_id):
    params = []
    for kind, limit in ANSWERS_SHOWN.items():
        params += [film_id, Submission.State.APPROVED, kind, limit]
    return Submission.objects.filter(pk__in=RawSQL(_SHOWN_ANSWERS, params)).order_by(
        "kind", "-is_featured", "-created_at", "-pk"
    )


_ANSWERS = _list_of((Submission, ""), (SceneClip, "scene_clip__"), (Film, "suggested_film__"), build=_shown_answers)


def _load(shape_and_query, film_id):
    shape, query = shape_and_query
    return [shape.instances(row) for row in query.rows(film_id)]


def credits(film):
    """The film's credits (role, billing order), each with its person."""
    loaded = []
    for (credit, person), _extra in _load(_CREDITS, film.pk):
        credit.person = person
        loaded.append(credit)
    return loaded


def genres(film):
    return [genre for (genre,), _extra in _load(_GENRES, film.pk)]


def themes(film):
    return [tag for (tag,), _extra in _load(_THEMES, film.pk)]


def entries(film):
    return [entry for (entry,), _extra in _load(_ENTRIES, film.pk)]


def reviewed_photos(film):
    return [photo for (photo,), _extra in _load(_PHOTOS, film.pk)]


def pinned_picks(film):
    """The editor's pinned watch-next picks, each with its target film or shelf."""
    loaded = []
    for (pick, target_film, target_collection), _extra in _load(_PINNED, film.pk):
        pick.target_film, pick.target_collection = target_film, target_collection
        loaded.append(pick)
    return loaded


def scene_clips(film):
    """The film's clips, each with `approved_picks`: how many readers' approved picks name it."""
    loaded = []
    for (clip,), (approved_picks,) in _load(_CLIPS, film.pk):
        clip.approved_picks = approved_picks
        loaded.append(clip)
    return loaded


def directed(film):
    """The credits of this film's directors on films of live status (the caller checks go-live)."""
    loaded = []
    for (credit, other_film), _extra in _load(_DIRECTED, film.pk):
        credit.film = other_film
        loaded.append(credit)
    return loaded


def reader_answers(film):
    """The approved answers of each kind the page shows, featured first, then newest: {kind: [answer]}."""
    answers = {kind: [] for kind in ANSWERS_SHOWN}
    for (answer, clip, suggested_film), _extra in _load(_ANSWERS, film.pk):
        answer.scene_clip, answer.suggested_film = clip, suggested_film
        answers[answer.kind].append(answer)
    return answers
