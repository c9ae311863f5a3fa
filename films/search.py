"""Search over live dossiers: ranked full-text on PostgreSQL, a plain substring match elsewhere.

On PostgreSQL a title match (weight A) outranks a passing mention in the
logline (weight B); films found only through a credited person or a theme
follow. The GIN index in migration 0004 is built on exactly FILM_DOCUMENT, so
the planner can use it for the match.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, FloatField, Q, Value, When

from films.models import Credit, Film, Person, ThemedFilm

SEARCH_CONFIG = "english"
FILM_DOCUMENT = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
    "logline", weight="B", config=SEARCH_CONFIG
)
MAX_QUERY_LENGTH = 200


def _related_matches(query):
    by_person = Q(pk__in=Credit.objects.filter(person__name__icontains=query).values("film"))
    by_theme = Q(pk__in=ThemedFilm.objects.filter(tag__name__icontains=query).values("content_object"))
    return by_person | by_theme


def search_films(query):
    """Live films matching `query`, best first."""
    live = Film.objects.live()
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        text_match = Q(pk__in=Film.objects.annotate(document=FILM_DOCUMENT).filter(document=search_query).values("pk"))
        rank = SearchRank(FILM_DOCUMENT, search_query)
    else:
        text_match = Q(title__icontains=query) | Q(logline__icontains=query)
        rank = Case(
            When(title__icontains=query, then=Value(1.0)),
            When(logline__icontains=query, then=Value(0.4)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    return (
        live.filter(text_match | _related_matches(query))
        .annotate(rank=rank)
        .order_by("-rank", "-year", "title")
    )


def search_people(query, limit=12):
    """People credited on a live dossier whose name matches."""
    return (
        Person.objects.filter(name__icontains=query, credits__film__in=Film.objects.live())
        .distinct()
        .order_by("name")[:limit]
    )


def clean_query(raw):
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


