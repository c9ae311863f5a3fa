"""Text an editor typed, however odd, leaves every page answering, and is never run as markup."""

from xml.etree import ElementTree

import pytest

from tests.factories import make_film

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
MARKUP = "<img src=x onerror=alert(1)>"


@pytest.fixture
def odd_film(db):
    return make_film("Dri\x0bve", slug="drive", logline=f"A driver. {MARKUP}")


def feed_entry(reader):
    response = reader.get("/feeds/latest/")
    assert response.status_code == 200
    return ElementTree.fromstring(response.content).find(f"{ATOM}entry")


def test_the_feed_summary_is_plain_text_escaped_as_typed(reader, odd_film):
    summary = feed_entry(reader).find(f"{ATOM}summary")

    assert summary.get("type") == "text"
    assert summary.text == f"A driver. {MARKUP}"
    assert MARKUP.encode() not in reader.get("/feeds/latest/").content  # escaped, never raw


def test_a_control_character_in_a_title_leaves_the_feed_dossier_and_sitemap_answering(reader, odd_film):
    assert feed_entry(reader).find(f"{ATOM}title").text == "Drive (2011)"
    assert reader.get("/films/drive/").status_code == 200
    assert reader.get("/sitemap.xml").status_code == 200
