"""What machines read: JSON-LD, the sitemap, robots.txt, the Atom feed, canonical and og tags; and the 404 page."""

import json
from datetime import timedelta
from xml.etree import ElementTree

import pytest

from editorial.models import Collection
from films.models import Credit
from tests.factories import add_credit, make_collection, make_draft_film, make_film, make_full_dossier, make_person
from tests.html import page_of

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BREAKOUT = "</script><script>alert(1)</script>"


def json_ld(response):
    """The page's one JSON-LD block, parsed."""
    assert response.status_code == 200
    blocks = [
        script for script in page_of(response).find_all("script") if script.attrs.get("type") == "application/ld+json"
    ]
    assert len(blocks) == 1, f"{len(blocks)} JSON-LD blocks"
    return json.loads("".join(blocks[0].children))


def names(people):
    return [person["name"] for person in people]


@pytest.fixture
def drive():
    return make_full_dossier("Drive")


# JSON-LD -------------------------------------------------------------------------------


def test_dossier_json_ld_describes_the_movie(reader, drive):
    data = json_ld(reader.get(drive.get_absolute_url()))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Movie"
    assert data["name"] == "Drive"
    assert data["url"] == "http://testserver/films/drive/"
    assert data["dateCreated"] == "2011"
    assert names(data["director"]) == ["Nicolas Winding Refn"]
    assert names(data["actor"]) == ["Ryan Gosling", "Carey Mulligan"]
    assert data["actor"][0]["url"] == "http://testserver/people/ryan-gosling/"
    assert data["description"] == "A stunt driver moonlights as a getaway driver."
    assert data["duration"] == "PT100M"
    assert sorted(data["genre"]) == ["Crime", "Drama"]


def test_person_json_ld_names_the_person_and_only_their_live_films(reader, drive):
    refn = drive.credits.get(role=Credit.Role.DIRECTOR).person
    make_draft_film("Only God Forgives", director=refn)

    data = json_ld(reader.get(refn.get_absolute_url()))

    assert data["@type"] == "Person"
    assert data["name"] == "Nicolas Winding Refn"
    assert data["url"] == "http://testserver/people/nicolas-winding-refn/"
    assert [(film["@type"], film["name"]) for film in data["subjectOf"]] == [("Movie", "Drive")]


def test_collection_json_ld_is_an_item_list_of_its_live_films_in_shelf_order(reader):
    heat = make_film("Heat", year=1995)
    draft = make_draft_film("Unfinished", year=2020)
    drive = make_film("Drive", year=2011)
    shelf = make_collection("Night drives", films=[heat, draft, drive])

    data = json_ld(reader.get(shelf.get_absolute_url()))

    assert data["@type"] == "ItemList"
    assert data["name"] == "Night drives"
    assert data["numberOfItems"] == 2
    assert [(item["@type"], item["position"], item["name"], item["url"]) for item in data["itemListElement"]] == [
        ("ListItem", 1, "Heat", "http://testserver/films/heat/"),
        ("ListItem", 2, "Drive", "http://testserver/films/drive/"),
    ]


def assert_cannot_break_out(response):
    """The text stays data: no element of the page was opened by it, and it is only inside the JSON-LD block."""
    raw = response.content.decode()
    assert BREAKOUT not in raw
    assert "<script>alert(1)" not in raw
    for script in page_of(response).find_all("script"):
        if "alert(1)" in "".join(script.children):
            assert script.attrs.get("type") == "application/ld+json"


def test_film_title_cannot_break_out_of_the_json_ld_block(reader):
    film = make_full_dossier(f"Drive{BREAKOUT}", slug="drive")

    response = reader.get(film.get_absolute_url())

    assert json_ld(response)["name"] == f"Drive{BREAKOUT}"
    assert_cannot_break_out(response)
    assert page_of(response).find("h1").text == f"Drive{BREAKOUT}"


def test_person_name_cannot_break_out_of_the_json_ld_block(reader):
    film = make_film("Drive")
    person = make_person(f"Refn{BREAKOUT}")
    add_credit(film, person, role=Credit.Role.DIRECTOR)

    response = reader.get(person.get_absolute_url())

    assert json_ld(response)["name"] == f"Refn{BREAKOUT}"
    assert_cannot_break_out(response)


def test_collection_argument_cannot_break_out_of_the_json_ld_block(reader):
    shelf = make_collection("Night drives", films=[make_film("Drive")])
    Collection.objects.filter(pk=shelf.pk).update(argument=f"Rules{BREAKOUT}")

    response = reader.get(shelf.get_absolute_url())

    assert json_ld(response)["description"] == f"Rules{BREAKOUT}"
    assert_cannot_break_out(response)


# Sitemap and robots.txt ------------------------------------------------------------------


