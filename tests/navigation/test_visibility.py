"""Only live dossiers are public, on every surface: a draft and a scheduled dossier are nowhere until live.

Each surface is asked one question — "does Only God Forgives show here?" — and
must answer "no" while the dossier is a draft (or scheduled for later) and "yes"
once it is live, so every check can fail both ways.
"""

from datetime import timedelta
from xml.etree import ElementTree

import pytest

from films.models import Film
from tests.html import page_of
from tests.navigation.conftest import GO_LIVE_IN

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def absolute(path):
    return f"http://testserver{path}"


def having_class(element, tag, class_name):
    """The elements `tag` whose class list includes `class_name`."""
    return [found for found in element.find_all(tag) if class_name in found.attrs.get("class", "").split()]


def links_to(response, path):
    assert response.status_code == 200, response.status_code
    return page_of(response).find("a", href=path) is not None


# The surfaces -------------------------------------------------------------------------


def on_dossier(client, catalog):
    status = client.get(catalog.film.get_absolute_url()).status_code
    assert status in (200, 404)
    return status == 200


def on_director_page(client, catalog):
    return links_to(client.get(catalog.refn.get_absolute_url()), catalog.film.get_absolute_url())


def actor_page_exists(client, catalog):
    """The actor is credited on Only God Forgives alone: their page exists only once it is live."""
    response = client.get(catalog.actor.get_absolute_url())
    assert response.status_code in (200, 404)
    return response.status_code == 200 and links_to(response, catalog.film.get_absolute_url())


def on_shared_theme_page(client, catalog):
    return links_to(client.get(f"/themes/{catalog.shared_theme}/"), catalog.film.get_absolute_url())


def own_theme_page_exists(client, catalog):
    response = client.get(f"/themes/{catalog.own_theme}/")
    assert response.status_code in (200, 404)
    return response.status_code == 200 and links_to(response, catalog.film.get_absolute_url())


def on_collection_page(client, catalog):
    return links_to(client.get(catalog.shelf.get_absolute_url()), catalog.film.get_absolute_url())


def in_catalog(client, catalog):
    return links_to(client.get("/films/"), catalog.film.get_absolute_url())


def own_genre_offered_in_catalog_filters(client, catalog):
    select = page_of(client.get("/films/")).find("select", id="filter-genre")
    return catalog.own_genre in [option.text for option in select.find_all("option")]


def counted_in_catalog_theme_filter(client, catalog):
    select = page_of(client.get("/films/")).find("select", id="filter-theme")
    label = select.find("option", value=catalog.shared_theme).text
    assert label in {"loneliness (1)", "loneliness (2)"}, label
    return label == "loneliness (2)"


def counted_in_catalog_total(client, catalog):
    lead = having_class(page_of(client.get("/films/")), "p", "page-hero__lead")[0].text
    assert lead in {"1 film with a Cinema One page.", "2 films with a Cinema One page."}, lead
    return lead.startswith("2 films")


def counted_on_shared_theme_page(client, catalog):
    lead = having_class(page_of(client.get(f"/themes/{catalog.shared_theme}/")), "p", "page-hero__lead")[0].text
    assert lead.startswith(("1 live dossier where", "2 live dossiers where")), lead
    return lead.startswith("2 live dossiers")


def counted_on_collection_page(client, catalog):
    count = page_of(client.get(catalog.shelf.get_absolute_url())).find("p", class_="count").text
    assert count in {"1 film", "2 films"}, count
    return count == "2 films"


def in_search(client, catalog):
    return links_to(client.get("/search/", {"q": "Forgives"}), catalog.film.get_absolute_url())


def on_home(client, catalog):
    return links_to(client.get("/"), catalog.film.get_absolute_url())


