"""The page cache keeps each language's page apart: /films/drive/ and /fr/films/drive/ are two
stored pages, whichever is read first, and an editor's French change shows on the French page
at once without ever reaching the English one."""

import pytest

from tests.factories import make_full_dossier
from tests.html import page_of
from tests.navigation.forms import form_data, form_errors

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

# The change's transaction really commits, as in production: the page cache is marked on commit.
# (Serialized rollback brings back the editors' and moderators' groups the migrations made.)
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ENGLISH_URL = "/films/drive/"
FRENCH_URL = "/fr/films/drive/"
ENGLISH_LOGLINE = "A stunt driver moonlights as a getaway driver."
FRENCH_LOGLINE = "Un cascadeur qui conduit aussi pour des braqueurs."
NEW_FRENCH_LOGLINE = "Le jour, il double les acteurs ; la nuit, il attend dans la voiture."


@pytest.fixture
def drive(db):
    film = make_full_dossier("Drive", slug="drive", logline=ENGLISH_LOGLINE)
    film.logline_fr = FRENCH_LOGLINE
    film.save()
    return film


def read(client, url, served, **headers):
    """The page at `url`, asserting whether it came from the cache ("hit") or was rendered ("miss")."""
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    assert response.get("X-Page-Cache") == served, f"{url}: expected a {served}, got {response.get('X-Page-Cache')}"
    return response


def language_of(response):
    page = page_of(response)
    return page.find("html").attrs["lang"], page.find("p", class_="hero__logline").text, response["Content-Language"]


def assert_english(response):
    lang, logline, content_language = language_of(response)
    assert (lang, content_language) == ("en", "en")
    assert logline == ENGLISH_LOGLINE
    html = response.content.decode()
    assert FRENCH_LOGLINE not in html and NEW_FRENCH_LOGLINE not in html


def assert_french(response, logline=FRENCH_LOGLINE):
    lang, shown, content_language = language_of(response)
    assert (lang, content_language) == ("fr", "fr")
    assert shown == logline
    assert ENGLISH_LOGLINE not in response.content.decode()


def test_the_french_page_read_first_is_never_served_to_an_english_reader(reader, drive):
    assert_french(read(reader, FRENCH_URL, "miss"))
    assert_french(read(reader, FRENCH_URL, "hit"))

    assert_english(read(reader, ENGLISH_URL, "miss"))
    assert_english(read(reader, ENGLISH_URL, "hit"))
    assert_french(read(reader, FRENCH_URL, "hit"))


def test_the_english_page_read_first_is_never_served_to_a_french_reader(reader, drive):
    assert_english(read(reader, ENGLISH_URL, "miss"))
    assert_english(read(reader, ENGLISH_URL, "hit"))

    assert_french(read(reader, FRENCH_URL, "miss"))
    assert_french(read(reader, FRENCH_URL, "hit"))
    assert_english(read(reader, ENGLISH_URL, "hit"))


def test_a_browser_asking_for_french_gets_the_stored_english_page_at_the_english_address(reader, drive):
    """The language is the address's: a stored page is not chosen by Accept-Language either way."""
    read(reader, FRENCH_URL, "miss")
    read(reader, ENGLISH_URL, "miss")

    assert_english(read(reader, ENGLISH_URL, "hit", accept_language="fr-FR,fr;q=0.9"))
    assert_french(read(reader, FRENCH_URL, "hit", accept_language="en-GB,en;q=0.9"))


@pytest.mark.parametrize("english, french", [("/films/", "/fr/films/"), ("/", "/fr/")])
def test_the_lists_are_stored_per_language_too(reader, drive, english, french):
    read(reader, french, "miss")
    french_page = read(reader, french, "hit")
    assert page_of(french_page).find("html").attrs["lang"] == "fr"

    english_page = read(reader, english, "miss")
    assert page_of(english_page).find("html").attrs["lang"] == "en"
    assert FRENCH_LOGLINE not in english_page.content.decode()
    assert FRENCH_LOGLINE in french_page.content.decode()
    assert page_of(read(reader, english, "hit")).find("html").attrs["lang"] == "en"


def change_url(film):
    return f"/admin/films/film/{film.pk}/change/"


def type_in_admin(client, film, **typed):
    """Post the film's change form as the page rendered it, with `typed` filled in."""
    page = client.get(change_url(film))
    assert page.status_code == 200
    data = form_data(page)
    data.update({name: [value] for name, value in typed.items()})
    data["_save"] = ["Save"]
    response = client.post(change_url(film), data)
    assert response.status_code == 302, form_errors(response)


@committed
def test_an_editors_french_logline_shows_on_the_french_page_at_once_and_never_on_the_english(
    reader, editor_client, drive
):
    for url in (FRENCH_URL, ENGLISH_URL):
        read(reader, url, "miss")
        read(reader, url, "hit")

    type_in_admin(editor_client, drive, logline_fr=NEW_FRENCH_LOGLINE)

    assert_french(read(reader, FRENCH_URL, "miss"), logline=NEW_FRENCH_LOGLINE)
    assert_french(read(reader, FRENCH_URL, "hit"), logline=NEW_FRENCH_LOGLINE)
    english = reader.get(ENGLISH_URL)
    assert english.status_code == 200
    assert_english(english)
    assert_english(read(reader, ENGLISH_URL, "hit"))
    assert FRENCH_LOGLINE not in read(reader, FRENCH_URL, "hit").content.decode()


@committed
def test_an_english_logline_not_yet_translated_changes_on_both_pages_at_once(reader, editor_client, drive):
    """Untranslated, the English logline is what the French page shows too (marked lang="en")."""
    drive.logline_fr = ""
    drive.save()
    for url in (FRENCH_URL, ENGLISH_URL):
        read(reader, url, "miss")
        assert page_of(read(reader, url, "hit")).find("p", class_="hero__logline").text == ENGLISH_LOGLINE

    type_in_admin(editor_client, drive, logline_en="A stunt driver who also drives for robbers.")

    for url in (FRENCH_URL, ENGLISH_URL):
        logline = page_of(read(reader, url, "miss")).find("p", class_="hero__logline")
        assert logline.text == "A stunt driver who also drives for robbers.", url
    french_logline = page_of(read(reader, FRENCH_URL, "hit")).find("p", class_="hero__logline")
    assert french_logline.attrs.get("lang") == "en"
