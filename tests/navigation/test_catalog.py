"""The catalog: filter by genre, theme, decade and coverage tier, sort, paginate — over live dossiers only."""

from datetime import timedelta

import pytest

from editorial import publishing
from films.models import Film
from tests.factories import make_draft_film, make_film, make_full_dossier
from tests.html import page_of

pytestmark = pytest.mark.django_db


def listed(client, **params):
    response = client.get("/films/", params)
    assert response.status_code == 200
    grid = page_of(response).find("ul", class_="card-grid card-grid--films")
    return [] if grid is None else [heading.find("a").attrs["href"] for heading in grid.find_all("h3")]


def options(client, select_id):
    select = page_of(client.get("/films/")).find("select", id=select_id)
    return [option.attrs["value"] for option in select.find_all("option") if option.attrs["value"]]


@pytest.fixture
def shelf_of_films(clock):
    films = {}
    for title, year, genres, themes in [
        ("Heat", 1995, ["Crime"], ["professionalism"]),
        ("Drive", 2011, ["Crime", "Drama"], ["loneliness"]),
        ("Lost in Translation", 2003, ["Drama"], ["loneliness"]),
    ]:
        films[title] = make_film(title, year=year, genres=genres, themes=themes)
        clock.advance(timedelta(hours=1))
    make_draft_film("Chinatown", year=1974, genres=["Crime", "Mystery"], themes=["loneliness", "corruption"])
    return films


def test_catalog_lists_live_dossiers_newest_published_first(reader, shelf_of_films):
    assert listed(reader) == ["/films/lost-in-translation/", "/films/drive/", "/films/heat/"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"genre": "crime"}, ["/films/drive/", "/films/heat/"]),
        ({"theme": "loneliness"}, ["/films/lost-in-translation/", "/films/drive/"]),
        ({"decade": "2000"}, ["/films/lost-in-translation/"]),
        ({"genre": "drama", "theme": "loneliness", "decade": "2010"}, ["/films/drive/"]),
        ({"sort": "title"}, ["/films/drive/", "/films/heat/", "/films/lost-in-translation/"]),
        ({"sort": "year"}, ["/films/drive/", "/films/lost-in-translation/", "/films/heat/"]),
        ({"sort": "nonsense"}, ["/films/lost-in-translation/", "/films/drive/", "/films/heat/"]),
        ({"decade": "1970"}, []),
        ({"genre": "mystery"}, []),
    ],
)
def test_catalog_filters_and_sorts(reader, shelf_of_films, params, expected):
    assert listed(reader, **params) == expected


def test_catalog_offers_only_choices_a_live_dossier_has(reader, shelf_of_films):
    assert options(reader, "filter-genre") == ["crime", "drama"]
    assert options(reader, "filter-decade") == ["2010", "2000", "1990"]
    assert sorted(options(reader, "filter-theme")) == ["loneliness", "professionalism"]


def test_catalog_filter_with_no_match_says_so(reader, shelf_of_films):
    response = reader.get("/films/", {"decade": "1970"})

    text = page_of(response).text
    assert "No live dossier matches these filters." in text
    assert "0 films match these filters." in text


def test_catalog_filters_by_coverage_tier(reader):
    make_full_dossier("Drive")
    make_film("Heat", year=1995)
    make_full_dossier("Chinatown", status=Film.Status.DRAFT)

    assert listed(reader, tier="fully_authored") == ["/films/drive/"]
    assert listed(reader, tier="catalog_entry") == ["/films/heat/"]


def test_catalog_paginates_24_a_page(reader, clock):
    for n in range(30):
        make_film(f"Film {n:02d}", year=2000)
        clock.advance(timedelta(minutes=1))

    first, second = listed(reader), listed(reader, page="2")

    assert len(first) == 24 and len(second) == 6
    assert first[0] == "/films/film-29/" and second[-1] == "/films/film-00/"
    assert not set(first) & set(second)
    assert listed(reader, page="99") == second, "a page past the end shows the last page"
    assert listed(reader, page="abc") == first


def theme_labels(client, **params):
    select = page_of(client.get("/films/", params)).find("select", id="filter-theme")
    return [option.text for option in select.find_all("option") if option.attrs["value"]]


def test_the_catalogs_counts_are_worked_out_once_for_every_catalog_page(
    reader, page_cache_on, shelf_of_films, django_assert_max_num_queries
):
    # The filters' choices and counts, the page, its cards' genres and directors.
    with django_assert_max_num_queries(9) as first:
        assert theme_labels(reader) == ["loneliness (2)", "professionalism (1)"]
    first_count = len(first.captured_queries)

    # Another page of the catalog (not stored yet) reads the counts from the cache.
    with django_assert_max_num_queries(first_count - 3):
        assert theme_labels(reader, sort="year") == ["loneliness (2)", "professionalism (1)"]


def test_the_catalogs_counts_follow_a_publish_at_once(reader, page_cache_on, shelf_of_films, editor,
                                                      django_capture_on_commit_callbacks):
    assert theme_labels(reader) == ["loneliness (2)", "professionalism (1)"]
    chinatown = Film.objects.get(title="Chinatown")

    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish([chinatown], user=editor)

    assert theme_labels(reader, sort="year") == ["loneliness (3)", "corruption (1)", "professionalism (1)"]
