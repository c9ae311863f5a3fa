"""Search over live dossiers: ranked full-text on PostgreSQL, a plain substring match elsewhere.
Accents never matter: "samourai" finds Le Samouraï (films.lookups, and the `cinemaone`
text search configuration).

On PostgreSQL a title match (weight A) outranks a passing mention in the
logline (weight B), which outranks one in the plot synopsis (weight C), in English or
French; films found only through a credited person or a theme follow. The plot is
searched, never shown: result cards show the logline. Both the match and the rank read the film's stored, GIN-indexed
`search_document` (films.models.SearchDocument).
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When

from films.models import SEARCH_CONFIG, SEARCH_WEIGHTS, Credit, Film, Person, ThemedFilm

MAX_QUERY_LENGTH = 200


class RankedFilms:
    """Matching films, best first, known by id: a page of them (a slice) fetches only its own films."""

    def __init__(self, ids, films):
        self.ids, self.films = ids, films

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self.films.get(pk=self.ids[index])
        ids = self.ids[index]
        by_id = self.films.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]


def search_films(query):
    """The ids of the live films matching `query`, best first: title, then logline, then people and themes."""
    live = Film.objects.live()
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        by_text = live.filter(search_document=search_query)
        rank = SearchRank(F("search_document"), search_query)
    else:
        # Each language's text, as the PostgreSQL document holds it.
        in_title = Q(title__unaccented__icontains=query)
        in_logline = _in_any(SEARCH_WEIGHTS["B"], query)
        in_plot = _in_any(SEARCH_WEIGHTS["C"], query)
        by_text = live.filter(in_title | in_logline | in_plot)
        rank = Case(
            When(in_title, then=Value(1.0)),
            When(in_logline, then=Value(0.4)),
            When(in_plot, then=Value(0.2)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    unranked = Value(0.0, output_field=FloatField())
    # Every match with what it sorts by, from three indexed lookups (the GIN match, people's
    # names by trigram, theme names), in one query. OR-ing them in one WHERE made PostgreSQL
    # read every film; ranking afterwards by `pk IN (500 ids)` cost more than the match. A
    # film found twice is kept where it ranks best (its first row). rewrite(False): modeltranslation's
    # values_list would reorder the columns (it gathers them in a set), and a union pairs them by position.
    matching = (
        by_text.rewrite(False).annotate(rank=rank)
        .order_by()
        .values_list("pk", "rank", "year", "title")
        .union(
            Credit.objects.filter(person__name__unaccented__icontains=query, film__in=live)
            .order_by()
            .values_list("film", unranked, "film__year", "film__title"),
            ThemedFilm.objects.filter(tag__name__unaccented__icontains=query, content_object__in=live)
            .order_by()
            .values_list("content_object", unranked, "content_object__year", "content_object__title"),
            all=True,
        )
        .order_by("-rank", "-year", "title", "pk")
    )
    return list(dict.fromkeys(pk for pk, *_ in matching))


def _in_any(columns, query):
    match = Q()
    for name in columns:
        match |= Q(**{f"{name}__unaccented__icontains": query})
    return match


def search_people(query, limit=12):
    """People credited on a live dossier whose name matches."""
    return (
        Person.objects.filter(name__unaccented__icontains=query, credits__film__in=Film.objects.live())
        .distinct()
        .order_by("name")[:limit]
    )


def clean_query(raw):
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


