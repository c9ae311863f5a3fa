"""Accents never matter to a search: readers and editors type names as their keyboards allow
(on SQLite and on PostgreSQL, where an index serves the people's match)."""

import json

import pytest
from django.db import connection

from films.models import Credit, Person
from tests.factories import add_credit, make_film, make_person
from tests.html import page_of

pytestmark = pytest.mark.django_db


def found(client, query):
    page = page_of(client.get("/search/", {"q": query}))
    return [link.attrs["href"] for link in page.find_all("a") if link.attrs.get("href", "").startswith(("/films/", "/people/"))]


@pytest.fixture
def samourai():
    film = make_film("Le Samouraï", year=1967, logline="A hired killer lives by a code in a bare Paris room.",
                     director="Jean-Pierre Melville")
    add_credit(film, "Gian Maria Volonté", role=Credit.Role.CAST, character="Vogel")
    return film


@pytest.mark.parametrize("query", ["samourai", "Samourai", "SAMOURAÏ", "le samourai"])
def test_search_finds_a_title_typed_without_its_accents(reader, samourai, query):
    assert samourai.get_absolute_url() in found(reader, query)


def test_search_finds_a_film_by_a_person_typed_without_accents(reader, samourai):
    results = found(reader, "volonte")

    assert samourai.get_absolute_url() in results
    assert any(href.startswith("/people/gian-maria-volonte") for href in results)


def test_search_with_accents_still_finds_the_plain_spelling(reader):
    film = make_film("Cafe Society", year=2016, director="Woody Allen")

    assert film.get_absolute_url() in found(reader, "café")


def test_the_people_autocomplete_finds_a_name_typed_without_accents(editor_client, samourai):
    make_person("Henri Decaë")
    make_person("Someone Else")

    def suggestions(term):
        response = editor_client.get("/admin/autocomplete/", {
            "term": term, "app_label": "films", "model_name": "credit", "field_name": "person",
        })
        assert response.status_code == 200
        return [result["text"] for result in json.loads(response.content)["results"]]

    assert suggestions("volonte") == ["Gian Maria Volonté"]
    assert suggestions("Decae") == ["Henri Decaë"]


def test_the_people_admin_search_finds_a_name_typed_without_accents(editor_client, samourai):
    response = editor_client.get("/admin/films/person/", {"q": "volonte"})

    assert [str(person) for person in response.context["cl"].result_list] == ["Gian Maria Volonté"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def test_an_index_serves_the_peoples_unaccented_match(samourai):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = Person.objects.filter(name__unaccented__icontains="volonte").explain()
        cursor.execute("RESET enable_seqscan")
    assert "person_name_unaccented_trgm_idx" in plan


def test_the_films_admin_search_finds_by_title_or_person_once_each_accents_ignored(editor_client, samourai):
    add_credit(samourai, "Nathalie Delon", role=Credit.Role.CAST)  # a second credit: no duplicate row

    def found(query):
        response = editor_client.get("/admin/films/film/", {"q": query})
        return [film.title for film in response.context["cl"].result_list]

    assert found("samourai") == ["Le Samouraï"]
    assert found("volonte") == ["Le Samouraï"]
    assert found("melville samourai") == ["Le Samouraï"]  # every word must match, title or person
    assert found("melville heat") == []
