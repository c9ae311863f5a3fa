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
    """Live films matching `query`, best first, and how many there are."""
    live = Film.objects.live()
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        by_text = live.annotate(document=FILM_DOCUMENT).filter(document=search_query)
        rank = SearchRank(FILM_DOCUMENT, search_query)
    else:
        by_text = live.filter(Q(title__icontains=query) | Q(logline__icontains=query))
        rank = Case(
            When(title__icontains=query, then=Value(1.0)),
            When(logline__icontains=query, then=Value(0.4)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    # The ids first, from three indexed lookups (the GIN match, people's names by trigram,
    # theme names): OR-ing them in one WHERE made PostgreSQL read every film, and joining
    # the set back as a subquery still did at 10,000 films. As a list of ids the page is
    # fetched by primary key and the count is its length (no COUNT over the catalog).
    matching = by_text.order_by().values("pk").union(
        Credit.objects.filter(person__name__icontains=query, film__in=live).order_by().values("film"),
        ThemedFilm.objects.filter(tag__name__icontains=query, content_object__in=live).order_by().values(
            "content_object"
        ),
    )
    ids = [row["pk"] for row in matching.order_by()]
    films = live.filter(pk__in=ids).annotate(rank=rank).order_by("-rank", "-year", "title")
    return films, len(ids)


def search_people(query, limit=12):
    """People credited on a live dossier whose name matches."""
    return (
        Person.objects.filter(name__icontains=query, credits__film__in=Film.objects.live())
        .distinct()
        .order_by("name")[:limit]
    )


def clean_query(raw):
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


