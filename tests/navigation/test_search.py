"""Search over live dossiers and people: ranked full text on PostgreSQL, substring matching on SQLite."""

import pytest
from django.db import connection

from films.models import Credit
from tests.factories import add_credit, make_draft_film, make_film
from tests.html import page_of

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranked full-text search runs on PostgreSQL"
)
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the substring search runs on SQLite")


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response


def result_titles(response):
    """The dossiers listed, in order, as the reader sees them."""
    section = page_of(response).find("section", **{"aria-labelledby": "film-results-title"})
    return [heading.find("a").attrs["href"] for heading in section.find_all("h3")]


@pytest.fixture
def films():
    drive = make_film("Drive", year=2011, logline="A stuntman moonlights as a getaway wheelman.",
                      director="Nicolas Winding Refn", themes=["loneliness"])
    add_credit(drive, "Ryan Gosling", role=Credit.Role.CAST, character="Driver")
    heat = make_film("Heat", year=2020, logline="A thief who will drive anywhere for the last job.",
                     director="Michael Mann", themes=["professionalism"])
    lost = make_film("Lost in Translation", year=2003, logline="Two strangers in a Tokyo hotel.",
                     director="Sofia Coppola", themes=["loneliness"])
    return {"drive": drive, "heat": heat, "lost": lost}


@postgresql_only
def test_title_match_ranks_above_a_logline_mention(reader, films):
    """Heat is newer and mentions "drive" in its logline; Drive's title still wins."""
    response = search(reader, "drive")

    assert result_titles(response) == ["/films/drive/", "/films/heat/"]


@postgresql_only
def test_full_text_matches_word_forms(reader, films):
    response = search(reader, "driving")

    assert result_titles(response) == ["/films/drive/", "/films/heat/"]


@sqlite_only
def test_sqlite_search_finds_title_and_logline_matches_title_first(reader, films):
    response = search(reader, "drive")

    assert result_titles(response) == ["/films/drive/", "/films/heat/"]


@sqlite_only
def test_sqlite_search_matches_inside_words(reader, films):
    assert result_titles(search(reader, "wheel")) == ["/films/drive/"]
    assert result_titles(search(reader, "TOKYO")) == ["/films/lost-in-translation/"]


def test_search_finds_a_film_through_a_credited_persons_name(reader, films):
    response = search(reader, "Gosling")

    assert result_titles(response) == ["/films/drive/"]
    people = page_of(response).find("section", **{"aria-labelledby": "people-results-title"})
    assert [link.attrs["href"] for link in people.find_all("a")] == ["/people/ryan-gosling/"]


def test_search_finds_films_through_a_theme(reader, films):
    response = search(reader, "loneliness")

    assert sorted(result_titles(response)) == ["/films/drive/", "/films/lost-in-translation/"]


def test_search_finds_a_film_once_however_it_matches(reader, films):
    """Heat matches by logline, by director and by theme: one card."""
    films["heat"].themes.add("drive")

    response = search(reader, "drive")

    assert result_titles(response).count("/films/heat/") == 1
    assert response.context["page"].paginator.count == 2


def test_the_query_is_shown_back(reader, films):
    response = search(reader, "  Gosling  ")

    page = page_of(response)
    assert page.find("h1").text == "Results for “Gosling”"
    assert page.find("input", id="search-q").attrs["value"] == "Gosling"
    assert "1 dossier found" in page.text


def test_no_match_says_so(reader, films):
    response = search(reader, "zeppelin")

    page = page_of(response)
    assert result_titles(response) == []
    assert "No live dossier matches “zeppelin”." in page.text


def test_empty_query_shows_the_search_form_only(reader, films):
    response = search(reader, "")

    page = page_of(response)
    assert page.find("h1").text == "Search the dossiers"
    assert page.find("section", **{"aria-labelledby": "film-results-title"}) is None


def test_drafts_never_appear_in_search(reader, films):
    draft = make_draft_film("Drive Again", year=2027, logline="The drive continues.",
                            director="Draft Director", themes=["loneliness"])
    add_credit(draft, "Only In Drafts", role=Credit.Role.CAST)

    for query in ("drive", "loneliness", "Draft Director", "Only In Drafts"):
        response = search(reader, query)
        assert draft.get_absolute_url() not in result_titles(response), query
        people = [person.name for person in response.context["people"]]
        assert "Only In Drafts" not in people and "Draft Director" not in people, query
        assert page_of(response).find("a", href="/people/only-in-drafts/") is None


def test_search_escapes_the_query(reader, films):
    response = search(reader, "<script>alert(1)</script>")

    assert b"<script>alert(1)</script>" not in response.content
    assert "No live dossier matches “<script>alert(1)</script>”." in page_of(response).text



@pytest.mark.parametrize("query", ["drive & | !", "'", '"unclosed', "\\", "%", "_", "the", "a" * 500])
def test_odd_queries_answer_a_page_not_an_error(reader, films, query):
    response = reader.get("/search/", {"q": query})

    assert response.status_code == 200
    assert "/films/lost-in-translation/" not in result_titles(response)


def test_results_page_through_every_match_once(reader, films):
    """25 matches, 20 to a page: the count says 25, page 2 holds the other 5, no film twice."""
    for number in range(25):
        make_film(f"Nocturne {number:02d}", year=1990 + number)

    first = search(reader, "nocturne")
    second = reader.get("/search/", {"q": "nocturne", "page": 2})

    assert first.context["page"].paginator.count == 25
    first_titles, second_titles = result_titles(first), result_titles(second)
    assert (len(first_titles), len(second_titles)) == (20, 5)
    assert set(first_titles).isdisjoint(second_titles)
    # Equal ranks fall back to the newest year first.
    assert first_titles[0] == "/films/nocturne-24/"
    assert second_titles[-1] == "/films/nocturne-00/"
