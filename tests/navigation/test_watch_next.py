"""Watch-next: three ways onward from a dossier — the editor's pin, else computed — only ever to live places."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from editorial.models import Collection, Pathway, WatchNextPick
from films.models import Film
from tests.factories import make_collection, make_draft_film, make_film, make_person
from submissions.models import Submission
from tests.html import page_of
from tests.submissions.factories import make_submission

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Card:
    kind: str
    title: str
    url: str
    reason: str


def pathway_cards(client, film):
    """The watch-next cards as the reader sees them, in page order."""
    response = client.get(film.get_absolute_url())
    assert response.status_code == 200
    section = page_of(response).by_id("watch-next")
    assert section is not None, "the watch-next section is always on the page"
    cards = []
    for item in section.find_all("li"):
        classes = item.attrs.get("class", "").split()
        if "pathway" not in classes:
            continue
        kinds = [name.removeprefix("pathway--") for name in classes if name.startswith("pathway--")]
        assert len(kinds) == 1, classes
        link = item.find("h3").find("a")
        cards.append(Card(kinds[0], link.text, link.attrs["href"], item.find("p", class_="card__text").text))
    return cards


def kinds(cards):
    return [card.kind for card in cards]


def by_kind(cards):
    found = {card.kind: card for card in cards}
    assert len(found) == len(cards), f"one card per pathway: {kinds(cards)}"
    return found


def pin(film, pathway, target, reason="Because the editor says so."):
    field = "target_collection" if isinstance(target, Collection) else "target_film"
    return WatchNextPick.objects.create(film=film, pathway=pathway, reason=reason, **{field: target})


@pytest.fixture
def refn():
    return make_person("Nicolas Winding Refn")


@pytest.fixture
def drive(refn):
    return make_film("Drive", year=2011, director=refn, themes=["loneliness", "violence", "identity"])


@pytest.fixture
def world(drive, refn):
    """Refn has one other live film; "violence" is what most live dossiers of Drive's themes share.

    violence: Drive, The Raid (2011), Oldboy (2003)   -> 3 live, the dominant theme
    loneliness: Drive, Lost in Translation (2023)      -> 2 live (+3 drafts, which must not count)
    The newest film carrying any of Drive's themes carries the wrong one, so a wrong
    dominant theme shows.
    """
    bronson = make_film("Bronson", year=2008, director=refn)
    raid = make_film("The Raid", year=2011, director="Gareth Evans", themes=["violence"])
    oldboy = make_film("Oldboy", year=2003, director="Park Chan-wook", themes=["violence"])
    lost = make_film("Lost in Translation", year=2023, director="Sofia Coppola", themes=["loneliness"])
    for n in range(3):
        make_draft_film(f"Lonely draft {n}", year=2024, themes=["loneliness"])
    shelf = make_collection("Night drives", films=[drive, raid])
    return {"bronson": bronson, "raid": raid, "oldboy": oldboy, "lost": lost, "shelf": shelf}


# Computed continuations --------------------------------------------------------------


def test_computed_pathways_offer_the_filmmaker_the_dominant_theme_and_the_shelf(reader, drive, world):
    """Three loneliness drafts would make loneliness dominant if drafts were counted."""
    cards = pathway_cards(reader, drive)

    assert kinds(cards) == ["filmmaker", "pressure", "shelf"]
    filmmaker, pressure, shelf = cards
    assert (filmmaker.title, filmmaker.url) == ("Bronson", "/films/bronson/")
    assert "Nicolas Winding Refn" in filmmaker.reason
    assert (pressure.title, pressure.url) == ("The Raid", "/films/the-raid/")
    assert pressure.reason == "The Raid runs on violence too."
    assert (shelf.title, shelf.url) == ("Night drives", "/collections/night-drives/")


def test_dominant_theme_follows_what_most_live_dossiers_share(reader, drive, world):
    # Three more live films on "loneliness" make it the dominant theme.
    for n in range(2):
        make_film(f"Lonely live {n}", year=2000 + n, themes=["loneliness"])

    pressure = by_kind(pathway_cards(reader, drive))["pressure"]

    assert pressure.title == "Lost in Translation"
    assert pressure.reason == "Lost in Translation runs on loneliness too."


def test_filmmaker_pathway_follows_the_director_not_the_theme(reader, drive, world, refn):
    make_film("Only God Forgives", year=2013, director=refn)

    filmmaker = by_kind(pathway_cards(reader, drive))["filmmaker"]

    assert filmmaker.title == "Only God Forgives"  # the director's newest other live film


def test_shelf_pathway_picks_a_live_shelf_holding_the_film(reader, drive, world):
    make_collection("A draft shelf first in the alphabet", films=[drive], status=Collection.Status.DRAFT)

    shelf = by_kind(pathway_cards(reader, drive))["shelf"]

    assert shelf.title == "Night drives"


# Pinned picks ------------------------------------------------------------------------


def test_pinned_picks_show_with_the_editors_reason_and_override_the_computed_ones(reader, drive, world):
    neon = make_film("The Neon Demon", year=2016, director="Someone Else")
    heat = make_film("Heat", year=1995)
    shelf = make_collection("Cities after dark", films=[heat])
    pin(drive, Pathway.FILMMAKER, neon, "Refn's most hated film, and his most Drive-like.")
    pin(drive, Pathway.PRESSURE, heat, "Professionals with rules, broken by one attachment.")
    pin(drive, Pathway.SHELF, shelf, "The city as a character.")

    cards = by_kind(pathway_cards(reader, drive))

    assert (cards["filmmaker"].title, cards["filmmaker"].reason) == (
        "The Neon Demon",
        "Refn's most hated film, and his most Drive-like.",
    )
    assert (cards["pressure"].title, cards["pressure"].reason) == (
        "Heat",
        "Professionals with rules, broken by one attachment.",
    )
    assert (cards["shelf"].title, cards["shelf"].url, cards["shelf"].reason) == (
        "Cities after dark",
        "/collections/cities-after-dark/",
        "The city as a character.",
    )
    assert {card.title for card in cards.values()}.isdisjoint({"Bronson", "The Raid", "Night drives"})


def test_one_pin_leaves_the_other_pathways_computed(reader, drive, world):
    heat = make_film("Heat", year=1995)
    pin(drive, Pathway.PRESSURE, heat, "Rules and one attachment.")

    cards = by_kind(pathway_cards(reader, drive))

    assert [cards[kind].title for kind in ("filmmaker", "pressure", "shelf")] == ["Bronson", "Heat", "Night drives"]


def test_pinned_film_is_never_offered_again_by_a_computed_pathway(reader, drive, world):
    pin(drive, Pathway.PRESSURE, world["bronson"], "Refn before Drive.")

    cards = pathway_cards(reader, drive)

    assert [card.title for card in cards] == ["Bronson", "Night drives"]  # Refn has nothing else live to offer
    assert kinds(cards) == ["pressure", "shelf"]


def test_pin_to_a_draft_film_falls_back_to_the_computed_pick(reader, drive, world):
    draft = make_draft_film("The Neon Demon", year=2016)
    pin(drive, Pathway.FILMMAKER, draft, "Not out yet.")

    cards = pathway_cards(reader, drive)

    assert by_kind(cards)["filmmaker"].title == "Bronson"
    assert draft.get_absolute_url() not in {card.url for card in cards}


def test_pin_to_a_scheduled_film_shows_only_once_it_is_live(reader, drive, world, clock):
    scheduled = make_film("The Neon Demon", year=2016, go_live_at=clock.now() + timedelta(days=1))
    pin(drive, Pathway.FILMMAKER, scheduled, "Coming on Friday.")
    assert by_kind(pathway_cards(reader, drive))["filmmaker"].title == "Bronson"

    clock.advance(timedelta(days=2))

    filmmaker = by_kind(pathway_cards(reader, drive))["filmmaker"]
    assert (filmmaker.title, filmmaker.reason) == ("The Neon Demon", "Coming on Friday.")


def test_pin_to_a_draft_shelf_falls_back_to_the_computed_shelf(reader, drive, world):
    unfinished = make_collection("Unfinished shelf", films=[drive], status=Collection.Status.DRAFT)
    pin(drive, Pathway.SHELF, unfinished, "Not ready.")

    cards = pathway_cards(reader, drive)

    assert by_kind(cards)["shelf"].title == "Night drives"
    assert unfinished.get_absolute_url() not in {card.url for card in cards}


def test_two_pins_to_the_same_film_show_it_once(reader, drive, world):
    pin(drive, Pathway.FILMMAKER, world["oldboy"], "Vengeance, patiently.")
    pin(drive, Pathway.PRESSURE, world["oldboy"], "Violence with a conscience.")

    cards = pathway_cards(reader, drive)

    titles = [card.title for card in cards]
    assert titles.count("Oldboy") == 1, titles
    assert by_kind(cards)["filmmaker"].title == "Oldboy"


# Exclusions -------------------------------------------------------------------------


def test_never_the_film_itself(reader, refn):
    """Drive is the newest film of its director and of its only theme: nothing else to offer."""
    drive = make_film("Drive", year=2011, director=refn, themes=["violence"])
    make_film("Oldboy", year=2003, themes=["violence"])
    make_collection("Night drives", films=[drive])

    cards = pathway_cards(reader, drive)

    assert drive.get_absolute_url() not in {card.url for card in cards}
    assert [(card.kind, card.title) for card in cards] == [("pressure", "Oldboy"), ("shelf", "Night drives")]


def test_never_a_draft_or_scheduled_film(reader, drive, refn, clock):
    make_draft_film("Only God Forgives", year=2013, director=refn, themes=["violence"])
    make_film("The Neon Demon", year=2016, director=refn, themes=["violence"],
              go_live_at=clock.now() + timedelta(days=1))

    cards = pathway_cards(reader, drive)

    assert cards == [], "Refn's other films and the other violence films are not live"


def test_the_same_film_is_never_offered_twice(reader, drive, world, refn):
    """Pusher is both Refn's newest other film and the newest film on the dominant theme."""
    pusher = make_film("Pusher", year=2019, director=refn, themes=["violence"])

    cards = pathway_cards(reader, drive)

    films = [card.title for card in cards if card.kind != "shelf"]
    assert films == ["Pusher", "The Raid"]  # the filmmaker takes Pusher; pressure moves on
    assert len(set(card.url for card in cards)) == len(cards)
    assert pusher.get_absolute_url() == cards[0].url


