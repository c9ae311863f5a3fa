"""Facts about the live catalog that the public pages offer as choices (genres, themes, decades),
and what a film card shows beyond the film itself (its directors)."""

from django.db.models import Count, F, Prefetch
from taggit.models import Tag

from films.models import Credit, Film, Genre
from pagecache import tags


def card_directors(prefix=""):
    """The prefetch of a film card's directors (`film.director_credits`), set on the typographic
    card of a film without an image; `prefix` reaches the films through a relation ("film__")."""
    directors = Credit.objects.filter(role=Credit.Role.DIRECTOR).select_related("person").only(
        "film", "person__name", "person__slug", "billing_order").order_by("billing_order", "pk")
    return Prefetch(f"{prefix}credits", directors, to_attr="director_credits")


def live_genres():
    """Genres some live film has, by name, each with `live_films`."""
    return (
        Genre.objects.filter(films__in=Film.objects.live())
        .annotate(live_films=Count("films"))
        .order_by("name")
    )


def live_themes():
    """Themes some live film carries, most carried first, each with `live_films`."""
    return (
        Tag.objects.filter(films_themedfilm_items__content_object__in=Film.objects.live())
        .annotate(live_films=Count("films_themedfilm_items"))
        .order_by("-live_films", "name")
    )


def live_decades():
    """The decades of live films' years, newest first (1990 for the 1990s)."""
    decades = (
        Film.objects.live().exclude(year=None).order_by()
        .values_list(F("year") / 10 * 10, flat=True).distinct()
    )
    return sorted(decades, reverse=True)


def catalog_choices(themes_shown):
    """The catalog's filter choices: {"genres", "themes" (the `themes_shown` most carried),
    "decades"}. Counting them reads every live film, so they are kept in the cache until the
    catalog changes (any publish, unpublish or edit invalidates it) or a scheduled film goes live."""
    return tags.cached(
        f"catalog-choices:{themes_shown}",
        {tags.CATALOG},
        lambda: {
            "genres": list(live_genres()),
            "themes": list(live_themes()[:themes_shown]),
            "decades": live_decades(),
        },
        valid_until=Film.objects.next_go_live_at,
    )
