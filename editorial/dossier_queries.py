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

from cinemaone.prepared import Placeholder, PreparedQuery, rows_together
from editorial.coverage import FACTS
from editorial.models import Collection, DossierEntry, WatchNextPick
from films.models import BehindTheScenesPhoto, Credit, Film, Genre, SceneClip, VideoSignal
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


def _fields(model, names=None):
    """A model's concrete fields in the order `Model.from_db` takes them: all, or its pk and `names`."""
    return [field for field in model._meta.concrete_fields if names is None or field.primary_key or field.name in names]


class _Rows:
    """A prepared query's rows as instances of `model`, like a queryset with select_related:

    each foreign key of `model` named in `related` is attached as its instance, or None
    where the LEFT JOIN found nothing; each name in `extra` (an annotation) is set as is.
    `fields` names the fields to read of `model`, and `related` maps each foreign key to
    the fields to read of it (None: all): the others are deferred, as with .only().
    """

    def __init__(self, model, build, placeholder, *, fields=None, related=None, extra=()):
        own = _fields(model, fields)
        self.model, self.attnames = model, [field.attname for field in own]
        columns = [field.name for field in own]
        self.related = []  # (name, model, attnames, where its pk is among them) per foreign key
        for name, names in (related or {}).items():
            target = model._meta.get_field(name).related_model
            found = _fields(target, names)
            self.related.append((name, target, [field.attname for field in found], found.index(target._meta.pk)))
            columns += [f"{name}__{field.name}" for field in found]
        self.extra = list(extra)
        self.query = PreparedQuery(lambda value: build(value).values_list(*columns, *self.extra), placeholder)

    def __call__(self, value):
        return self.instances(self.query.rows(value))

    def instances(self, rows):
        return [self._instance(row) for row in rows]

    def _instance(self, row):
        start = len(self.attnames)
        instance = self.model.from_db(DATABASE, self.attnames, row[:start])
        for name, target, attnames, pk_index in self.related:
            values = row[start:start + len(attnames)]
            setattr(instance, name, None if values[pk_index] is None else target.from_db(DATABASE, attnames, values))
            start += len(attnames)
        for name, value in zip(self.extra, row[start:]):
            setattr(instance, name, value)
        return instance


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
# Every field the page can show; not the search index (search_document, a long tsvector).
FILM_SHOWN = [field.name for field in Film._meta.concrete_fields if field.name != "search_document"]
_FILMS = _Rows(Film, lambda slug: Film.objects.filter(slug=slug).annotate(**SINGLE_VALUES), SLUG,
               fields=FILM_SHOWN, extra=SINGLE_VALUES)


def film_by_slug(slug):
    """The film at `slug`, live or not (callers decide), with SINGLE_VALUES as attributes; or None."""
    return next(iter(_FILMS(slug)), None)


def _of_film(model, build, **shape):
    """One film's rows of `model`: `build(film_id)` is the queryset; `shape` as for _Rows."""
    return _Rows(model, build, FILM_ID, **shape)


# Each of these takes a film's id and returns its rows as model instances.
# The page names and links people, films and clips it only mentions: it reads just what it
# shows of them (the rest deferred), not whole rows with their renditions' JSON.
PERSON_SHOWN = ["name", "slug"]
FILM_MENTIONED = ["title", "slug", "status", "go_live_at"]
FILM_CARD = [*FILM_MENTIONED, "year", "logline", "backdrop", "backdrop_renditions", "backdrop_width",
             "backdrop_height", "backdrop_alt"]
credits = _of_film(Credit, lambda film_id: Credit.objects.filter(film=film_id), related={"person": PERSON_SHOWN})
genres = _of_film(Genre, lambda film_id: Genre.objects.filter(films=film_id))
themes = _of_film(
    Tag, lambda film_id: Tag.objects.filter(films_themedfilm_items__content_object=film_id).order_by("name")
)
entries = _of_film(
    DossierEntry, lambda film_id: DossierEntry.objects.filter(film=film_id).order_by("section", "position", "pk")
)
reviewed_photos = _of_film(
    BehindTheScenesPhoto, lambda film_id: BehindTheScenesPhoto.objects.filter(film=film_id, is_reviewed=True)
)
pinned_picks = _of_film(
    WatchNextPick, lambda film_id: WatchNextPick.objects.filter(film=film_id),
    related={"target_film": FILM_MENTIONED, "target_collection": None},
)
# Clips with `approved_picks`, joined on the state rather than filtered in the count, so
# that only approved picks are read, from submission_approved_pick_idx. Ordered here: a
# grouped values_list() does not take the model's ordering.
scene_clips = _of_film(
    SceneClip,
    lambda film_id: SceneClip.objects.filter(film=film_id).annotate(
        approved=FilteredRelation("picks", condition=Q(picks__state=Submission.State.APPROVED)),
        approved_picks=Count("approved"),
    ).order_by(*SceneClip._meta.ordering),
    extra=["approved_picks"],
)

# Every credit of the film's directors on a film of live status, with the film: the director
# lanes (the caller checks each film's go-live time).
directed = _of_film(
    Credit,
    lambda film_id: Credit.objects.filter(
        role=Credit.Role.DIRECTOR,
        person__in=Credit.objects.filter(film=film_id, role=Credit.Role.DIRECTOR).values("person"),
        film__status=Film.Status.LIVE,
    ).order_by("-film__year", "film__title", "film__pk"),
    related={"film": FILM_CARD},
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


# What a published answer shows: never the reader's e-mail or hashed address.
ANSWER_SHOWN = ["film", "kind", "state", "is_featured", "body", "underrated", "scene_clip", "scene_name", "carries",
                "suggested_film", "suggested_title", "pathway", "display_name", "created_at"]
_shown = _of_film(
    Submission, _shown_answers, fields=ANSWER_SHOWN,
    related={"scene_clip": ["title"], "suggested_film": FILM_MENTIONED},
)


def _by_kind(shown):
    """The answers by kind, each featured first, then newest: {kind: [answer]}."""
    answers = {kind: [] for kind in ANSWERS_SHOWN}
    for answer in shown:
        answers[answer.kind].append(answer)
    return answers


# Every list of a film's page, read together by lists_of_film.
_LISTS = {
    "entries": entries, "credits": credits, "genres": genres, "themes": themes, "photos": reviewed_photos,
    "scene_clips": scene_clips, "pinned_picks": pinned_picks, "directed": directed, "answers": _shown,
}


def lists_of_film(film_id):
    """Every list above for one film, by name (the answers by kind): nine queries, in one
    round trip on PostgreSQL (cinemaone.prepared.rows_together)."""
    fetched = rows_together([(loader.query, (film_id,)) for loader in _LISTS.values()])
    lists = {name: loader.instances(rows) for (name, loader), rows in zip(_LISTS.items(), fetched, strict=True)}
    lists["answers"] = _by_kind(lists["answers"])
    return lists
