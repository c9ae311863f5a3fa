"""A query string no page can read is a 400 with a page that says so, never a 500."""

import pytest

from tests.factories import make_full_dossier

pytestmark = pytest.mark.django_db

URLS = [
    "/search/?q=dri%00ve",
    "/search/?q=%0b",
    "/films/?genre=%00",
    "/films/?decade=%C2%B2%00",
    "/films/drive/?utm=%00",
    "/admin/submissions/submission/?q=%00",
    "/admin/films/film/?status__exact=%00",
    "/films/?%00=1",
]


@pytest.mark.parametrize("url", URLS)
def test_a_control_character_in_the_query_is_a_400_page(reader, editor_client, url):
    make_full_dossier("Drive")
    client = editor_client if url.startswith("/admin/") else reader

    response = client.get(url)

    assert response.status_code == 400
    assert "cannot carry" in response.content.decode()


def test_a_superscript_decade_is_ignored_not_a_500(reader):
    make_full_dossier("Drive")

    assert reader.get("/films/?decade=%C2%B2").status_code == 200


def test_tabs_and_newlines_in_a_search_are_fine(reader):
    make_full_dossier("Drive")

    assert reader.get("/search/?q=drive%09%0A").status_code == 200