def sitemap_locations_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return [loc.text for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc")]


def sitemap_locations(client):
    return sitemap_locations_of(client.get("/sitemap.xml"))


def test_sitemap_lists_live_dossiers_collections_people_and_themes_and_no_drafts(reader, drive, clock):
    draft = make_draft_film("Only God Forgives", themes=["revenge"], director="Draft Only Director")
    make_film("The Neon Demon", slug="the-neon-demon", themes=["beauty"], go_live_at=clock.now() + timedelta(days=1))
    make_collection("Draft shelf", films=[drive], status=Collection.Status.DRAFT)

    locations = sitemap_locations(reader)

    english = {
        "/",
        "/films/",
        "/films/drive/",
        "/collections/night-drives-drive/",
        "/people/nicolas-winding-refn/",
        "/people/ryan-gosling/",
        "/people/carey-mulligan/",
        "/themes/loneliness/",
        "/themes/violence/",
        "/themes/identity/",
    }
    expected = {f"http://testserver{prefix}{path}" for path in english for prefix in ("", "/fr")}
    assert sorted(locations) == sorted(expected), "each public page once in each language, nothing else"
    assert draft.get_absolute_url() not in "".join(locations)


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin_and_previews(reader):
    response = reader.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /films/*/preview/" in lines
    assert "Disallow: /films/" not in lines


# Feed ------------------------------------------------------------------------------------


def test_feed_is_atom_and_lists_live_films_newest_first(reader, clock):
    for title, year in [("Heat", 1995), ("Oldboy", 2003), ("Drive", 2011)]:
        make_film(title, year=year)
        clock.advance(timedelta(hours=1))
    make_draft_film("Only God Forgives", year=2013)
    make_film("The Neon Demon", year=2016, go_live_at=clock.now() + timedelta(days=1))

    response = reader.get("/feeds/latest/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["Drive (2011)", "Oldboy (2003)", "Heat (1995)"]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == "http://testserver/films/drive/"
    assert first.find(f"{ATOM}summary").text == "A stunt driver moonlights as a getaway driver."


def test_every_page_links_to_the_feed(reader, drive):
    page = page_of(reader.get("/"))

    alternate = page.find("link", rel="alternate", type="application/atom+xml")
    assert alternate.attrs["href"] == "/feeds/latest/"


# Canonical link and og tags ----------------------------------------------------------------


def meta(page, prop):
    element = page.find("meta", property=prop)
    return element.attrs["content"] if element else None


def test_dossier_has_its_canonical_link_and_og_title(reader, drive):
    page = page_of(reader.get(drive.get_absolute_url(), {"utm_source": "newsletter"}))

    assert page.find("link", rel="canonical").attrs["href"] == "http://testserver/films/drive/"
    assert meta(page, "og:url") == "http://testserver/films/drive/"
    assert meta(page, "og:title") == "Drive (2011)"
    assert meta(page, "og:type") == "video.movie"
    assert meta(page, "og:description") == "A stunt driver moonlights as a getaway driver."


def test_person_page_has_its_canonical_link(reader, drive):
    page = page_of(reader.get("/people/ryan-gosling/"))

    assert page.find("link", rel="canonical").attrs["href"] == "http://testserver/people/ryan-gosling/"
    assert meta(page, "og:title") == "Ryan Gosling · Cinema One"


# The 404 page ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/films/no-such-film/", "/nowhere/", "/films/only-god-forgives/"])
def test_404_page_is_styled_with_the_site_header_and_a_way_back_to_the_catalog(reader, path):
    make_draft_film("Only God Forgives", slug="only-god-forgives")

    response = reader.get(path)

    assert response.status_code == 404
    page = page_of(response)
    assert page.find("header", class_="site-header") is not None
    assert page.find("h1").text == "This reel is missing."
    assert page.find("main").find("a", href="/films/") is not None
    assert page.find("meta", name="robots").attrs["content"] == "noindex"
    assert "Only God Forgives" not in page.text


# Through the page cache ----------------------------------------------------------------------


def test_absolute_urls_follow_the_requests_scheme_through_the_page_cache(page_cache_on, reader, drive):
    """The sitemap, the feed, canonical links and JSON-LD name absolute URLs: an http copy must not serve https."""
    reader.get("/sitemap.xml")
    reader.get(drive.get_absolute_url())

    assert set(sitemap_locations_of(reader.get("/sitemap.xml", secure=True))) >= {"https://testserver/films/drive/"}
    page = page_of(reader.get(drive.get_absolute_url(), secure=True))
    assert page.find("link", rel="canonical").attrs["href"] == "https://testserver/films/drive/"


def test_absolute_urls_follow_the_requests_host_through_the_page_cache(page_cache_on, reader, drive, settings):
    settings.ALLOWED_HOSTS = ["cinemaone.example", "www.cinemaone.example"]
    reader.get(drive.get_absolute_url(), HTTP_HOST="www.cinemaone.example")

    page = page_of(reader.get(drive.get_absolute_url(), HTTP_HOST="cinemaone.example"))

    assert page.find("link", rel="canonical").attrs["href"] == "http://cinemaone.example/films/drive/"
