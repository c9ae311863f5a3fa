"""Coverage: 13 checks derived from what the dossier holds, and the tier that follows the score.

Coverage is stored on the film (editorial.coverage.refresh_coverage, kept in step by
editorial.signals): each test changes a dossier the way an editor or a script does, then
reads the film again from the database and asks `coverage_of` what it passes.
"""

import pytest
from editorial.coverage import CHECKS, TIERS, coverage_of, filter_by_tier, tier_for
from editorial.models import (
    CaseFileLens,
    Collection,
    CollectionItem,
    CraftNote,
    EndingRead,
    ProductionNote,
    QuoteRead,
    SignatureScene,
    Steelman,
    WhyItMatters,
)
from films.models import Credit, Film, Genre
from tests.factories import (
    COVERAGE_KEYS,
    add_clips,
    add_credit,
    add_entries,
    add_entry,
    add_photo,
    make_collection,
    make_film,
    make_full_dossier,
)

pytestmark = pytest.mark.django_db


def coverage_now(film):
    """The coverage stored on the film as the database holds it now."""
    film.refresh_from_db()
    return coverage_of(film)


def assert_only_missing(film, key):
    coverage = coverage_now(film)
    assert {check.key for check in coverage.missing} == {key}
    assert coverage.score == 12


def assert_complete(film):
    coverage = coverage_now(film)
    assert coverage.missing == []
    assert coverage.score == 13


def test_the_checklist_has_thirteen_checks_in_page_order():
    assert [check.key for check in CHECKS] == COVERAGE_KEYS


def test_a_bare_film_is_a_catalog_entry_with_every_check_missing():
    film = make_film("Bare", logline="", year=None, runtime_minutes=None)

    coverage = coverage_now(film)

    assert coverage.score == 0
    assert coverage.total == 13
    assert [check.key for check in coverage.missing] == COVERAGE_KEYS
    assert coverage.tier.key == "catalog_entry"


# One test per check: missing, then passing once the content is added, then missing again.


def test_basics_pass_once_the_why_it_matters_essay_is_filed():
    film = make_full_dossier(without=["basics"], logline="A driver.", genres=["Crime"])
    assert_only_missing(film, "basics")

    essay = add_entry(film, WhyItMatters, "It turns genre machinery into a mood piece.")
    assert_complete(film)

    essay.delete()
    assert_only_missing(film, "basics")


@pytest.mark.parametrize("missing", ["logline", "why_it_matters", "year", "runtime", "genre"])
def test_basics_need_logline_why_it_matters_year_runtime_and_a_genre(missing):
    film = make_full_dossier()
    assert_complete(film)

    if missing == "logline":
        film.logline = ""
        film.save()
    elif missing == "why_it_matters":
        WhyItMatters.objects.filter(film=film).delete()
    elif missing == "year":
        film.year = None
        film.save()
    elif missing == "runtime":
        film.runtime_minutes = None
        film.save()
    else:
        film.genres.clear()

    assert_only_missing(film, "basics")


def test_basics_pass_when_the_last_missing_fact_is_filled_in():
    film = make_full_dossier(genres=[])
    assert_only_missing(film, "basics")

    film.genres.add(Genre.objects.create(name="Neo-noir", slug="neo-noir"))
    assert_complete(film)

    film.runtime_minutes = None
    film.save()
    assert_only_missing(film, "basics")


def test_craft_read_needs_three_notes():
    film = make_full_dossier(without=["craft"])
    add_entries(film, CraftNote, 2, heading="Mood")
    assert_only_missing(film, "craft")

    CraftNote.objects.create(film=film, heading="Identity", body="A man who is his job.", position=3)
    assert_complete(film)

    CraftNote.objects.filter(film=film).first().delete()
    assert_only_missing(film, "craft")


def test_craft_read_does_not_count_notes_filed_in_other_sections():
    film = make_full_dossier(without=["craft"])
    add_entries(film, CraftNote, 2)
    add_entries(film, ProductionNote, 5)

    assert_only_missing(film, "craft")


