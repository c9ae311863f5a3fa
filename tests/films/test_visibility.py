"""Only live dossiers are public: a draft is 404 and absent from every page, count and list."""

import pytest

from editorial.models import Collection
from films.models import Credit
from tests.factories import make_collection, make_draft_film, make_film, make_person
from tests.html import page_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def refn():
    return make_person("Nicolas Winding Refn")


@pytest.fixture
def drive(refn):
    return make_film("Drive", year=2011, director=refn, themes=["loneliness"])


@pytest.fixture
def draft(refn):
    """Refn's next film, still a draft, sharing Drive's theme and shelf."""
    return make_draft_film("Only God Forgives", year=2013, director=refn, themes=["loneliness"])


def links_to(response, film):
    return page_of(response).find("a", href=film.get_absolute_url()) is not None


def test_draft_film_is_404_for_readers(reader, draft):
    assert reader.get(draft.get_absolute_url()).status_code == 404


def test_draft_film_is_404_for_a_signed_in_editor_on_the_public_url(editor_client, draft):
    assert editor_client.get(draft.get_absolute_url()).status_code == 404


def test_live_film_is_public(reader, drive):
    response = reader.get(drive.get_absolute_url())

    assert response.status_code == 200
    assert page_of(response).find("h1").text == "Drive"


def test_film_taken_back_to_draft_disappears(reader, drive):
    drive.status = drive.Status.DRAFT
    drive.save()

    assert reader.get(drive.get_absolute_url()).status_code == 404


def test_draft_is_not_counted_in_the_director_lane(reader, drive, draft):
    response = reader.get(drive.get_absolute_url())

    lane = page_of(response).by_id("cast-and-context").text
    assert "Nicolas Winding Refn currently has 1 live movie page in Cinema One." in lane
    assert response.context["dossier"].director_lanes[0].live_count == 1


def test_director_lane_counts_a_film_once_it_goes_live(reader, drive, draft):
    draft.status = draft.Status.LIVE
    draft.save()

    lane = page_of(reader.get(drive.get_absolute_url())).by_id("cast-and-context").text

    assert "Nicolas Winding Refn currently has 2 live movie pages in Cinema One." in lane


def test_draft_is_not_in_more_from_this_director(reader, drive, draft, refn):
    bronson = make_film("Bronson", year=2008, director=refn)

    response = reader.get(drive.get_absolute_url())

    assert response.context["dossier"].more_from_director == [bronson]
    section = page_of(response).by_id("more-from-director")
    assert section.find("a", href=bronson.get_absolute_url()) is not None
    assert not links_to(response, draft)


def test_draft_alone_leaves_more_from_this_director_out(reader, drive, draft):
    response = reader.get(drive.get_absolute_url())

    assert response.context["dossier"].more_from_director == []
    assert page_of(response).by_id("more-from-director") is None


def test_draft_is_never_a_watch_next_pick(reader, drive, draft):
    make_collection("Night drives", films=[drive, draft])

    response = reader.get(drive.get_absolute_url())

    picks = [pathway.url for pathway in response.context["dossier"].pathways]
    assert picks == ["/collections/night-drives/"]
    assert not links_to(response, draft)


def test_draft_is_not_on_home(reader, drive, draft):
    response = reader.get("/")

    assert list(response.context["latest"]) == [drive]
    assert links_to(response, drive)
    assert not links_to(response, draft)


def test_draft_is_not_in_the_catalog(reader, drive, draft):
    response = reader.get("/films/")

    assert list(response.context["page"].object_list) == [drive]
    assert links_to(response, drive)
    assert not links_to(response, draft)


def test_draft_is_not_on_a_person_page(reader, drive, draft, refn):
    response = reader.get(refn.get_absolute_url())

    assert response.status_code == 200
    assert [credit.film for credit in response.context["credits"]] == [drive]
    assert links_to(response, drive)
    assert not links_to(response, draft)
    assert "Nicolas Winding Refn has 1 live movie page in Cinema One." in page_of(response).text


def test_person_credited_only_on_a_draft_has_no_public_page(reader, draft):
    Credit.objects.create(film=draft, person=make_person("Ryan Gosling"), role=Credit.Role.CAST, character="Julian")

    assert reader.get("/people/ryan-gosling/").status_code == 404


def test_draft_cast_credit_is_not_on_the_actor_page(reader, drive, draft):
    gosling = make_person("Ryan Gosling")
    Credit.objects.create(film=drive, person=gosling, role=Credit.Role.CAST, character="Driver")
    Credit.objects.create(film=draft, person=gosling, role=Credit.Role.CAST, character="Julian")

    response = reader.get(gosling.get_absolute_url())

    assert response.status_code == 200
    assert [credit.character for credit in response.context["credits"]] == ["Driver"]
    assert links_to(response, drive)
    assert not links_to(response, draft)


def test_draft_is_not_on_a_theme_page(reader, drive, draft):
    response = reader.get("/themes/loneliness/")

    assert response.status_code == 200
    assert list(response.context["films"]) == [drive]
    assert links_to(response, drive)
    assert not links_to(response, draft)


def test_theme_carried_only_by_drafts_has_no_public_page(reader, draft):
    draft.themes.add("revenge")

    assert reader.get("/themes/revenge/").status_code == 404


def test_draft_is_not_on_a_collection_page(reader, drive, draft):
    shelf = make_collection("Night drives", films=[draft, drive])

    response = reader.get(shelf.get_absolute_url())

    assert response.status_code == 200
    assert [item.film for item in response.context["collection"].live_items] == [drive]
    assert links_to(response, drive)
    assert not links_to(response, draft)


def test_draft_collection_is_404(reader, drive):
    shelf = make_collection("Night drives", films=[drive], status=Collection.Status.DRAFT)

    assert reader.get(shelf.get_absolute_url()).status_code == 404


def test_draft_collection_is_not_on_home(reader, drive):
    live = make_collection("Night drives", films=[drive])
    make_collection("Unfinished shelf", films=[drive], status=Collection.Status.DRAFT)

    response = reader.get("/")

    assert list(response.context["collections"]) == [live]
    page = page_of(response)
    assert page.find("a", href="/collections/night-drives/") is not None
    assert page.find("a", href="/collections/unfinished-shelf/") is None
