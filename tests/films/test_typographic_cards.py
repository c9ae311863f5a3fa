"""A film without a picture gets a typographic card (title, year, director, on its own palette)
on the catalog, the home page and its dossier's hero; a film with a backdrop shows the picture.
And a generated stand-in behind-the-scenes photo says so in its caption."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation

from films.models import BehindTheScenesPhoto, Credit
from tests.factories import add_credit, add_photo, image_bytes, make_collection, make_film
from tests.html import page_of

pytestmark = pytest.mark.django_db

HOME_URL = "/"
CATALOG_URL = "/films/"


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return page_of(response)


def classes(element):
    return element.attrs.get("class", "").split()


def palettes_of(element):
    return [name for name in classes(element) if name.startswith("palette-")]


def card_of(page, film):
    """The film card whose title links to `film`."""
    for card in page.find_all("article", class_="film-card"):
        if card.find("a", href=film.get_absolute_url()) is not None:
            return card
    raise AssertionError(f"no card for {film.title}")


def typecard_in(element):
    return next((node for node in element.iter() if "typecard" in classes(node)), None)


def text_of_class(element, name):
    node = next((node for node in element.iter() if name in classes(node)), None)
    return node.text if node is not None else None


@pytest.fixture
def heat(db):
    """A live film without a backdrop, with its director."""
    return make_film("Heat", slug="heat", year=1995, director="Michael Mann",
                     logline="Two professionals circle each other across Los Angeles.")


@pytest.fixture
def drive_with_backdrop(db):
    film = make_film("Drive", slug="drive", year=2011, director="Nicolas Winding Refn",
                     backdrop_alt="Night traffic on the 110, seen from above")
    film.backdrop.save("traffic.png", ContentFile(image_bytes(640, 360)), save=False)
    film.save()
    return film


# The card on the lists --------------------------------------------------------------------


@pytest.mark.parametrize("url", [CATALOG_URL, HOME_URL])
def test_a_film_without_a_backdrop_gets_a_typographic_card_on_the_lists(reader, heat, url):
    card = card_of(get_page(reader, url), heat)

    typecard = typecard_in(card)
    assert typecard is not None, "no typographic card"
    assert text_of_class(typecard, "typecard__title") == "Heat"
    assert text_of_class(typecard, "typecard__year") == "1995"
    assert text_of_class(typecard, "typecard__by") == "Michael Mann"
    assert len(palettes_of(typecard)) == 1, "the card has no palette of its own"
    # The card is type, not a picture or a placeholder standing in for one.
    assert card.find("picture") is None and card.find("img") is None
    assert not [node for node in card.iter() if any("blank" in name or "placeholder" in name
                                                    for name in classes(node))]
    # Decorative: the card's heading names the film for assistive technology.
    assert typecard.attrs.get("aria-hidden") == "true"
    assert "Heat" in card.find("h3").text


def test_a_film_with_two_directors_names_both_on_its_card(reader):
    film = make_film("The Matrix", slug="the-matrix", year=1999, director="Lana Wachowski")
    add_credit(film, "Lilly Wachowski", role=Credit.Role.DIRECTOR, billing_order=1)

    by = text_of_class(typecard_in(card_of(get_page(reader, CATALOG_URL), film)), "typecard__by")
    assert "Lana Wachowski" in by and "Lilly Wachowski" in by


def test_a_shelf_names_each_films_director_on_its_card(reader, heat):
    shelf = make_collection("Los Angeles at night", films=[heat])

    card = card_of(get_page(reader, shelf.get_absolute_url()), heat)

    assert text_of_class(typecard_in(card), "typecard__by") == "Michael Mann"


def test_an_actors_page_names_each_films_director_on_its_card(reader, heat):
    add_credit(heat, "Al Pacino", role=Credit.Role.CAST, character="Vincent Hanna")
    actor = heat.credits.get(role=Credit.Role.CAST).person

    card = card_of(get_page(reader, actor.get_absolute_url()), heat)

    assert text_of_class(typecard_in(card), "typecard__title") == "Heat"
    assert text_of_class(typecard_in(card), "typecard__by") == "Michael Mann"


def test_a_film_without_year_or_director_still_gets_its_title_card(reader):
    film = make_film("Untitled Refn project", slug="untitled", year=None)

    typecard = typecard_in(card_of(get_page(reader, CATALOG_URL), film))

    assert text_of_class(typecard, "typecard__title") == "Untitled Refn project"
    assert text_of_class(typecard, "typecard__year") is None
    assert text_of_class(typecard, "typecard__by") is None


def test_a_film_with_a_backdrop_shows_its_picture_not_a_typographic_card(reader, drive_with_backdrop, heat):
    for url in (CATALOG_URL, HOME_URL):
        card = card_of(get_page(reader, url), drive_with_backdrop)

        assert typecard_in(card) is None, url
        assert not palettes_of(card) and not [node for node in card.iter() if palettes_of(node)]
        image = card.find("picture").find("img")
        assert image is not None, url
        assert "/backdrops/" in image.attrs["src"] or "/renditions/" in image.attrs["src"]


# The dossier's hero -----------------------------------------------------------------------


def hero_of(page):
    return next(node for node in page.iter() if node.tag == "header" and "hero" in classes(node))


def test_the_dossier_of_a_film_without_a_backdrop_has_a_typographic_hero(reader, heat):
    hero = hero_of(get_page(reader, heat.get_absolute_url()))

    assert "hero--typecard" in classes(hero)
    assert len(palettes_of(hero)) == 1
    typecard = typecard_in(hero)
    assert typecard is not None
    assert text_of_class(typecard, "typecard__title") == "Heat"
    assert text_of_class(typecard, "typecard__year") == "1995"
    assert text_of_class(typecard, "typecard__by") == "Michael Mann"
    assert typecard.attrs.get("aria-hidden") == "true"
    assert hero.find("picture") is None and hero.find("img") is None
    assert hero.find("h1").text == "Heat"


def test_the_dossier_of_a_film_with_a_backdrop_shows_the_picture(reader, drive_with_backdrop):
    hero = hero_of(get_page(reader, drive_with_backdrop.get_absolute_url()))

    assert "hero--backdrop" in classes(hero) and "hero--typecard" not in classes(hero)
    assert not palettes_of(hero)
    assert typecard_in(hero) is None
    image = hero.find("picture").find("img")
    assert image.attrs["alt"] == "Night traffic on the 110, seen from above"


# One film, one palette ----------------------------------------------------------------------


def test_a_film_keeps_its_palette_on_every_page_request_and_language(reader, heat):
    seen = [
        *palettes_of(typecard_in(card_of(get_page(reader, CATALOG_URL), heat))),
        *palettes_of(typecard_in(card_of(get_page(reader, HOME_URL), heat))),
        *palettes_of(hero_of(get_page(reader, heat.get_absolute_url()))),
        *palettes_of(hero_of(get_page(reader, heat.get_absolute_url()))),
        *palettes_of(hero_of(get_page(reader, "/fr" + heat.get_absolute_url()))),
        *palettes_of(typecard_in(card_of(get_page(reader, "/fr" + CATALOG_URL), heat))),
    ]

    assert len(seen) == 6
    assert len(set(seen)) == 1, f"Heat changes colours between pages: {seen}"


@pytest.mark.parametrize("hash_seed", ["1", "2"])
def test_a_film_keeps_its_palette_across_restarts(reader, heat, hash_seed):
    """Another server process (another hash seed) picks the same colours for the same film."""
    [shown] = palettes_of(hero_of(get_page(reader, heat.get_absolute_url())))
    program = "from films.templatetags.typecard import palette; print(palette(%r))" % heat.slug

    other_process = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                                   cwd=settings.BASE_DIR, env={**os.environ, "PYTHONHASHSEED": hash_seed})

    assert other_process.stdout.strip() == shown


def test_a_film_keeps_its_palette_when_its_title_is_edited(reader, heat):
    before = palettes_of(hero_of(get_page(reader, heat.get_absolute_url())))
    heat.title = "Heat (director's cut)"
    heat.save()

    after = palettes_of(hero_of(get_page(reader, heat.get_absolute_url())))

    assert after == before


def test_different_films_do_not_all_share_one_palette(reader):
    titles = ["Thief", "Manhunter", "Collateral", "Ali", "Public Enemies", "Blackhat", "Ferrari", "Miami Vice"]
    films = [make_film(title, year=1981 + n) for n, title in enumerate(titles)]

    page = get_page(reader, CATALOG_URL)

    palettes = {film.slug: palettes_of(typecard_in(card_of(page, film))) for film in films}
    assert all(len(found) == 1 for found in palettes.values()), palettes
    assert len({found[0] for found in palettes.values()}) > 1, "every film gets the same colours"


def test_every_palette_a_card_gets_is_styled(reader):
    """A palette class the stylesheet does not define would leave the card uncoloured."""
    stylesheet = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    films = [make_film(f"Film {n}", slug=f"film-{n}", year=2000 + n) for n in range(12)]

    page = get_page(reader, CATALOG_URL)

    for film in films:
        [palette] = palettes_of(typecard_in(card_of(page, film)))
        assert f".{palette} " in stylesheet or f".{palette}{{" in stylesheet, f"{palette} is not in site.css"


# A generated stand-in photo says so ----------------------------------------------------------


def photo_card(page, photo):
    section = page.by_id("behind-the-movie")
    assert section is not None, "no behind-the-movie section"
    for card in section.find_all("li", class_="photo-card"):
        if card.find("h3").text == photo.title:
            return card
    raise AssertionError(f"no card for {photo.title}")


def standin_notes(element):
    return [node for node in element.iter() if "photo-card__standin" in classes(node)]


def french(text):
    with translation.override("fr"):
        return translation.gettext(text)


STANDIN_LABEL = "Stand-in image: a generated placeholder, not a photograph from the production."


@pytest.fixture
def photos(heat):
    real = add_photo(heat, title="Mann on the freeway set", position=1)
    standin = add_photo(heat, title="The bank exterior", position=2)
    BehindTheScenesPhoto.objects.filter(pk=standin.pk).update(is_placeholder=True)
    return real, standin


def test_a_generated_stand_in_is_labelled_in_its_caption_not_over_the_picture(reader, heat, photos):
    _real, standin = photos

    card = photo_card(get_page(reader, heat.get_absolute_url()), standin)

    caption = card.find("figcaption")
    assert caption is not None
    notes = standin_notes(caption)
    assert len(notes) == 1
    assert notes[0].text == STANDIN_LABEL
    frame = card.find("div", class_="photo-card__frame")
    assert frame is not None and frame.find("picture") is not None
    assert "Stand-in" not in frame.text and not standin_notes(frame)
    # Said once, in the caption alone.
    assert card.text.count("Stand-in") == 1


def test_a_real_photo_carries_no_stand_in_label(reader, heat, photos):
    real, _standin = photos

    card = photo_card(get_page(reader, heat.get_absolute_url()), real)

    assert not standin_notes(card)
    assert "Stand-in" not in card.text and "generated" not in card.text


def test_a_stand_in_without_caption_or_source_is_still_labelled(reader, heat, photos):
    _real, standin = photos
    BehindTheScenesPhoto.objects.filter(pk=standin.pk).update(caption="", source_name="")

    card = photo_card(get_page(reader, heat.get_absolute_url()), standin)

    caption = card.find("figcaption")
    assert caption is not None and len(standin_notes(caption)) == 1


def test_the_stand_in_label_is_in_french_on_the_french_page(reader, heat, photos):
    _real, standin = photos
    assert french(STANDIN_LABEL) != STANDIN_LABEL, "no French for the stand-in label in the catalogue"

    card = photo_card(get_page(reader, "/fr" + heat.get_absolute_url()), standin)

    [note] = standin_notes(card.find("figcaption"))
    assert note.text == " ".join(french(STANDIN_LABEL).split())
