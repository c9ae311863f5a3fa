"""Every list page costs the same number of queries with 5 live films as with 200.

The budgets are the counts measured with 200 films, so a query per film (a
missing select_related or prefetch) breaks them at once.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from editorial.models import CollectionItem
from films.models import Credit, Film, ThemedFilm
from tests.factories import make_collection, make_film, make_genre, make_person
from tests.html import page_of

pytestmark = pytest.mark.django_db

# page -> (url, most queries it may run, films it shows at most on one page)
# The catalog: its filters' choices (live genres, themes, decades), the count, the page and
# its cards' genres. A theme page: the theme, the count, one page of films. Every list of film
# cards adds one query for its films' directors, set on the typographic card of a film with no
# image.
LIST_PAGES = {
    "catalog": ("/films/", 7, 24),
    "catalog filtered": ("/films/?genre=crime&theme=night&tier=catalog_entry&sort=year", 7, 24),
    "search": ("/search/?q=Night", 5, 20),
    "person": ("/people/prolific-director/", 3, None),
    "theme": ("/themes/night/", 4, 24),
    "collection": ("/collections/big-shelf/", 3, None),
    "home": ("/", 5, 8),  # the latest eight and the featured films: two lists of cards
}


def build_live_films(count):
    """`count` live films, bulk-created, each with two genres, two themes, a director, a cast credit and a shelf."""
    director = make_person("Prolific Director")
    actor = make_person("Busy Actor")
    crime, drama = make_genre("Crime"), make_genre("Drama")
    night = Tag.objects.create(name="night", slug="night")
    city = Tag.objects.create(name="city", slug="city")
    now = timezone.now()
    films = Film.objects.bulk_create(
        Film(
            title=f"Night film {n:03d}",
            slug=f"night-film-{n:03d}",
            status=Film.Status.LIVE,
            year=1950 + n % 70,
            runtime_minutes=90 + n % 40,
            logline=f"Night number {n} in a city that never sleeps.",
            published_at=now - timedelta(minutes=n),
            is_featured=n < 4,
        )
        for n in range(count)
    )
    Film.genres.through.objects.bulk_create(
        Film.genres.through(film=film, genre=genre) for film in films for genre in (crime, drama)
    )
    ThemedFilm.objects.bulk_create(ThemedFilm(content_object=film, tag=tag) for film in films for tag in (night, city))
    Credit.objects.bulk_create(
        credit
        for film in films
        for credit in (
            Credit(film=film, person=director, role=Credit.Role.DIRECTOR),
            Credit(film=film, person=actor, role=Credit.Role.CAST, character=f"Role {film.pk}", billing_order=1),
        )
    )
    shelf = make_collection("Big shelf")
    CollectionItem.objects.bulk_create(
        CollectionItem(collection=shelf, film=film, position=n, note=f"Why night {n} belongs.")
        for n, film in enumerate(films)
    )
    make_collection("Second shelf", films=films[:3])
    return films


def film_links(response):
    """Distinct links to a dossier in the page's main content."""
    main = page_of(response).find("main")
    return {link.attrs["href"] for link in main.find_all("a") if link.attrs.get("href", "").startswith("/films/night-")}


@pytest.mark.parametrize("size", [5, 200])
@pytest.mark.parametrize("page", list(LIST_PAGES))
def test_list_page_queries_do_not_grow_with_the_number_of_films(reader, django_assert_max_num_queries, page, size):
    build_live_films(size)
    make_film("Unrelated", year=2000, status=Film.Status.DRAFT)
    url, budget, page_size = LIST_PAGES[page]

    with django_assert_max_num_queries(budget):
        response = reader.get(url)

    assert response.status_code == 200
    expected = size if page_size is None else min(size, page_size)
    assert len(film_links(response)) == expected
