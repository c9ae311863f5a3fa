"""Facts about the live catalog that the public pages offer as choices: genres, themes, decades."""

from django.db.models import Count, F
from taggit.models import Tag

from films.models import Film, Genre


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