def featured_on_home(client, catalog):
    response = client.get("/")
    section = page_of(response).find("section", **{"aria-labelledby": "featured-title"})
    return section is not None and section.find("a", href=catalog.film.get_absolute_url()) is not None


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return {loc.text for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc")}


def in_sitemap(client, catalog):
    return absolute(catalog.film.get_absolute_url()) in sitemap_locations(client)


def own_theme_and_actor_in_sitemap(client, catalog):
    locations = sitemap_locations(client)
    found = {absolute(f"/themes/{catalog.own_theme}/"), absolute(catalog.actor.get_absolute_url())} & locations
    assert len(found) != 1, f"the actor and the theme follow the same film, found only {found}"
    return bool(found)


def in_feed(client, catalog):
    response = client.get("/feeds/latest/")
    assert response.status_code == 200
    links = {link.get("href") for link in ElementTree.fromstring(response.content).iter(f"{ATOM}link")}
    return absolute(catalog.film.get_absolute_url()) in links


def lane_text_on_dossier(client, catalog):
    response = client.get(catalog.drive.get_absolute_url())
    return having_class(page_of(response).by_id("cast-and-context"), "p", "lane__text")[0].text


def counted_in_dossier_director_lane(client, catalog):
    text = lane_text_on_dossier(client, catalog)
    assert text in {
        "Nicolas Winding Refn currently has 1 live movie page in Cinema One.",
        "Nicolas Winding Refn currently has 2 live movie pages in Cinema One.",
    }, text
    return "has 2 live" in text


def counted_on_director_page(client, catalog):
    response = client.get(catalog.refn.get_absolute_url())
    text = having_class(page_of(response), "p", "lane__text")[0].text
    assert text in {
        "Nicolas Winding Refn has 1 live movie page in Cinema One.",
        "Nicolas Winding Refn has 2 live movie pages in Cinema One.",
    }, text
    return "has 2 live" in text


def in_watch_next(client, catalog):
    """On Drive, Refn's other live film is the filmmaker pathway."""
    response = client.get(catalog.drive.get_absolute_url())
    return page_of(response).by_id("watch-next").find("a", href=catalog.film.get_absolute_url()) is not None


def in_more_from_director(client, catalog):
    section = page_of(client.get(catalog.drive.get_absolute_url())).by_id("more-from-director")
    return section is not None and section.find("a", href=catalog.film.get_absolute_url()) is not None


SURFACES = [
    on_dossier,
    on_director_page,
    actor_page_exists,
    on_shared_theme_page,
    own_theme_page_exists,
    on_collection_page,
    in_catalog,
    own_genre_offered_in_catalog_filters,
    counted_in_catalog_theme_filter,
    counted_in_catalog_total,
    counted_on_shared_theme_page,
    counted_on_collection_page,
    in_search,
    on_home,
    featured_on_home,
    in_sitemap,
    own_theme_and_actor_in_sitemap,
    in_feed,
    counted_in_dossier_director_lane,
    counted_on_director_page,
    in_watch_next,
    in_more_from_director,
]


@pytest.mark.parametrize("shows", SURFACES, ids=lambda surface: surface.__name__)
def test_draft_dossier_is_absent_until_it_is_published(either_page_cache, reader, draft_catalog, shows):
    assert not shows(reader, draft_catalog)

    draft_catalog.publish()

    assert shows(reader, draft_catalog)


@pytest.mark.parametrize("shows", SURFACES, ids=lambda surface: surface.__name__)
def test_scheduled_dossier_is_absent_until_its_time_comes(either_page_cache, reader, scheduled_catalog, clock, shows):
    assert scheduled_catalog.film.is_scheduled
    assert not shows(reader, scheduled_catalog)

    clock.advance(GO_LIVE_IN + timedelta(minutes=1))  # no job, no save: only time passes

    assert shows(reader, scheduled_catalog)


@pytest.mark.parametrize("shows", SURFACES, ids=lambda surface: surface.__name__)
def test_dossier_taken_back_to_draft_disappears_again(either_page_cache, reader, draft_catalog, shows):
    draft_catalog.publish()
    assert shows(reader, draft_catalog)

    draft_catalog.unpublish()

    assert not shows(reader, draft_catalog)


def test_a_signed_in_editor_sees_no_draft_on_public_pages_either(editor_client, draft_catalog):
    assert editor_client.get(draft_catalog.film.get_absolute_url()).status_code == 404
    assert not in_catalog(editor_client, draft_catalog)
    assert not in_search(editor_client, draft_catalog)


# Scheduled go-live, second by second ------------------------------------------------------


def test_scheduled_dossier_goes_live_at_its_exact_time(either_page_cache, reader, scheduled_catalog, clock):
    film = scheduled_catalog.film
    go_live_at = film.go_live_at

    clock.move_to(go_live_at - timedelta(seconds=1))
    assert not on_dossier(reader, scheduled_catalog)
    assert not in_catalog(reader, scheduled_catalog)
    assert not film.is_live

    clock.move_to(go_live_at)
    assert on_dossier(reader, scheduled_catalog)
    assert in_catalog(reader, scheduled_catalog)
    assert film.is_live and not film.is_scheduled


def test_scheduled_dossier_is_stamped_with_its_go_live_time(reader, scheduled_catalog, clock):
    film = Film.objects.get(pk=scheduled_catalog.film.pk)
    assert film.published_at == film.go_live_at

    clock.advance(GO_LIVE_IN + timedelta(minutes=1))
    response = reader.get("/feeds/latest/")

    entries = ElementTree.fromstring(response.content).findall(f"{ATOM}entry")
    newest = entries[0]
    assert newest.find(f"{ATOM}title").text == "Only God Forgives (2013)"
    assert newest.find(f"{ATOM}published").text.startswith(film.go_live_at.strftime("%Y-%m-%dT%H:%M:%S"))


def test_scheduled_dossier_leads_the_newest_sort_once_live(reader, scheduled_catalog, clock):
    clock.advance(GO_LIVE_IN + timedelta(minutes=1))

    response = reader.get("/films/", {"sort": "newest"})

    assert [film.title for film in response.context["page"].object_list] == ["Only God Forgives", "Drive"]
