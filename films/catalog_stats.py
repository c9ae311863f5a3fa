"""Facts about the whole live catalog, computed once per content version.

The catalog's filter choices (genres, the most-carried themes, decades) and the
dossier's pressure pick (the newest film carrying its dominant theme) each
aggregate every live film: at 10,000 films that is tens of milliseconds a
request. They change only when public content does, so they are computed once
per content version and kept in Django's cache (each web process's memory, or
Redis), and each process keeps its newest copy at hand: any edit, publication,
unpublication, moderation decision or go-live moves the version, and the next
request computes them afresh.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from editorial import freshness
from films.models import Film, Genre, ThemedFilm

# Films kept per theme for the pressure pick, newest first. The dossier skips
# at most four of them (the film itself, the filmmaker pick and two films pinned
# to other pathways), so six always leave one when the theme has one to give.
NEWEST_PER_THEME = 6


@dataclass(frozen=True)
class Choice:
    pk: int
    name: str
    slug: str
    films: int  # live films that carry it


@dataclass(frozen=True)
class Theme(Choice):
    newest: tuple  # (pk, title, slug) of up to NEWEST_PER_THEME live films carrying it, newest first


@dataclass(frozen=True)
class LiveThemes:
    themes: tuple  # Theme per theme some live film carries, most carried first, then by name

    def by_slug(self, slug):
        return next((theme for theme in self.themes if theme.slug == slug), None)

    def dominant(self, theme_ids):
        """Of these themes, the one the most live films share (ties by name); None if none is live."""
        wanted = set(theme_ids)
        return next((theme for theme in self.themes if theme.pk in wanted), None)


@dataclass(frozen=True)
class CatalogChoices:
    live_films: int
    genres: tuple  # Choice per genre some live film has, by name
    decades: tuple  # decades of live films' years, newest first

    def genre(self, slug):
        return next((genre for genre in self.genres if genre.slug == slug), None)


def live_themes(request=None):
    """The live themes of the current content version: one query when not cached."""
    return _cached("live-themes", request, _compute_live_themes)


def catalog_choices(request=None):
    """The catalog's genre and decade choices (and its size) of the current content version:
    three queries when not cached."""
    return _cached("catalog-choices", request, _compute_catalog_choices)


# The newest value of each name in this process, with its key: the values are immutable
# tuples, so the next request of the same content version reads them here without
# unpickling them from the cache (the dossier's themes cost ~1 ms to unpickle).
_latest = {}


def _cached(name, request, compute):
    key = f"catalog-stats:{name}:{freshness.current(request).key}"
    latest_key, value = _latest.get(name, (None, None))
    if latest_key == key:
        return value
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=settings.PAGE_CACHE_SECONDS)
    _latest[name] = (key, value)
    return value


def forget_local_copies():
    """Drop this process's copies (tests roll the database, and so the content version, back)."""
    _latest.clear()


def _compute_live_themes():
    """Every live theme's film count and newest films, in one windowed query."""
    by_tag = [F("tag")]
    rows = (
        ThemedFilm.objects.filter(content_object__in=Film.objects.live())
        .annotate(
            films=Window(Count("pk"), partition_by=by_tag),
            rank=Window(
                RowNumber(),
                partition_by=by_tag,
                order_by=[F("content_object__year").desc(nulls_last=True), F("content_object__title")],
            ),
        )
        .filter(rank__lte=NEWEST_PER_THEME)
        .values_list("tag", "tag__name", "tag__slug", "films", "content_object", "content_object__title",
                     "content_object__slug", "rank")
        .order_by("tag", "rank")
    )
    facts, newest = {}, defaultdict(list)
    for tag, name, slug, films, film_pk, title, film_slug, _rank in rows:
        facts[tag] = (name, slug, films)
        # Plain tuples, not Film instances: unpickling hundreds of model instances
        # from the cache on every dossier view cost more than the query it saves.
        newest[tag].append((film_pk, title, film_slug))
    themes = [Theme(tag, name, slug, films, tuple(newest[tag])) for tag, (name, slug, films) in facts.items()]
    return LiveThemes(tuple(sorted(themes, key=lambda theme: (-theme.films, theme.name))))


def _compute_catalog_choices():
    live = Film.objects.live()
    genres = Genre.objects.filter(films__in=live).annotate(live_films=Count("films")).order_by("name")
    years = live.exclude(year=None).order_by().values_list("year", flat=True).distinct()
    return CatalogChoices(
        live_films=live.count(),
        genres=tuple(Choice(genre.pk, genre.name, genre.slug, genre.live_films) for genre in genres),
        decades=tuple(sorted({year - year % 10 for year in years}, reverse=True)),
    )