# Nothing to offer ----------------------------------------------------------------------


def test_film_whose_director_has_no_other_live_film_has_no_filmmaker_card(reader, drive, world, refn):
    Film.objects.filter(pk=world["bronson"].pk).update(status=Film.Status.DRAFT)

    assert kinds(pathway_cards(reader, drive)) == ["pressure", "shelf"]


def test_film_without_a_director_has_no_filmmaker_card(reader, world):
    orphan = make_film("Orphan", year=2010, themes=["violence"])
    make_collection("Orphans", films=[orphan])

    assert kinds(pathway_cards(reader, orphan)) == ["pressure", "shelf"]


def test_film_without_themes_has_no_pressure_card(reader, refn, world):
    plain = make_film("Plain", year=2010, director=refn)

    assert kinds(pathway_cards(reader, plain)) == ["filmmaker"]


def test_film_on_no_live_shelf_has_no_shelf_card(reader, drive, world):
    Collection.objects.filter(pk=world["shelf"].pk).update(status=Collection.Status.DRAFT)

    assert kinds(pathway_cards(reader, drive)) == ["filmmaker", "pressure"]


def test_film_with_nothing_to_offer_shows_no_cards_but_keeps_the_suggestion_form(reader):
    alone = make_film("Alone", year=2010)

    response = reader.get(alone.get_absolute_url())

    section = page_of(response).by_id("watch-next")
    assert pathway_cards(reader, alone) == []
    assert section.find("ul", class_="card-grid card-grid--three pathways") is None
    assert section.find("details", id="next-pick") is not None


def test_a_readers_suggestion_links_to_the_suggested_film_only_while_it_is_live(reader, drive, world):
    oldboy = world["oldboy"]
    make_submission(drive, Submission.Kind.NEXT_PICK, state=Submission.State.APPROVED, suggested_film=oldboy)

    def suggestion_links():
        section = page_of(reader.get(drive.get_absolute_url())).by_id("watch-next")
        return [link for link in section.find_all("a", href=oldboy.get_absolute_url())]

    assert len(suggestion_links()) == 1

    oldboy.status = Film.Status.DRAFT
    oldboy.save()

    assert suggestion_links() == []