def test_themes_need_three_tags():
    film = make_full_dossier(themes=["loneliness", "violence"])
    assert_only_missing(film, "themes")

    film.themes.add("identity")
    assert_complete(film)

    film.themes.remove("violence")
    assert_only_missing(film, "themes")


def test_cast_check_needs_a_director_credit_as_well_as_cast():
    film = make_full_dossier(without=["cast"])
    add_credit(film, "Ryan Gosling", character="Driver")
    assert_only_missing(film, "cast")

    director = add_credit(film, "Nicolas Winding Refn", role=Credit.Role.DIRECTOR)
    assert_complete(film)

    director.delete()
    assert_only_missing(film, "cast")


def test_cast_check_needs_cast_as_well_as_a_director():
    film = make_full_dossier(without=["cast"])
    add_credit(film, "Nicolas Winding Refn", role=Credit.Role.DIRECTOR)
    add_credit(film, "Newton Thomas Sigel", role=Credit.Role.CREW, job="Cinematographer")
    assert_only_missing(film, "cast")

    actor = add_credit(film, "Ryan Gosling", character="Driver")
    assert_complete(film)

    actor.delete()
    assert_only_missing(film, "cast")


def test_production_notes_need_three():
    film = make_full_dossier(without=["production_notes"])
    add_entries(film, ProductionNote, 2)
    assert_only_missing(film, "production_notes")

    ProductionNote.objects.create(film=film, body="Shot in Los Angeles.", position=3)
    assert_complete(film)

    ProductionNote.objects.filter(film=film).last().delete()
    assert_only_missing(film, "production_notes")


def test_only_a_reviewed_photo_counts():
    film = make_full_dossier(without=["photos"])
    photo = add_photo(film, reviewed=False)
    assert_only_missing(film, "photos")

    photo.is_reviewed = True
    photo.save()
    assert_complete(film)

    photo.is_reviewed = False
    photo.save()
    assert_only_missing(film, "photos")


def test_photo_check_fails_again_when_the_reviewed_photo_is_deleted():
    film = make_full_dossier(without=["photos"])
    photo = add_photo(film, reviewed=True)
    assert_complete(film)

    photo.delete()
    assert_only_missing(film, "photos")


def test_case_file_needs_four_lenses():
    film = make_full_dossier(without=["lenses"])
    add_entries(film, CaseFileLens, 3, heading="Lens")
    assert_only_missing(film, "lenses")

    CaseFileLens.objects.create(film=film, heading="Page job", body="Argued.", position=4)
    assert_complete(film)

    CaseFileLens.objects.filter(film=film).first().delete()
    assert_only_missing(film, "lenses")


def test_scene_shelf_needs_three_clips():
    film = make_full_dossier(without=["scene_shelf"])
    add_clips(film, 2)
    assert_only_missing(film, "scene_shelf")

    add_clips(film, 1)
    assert_complete(film)

    film.scene_clips.first().delete()
    assert_only_missing(film, "scene_shelf")


def test_signature_scene_check_flips():
    film = make_full_dossier(without=["signature_scene"])
    assert_only_missing(film, "signature_scene")

    add_entry(film, SignatureScene, "The elevator.")
    assert_complete(film)

    SignatureScene.objects.filter(film=film).delete()
    assert_only_missing(film, "signature_scene")


def test_quote_read_check_flips():
    film = make_full_dossier(without=["quote_read"])
    assert_only_missing(film, "quote_read")

    add_entry(film, QuoteRead, "A promise as a threat.", quote="You give me a time and a place.")
    assert_complete(film)

    QuoteRead.objects.filter(film=film).delete()
    assert_only_missing(film, "quote_read")


def test_ending_read_check_flips():
    film = make_full_dossier(without=["ending_read"])
    assert_only_missing(film, "ending_read")

    add_entry(film, EndingRead, "He drives on.")
    assert_complete(film)

    EndingRead.objects.filter(film=film).delete()
    assert_only_missing(film, "ending_read")


