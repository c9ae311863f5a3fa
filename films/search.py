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


def search_films(query):
    """Live films matching `query`, best first."""
    live = Film.objects.live()
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        by_text = Film.objects.annotate(document=FILM_DOCUMENT).filter(document=search_query)
        rank = SearchRank(FILM_DOCUMENT, search_query)
    else:
        by_text = Film.objects.filter(Q(title__icontains=query) | Q(logline__icontains=query))
        rank = Case(
            When(title__icontains=query, then=Value(1.0)),
            When(logline__icontains=query, then=Value(0.4)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    # One set of ids from three indexed lookups (the GIN match, people's names by
    # trigram, theme names): OR-ing them in one WHERE made PostgreSQL read every film.
    matching = by_text.order_by().values("pk").union(
        Credit.objects.filter(person__name__icontains=query).order_by().values("film"),
        ThemedFilm.objects.filter(tag__name__icontains=query).order_by().values("content_object"),
    )
    return live.filter(pk__in=matching).annotate(rank=rank).order_by("-rank", "-year", "title")


def search_people(query, limit=12):
    """People credited on a live dossier whose name matches."""
    return (
        Person.objects.filter(name__icontains=query, credits__film__in=Film.objects.live())
        .distinct()
        .order_by("name")[:limit]
    )


def clean_query(raw):
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


