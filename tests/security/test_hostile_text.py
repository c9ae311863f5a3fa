"""Text an editor typed, however odd, leaves every page answering, and is never run as markup."""

from xml.etree import ElementTree

import pytest
from taggit.models import Tag

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


@pytest.mark.parametrize(
    ("name", "slug"), [("孤独", "gudu"), ("café", "cafe"), ("★★", "theme"), ("Ярость", "yarost")]
)
def test_a_theme_in_any_script_gets_an_address_its_pages_can_link(reader, name, slug):
    film = make_film("Drive", themes=[name, "loneliness"])

    assert Tag.objects.get(name=name).slug == slug
    assert reader.get(film.get_absolute_url()).status_code == 200
    assert reader.get("/sitemap.xml").status_code == 200
    assert reader.get("/feeds/latest/").status_code == 200
    theme_page = reader.get(f"/themes/{slug}/")
    assert theme_page.status_code == 200
    assert name in theme_page.content.decode()


def test_themes_whose_names_come_to_the_same_slug_each_get_their_own(reader):
    make_film("Drive", themes=["★★", "☆☆", "café"])
    make_film("Heat", themes=["Café"])  # a different tag: taggit's names are case-sensitive

    slugs = sorted(Tag.objects.values_list("slug", flat=True))

    assert slugs == ["cafe", "cafe-2", "theme", "theme-2"]


def test_the_theme_admin_refuses_a_slug_no_url_can_carry(editor_client, editor):
    editor.is_superuser = True
    editor.save()

    response = editor_client.post("/admin/taggit/tag/add/", {"name": "孤独", "slug": "孤独"})

    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert not Tag.objects.filter(name="孤独").exists()