def test_steelman_check_flips():
    film = make_full_dossier(without=["steelman"])
    assert_only_missing(film, "steelman")

    add_entry(film, Steelman, "Style is the substance.")
    assert_complete(film)

    Steelman.objects.filter(film=film).delete()
    assert_only_missing(film, "steelman")


def test_collection_pathway_counts_only_a_live_collection():
    film = make_full_dossier(without=["collection"])
    shelf = make_collection("Night drives", films=[film], status=Collection.Status.DRAFT)
    assert_only_missing(film, "collection")

    shelf.status = Collection.Status.LIVE
    shelf.save()
    assert_complete(film)

    shelf.status = Collection.Status.DRAFT
    shelf.save()
    assert_only_missing(film, "collection")


def test_collection_pathway_fails_when_the_film_leaves_the_shelf():
    film = make_full_dossier(without=["collection"])
    shelf = make_collection("Night drives", films=[film])
    assert_complete(film)

    CollectionItem.objects.filter(collection=shelf, film=film).delete()
    assert_only_missing(film, "collection")


# Tiers follow the score.


@pytest.mark.parametrize(
    ("score", "tier_key"),
    [
        (0, "catalog_entry"),
        (4, "catalog_entry"),
        (5, "in_development"),
        (8, "in_development"),
        (9, "shaped"),
        (12, "shaped"),
        (13, "fully_authored"),
    ],
)
def test_tier_for_score_boundaries(score, tier_key):
    assert tier_for(score).key == tier_key


def test_every_tier_has_a_name_and_a_sentence():
    assert [tier.name for tier in TIERS] == ["fully authored", "shaped", "in development", "catalog entry"]
    assert all(tier.sentence for tier in TIERS)
    assert len({tier.sentence for tier in TIERS}) == len(TIERS)


def test_a_full_dossier_is_fully_authored_and_losing_one_check_makes_it_shaped():
    film = make_full_dossier()
    coverage = coverage_now(film)
    assert (coverage.score, coverage.total, coverage.tier.name) == (13, 13, "fully authored")

    Steelman.objects.filter(film=film).delete()

    coverage = coverage_now(film)
    assert (coverage.score, coverage.tier.name) == (12, "shaped")


def test_the_stored_score_is_the_number_of_checks_each_film_passes():
    full = make_full_dossier("Drive")
    shaped = make_full_dossier("Only God Forgives", without=["collection", "steelman"])
    developing = make_full_dossier(
        "Bronson", without=["collection", "steelman", "ending_read", "quote_read", "signature_scene", "lenses"]
    )

    scores = dict(Film.objects.values_list("title", "coverage_score"))

    assert scores == {"Drive": 13, "Only God Forgives": 11, "Bronson": 7}
    for film in (full, shaped, developing):
        assert coverage_now(film).score == scores[film.title]
    assert {check.key for check in coverage_now(shaped).missing} == {"collection", "steelman"}


def test_filter_by_tier_puts_each_film_in_exactly_one_tier():
    make_full_dossier("Drive")
    make_full_dossier("Only God Forgives", without=["collection"])
    make_full_dossier("Bronson", without=["collection", "steelman", "ending_read", "quote_read", "signature_scene"])
    make_film("Valhalla Rising", logline="")

    by_tier = {
        tier.key: sorted(filter_by_tier(Film.objects.all(), tier.key).values_list("title", flat=True))
        for tier in TIERS
    }

    assert by_tier == {
        "fully_authored": ["Drive"],
        "shaped": ["Only God Forgives"],
        "in_development": ["Bronson"],
        "catalog_entry": ["Valhalla Rising"],
    }


@pytest.mark.parametrize("missing", [[], ["basics"], ["craft", "photos"], ["cast", "collection", "steelman"]])
def test_the_dossier_carries_the_films_coverage(missing):
    """What the page's coverage section reads: the dossier's coverage, missing exactly what was not filed."""
    from editorial.dossier import load_dossier

    film = make_full_dossier(without=missing)

    coverage = load_dossier(film.slug, live_only=False).coverage

    assert [check.key for check in coverage.missing] == [key for key in COVERAGE_KEYS if key in missing]
    assert coverage.score == 13 - len(missing)
