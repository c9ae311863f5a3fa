"""The coverage stored on each film (what the page, the admin and the catalog's tier filter read)
follows every kind of edit to a dossier the moment it is saved, and `refresh_coverage` repairs
what was written without signals (bulk inserts, queryset updates)."""

import pytest
import reversion
from reversion.models import Version
from taggit.models import Tag

from editorial.coverage import CHECKS, FACTS, coverage_of, refresh_coverage, with_coverage_facts
from editorial.models import (
    CaseFileLens,
    Collection,
    CollectionItem,
    CraftNote,
    DossierEntry,
    Section,
    SignatureScene,
    WhyItMatters,
)
from films.models import BehindTheScenesPhoto, Credit, Film, Genre, SceneClip
from tests.factories import COVERAGE_KEYS, add_entry, make_collection, make_film, make_full_dossier

pytestmark = pytest.mark.django_db

FULL = len(CHECKS)


def stored(film):
    """(score, passed check keys) as the database holds them now."""
    film = Film.objects.get(pk=film.pk)
    return film.coverage_score, coverage_of(film)


def computed_now(film):
    """The checks the film passes, worked out afresh from its rows."""
    annotated = with_coverage_facts(Film.objects.filter(pk=film.pk)).get()
    facts = {name: getattr(annotated, f"coverage_{name}") for name in FACTS}
    return [check.key for check in CHECKS if check.passes(facts)]


def assert_stored_is_current(film, *, missing):
    score, coverage = stored(film)
    assert [check.key for check in coverage.missing] == missing
    assert score == coverage.score == FULL - len(missing)
    assert [key for key in COVERAGE_KEYS if key not in missing] == computed_now(film)


def unreview_photo(film):
    photo = BehindTheScenesPhoto.objects.get(film=film)
    photo.is_reviewed = False
    photo.save()


def take_collection_down(film):
    collection = Collection.objects.get(items__film=film)
    collection.status = Collection.Status.DRAFT
    collection.save()


def empty_logline(film):
    film.logline = ""
    film.save()


def take_genres_off_from_the_genre_side(film):
    for genre in Genre.objects.filter(films=film):
        genre.films.remove(film)


def move_a_lens_to_another_section(film):
    lens = CaseFileLens.objects.filter(film=film).first()
    lens.section = Section.PRODUCTION_FILE
    lens.save()


# edit -> the one check it drops
EDITS = {
    "a craft note deleted": ("craft", lambda film: CraftNote.objects.filter(film=film).first().delete()),
    "craft notes deleted together": ("craft", lambda film: CraftNote.objects.filter(film=film).delete()),
    "a lens moved to another section": ("lenses", move_a_lens_to_another_section),
    "the essay deleted as a plain entry": (
        "basics", lambda film: DossierEntry.objects.filter(film=film, section=Section.WHY_IT_MATTERS).delete()),
    "the essay deleted": ("basics", lambda film: WhyItMatters.objects.get(film=film).delete()),
    "a photo unreviewed": ("photos", unreview_photo),
    "the photo deleted": ("photos", lambda film: BehindTheScenesPhoto.objects.get(film=film).delete()),
    "a shelf clip deleted": ("scene_shelf", lambda film: SceneClip.objects.filter(film=film).first().delete()),
    "the director's credit deleted": (
        "cast", lambda film: Credit.objects.get(film=film, role=Credit.Role.DIRECTOR).delete()),
    "the cast credits deleted": ("cast", lambda film: Credit.objects.filter(film=film, role=Credit.Role.CAST).delete()),
    "the genres cleared on the film": ("basics", lambda film: film.genres.clear()),
    "the film taken off its genres": ("basics", take_genres_off_from_the_genre_side),
    "its genres deleted": ("basics", lambda film: Genre.objects.filter(films=film).delete()),
    "a theme removed": ("themes", lambda film: film.themes.remove(film.themes.first())),
    "a theme tag deleted": ("themes", lambda film: Tag.objects.filter(name="violence").delete()),
    "its collection taken down": ("collection", take_collection_down),
    "its collection deleted": ("collection", lambda film: Collection.objects.filter(items__film=film).delete()),
    "the film taken off its shelf": ("collection", lambda film: CollectionItem.objects.filter(film=film).delete()),
    "the logline emptied": ("basics", empty_logline),
    "the signature scene deleted": ("signature_scene", lambda film: SignatureScene.objects.filter(film=film).delete()),
}


@pytest.fixture
def drive():
    film = make_full_dossier("Drive")
    assert_stored_is_current(film, missing=[])
    return film


@pytest.mark.parametrize(("check", "edit"), EDITS.values(), ids=EDITS.keys())
def test_an_edit_that_drops_a_check_updates_the_stored_coverage_at_once(drive, check, edit):
    edit(Film.objects.get(pk=drive.pk))

    assert_stored_is_current(drive, missing=[check])


def test_filing_what_was_missing_raises_the_stored_coverage():
    film = make_full_dossier("Drive", without=["signature_scene", "collection", "basics"], logline="A driver.")
    assert_stored_is_current(film, missing=["basics", "signature_scene", "collection"])

    add_entry(film, SignatureScene, "The elevator.", heading="The elevator")
    make_collection("Night drives", films=[film])
    Genre.objects.create(name="Crime", slug="crime").films.add(film)  # from the genre's side
    assert_stored_is_current(film, missing=["basics"])

    add_entry(film, WhyItMatters, "It turns genre machinery into a mood piece.")
    assert_stored_is_current(film, missing=[])


def test_a_collection_going_live_counts_for_every_film_on_its_shelf():
    drive, thief = make_full_dossier("Drive", without=["collection"]), make_full_dossier("Thief", without=["collection"])
    shelf = make_collection("Night drives", films=[drive, thief], status=Collection.Status.DRAFT)
    assert_stored_is_current(drive, missing=["collection"])
    assert_stored_is_current(thief, missing=["collection"])

    shelf.status = Collection.Status.LIVE
    shelf.save()

    assert_stored_is_current(drive, missing=[])
    assert_stored_is_current(thief, missing=[])


def test_an_edit_to_one_film_leaves_the_others_stored_coverage_alone(drive):
    other = make_full_dossier("Only God Forgives", without=["steelman"])

    CraftNote.objects.filter(film=drive).delete()

    assert_stored_is_current(drive, missing=["craft"])
    assert_stored_is_current(other, missing=["steelman"])


def test_restoring_an_earlier_version_from_history_restores_its_coverage(drive):
    """A restore saves the film and its rows raw, and deletes the rows added since."""
    with reversion.create_revision():
        Film.objects.get(pk=drive.pk).save()
    SignatureScene.objects.filter(film=drive).delete()
    CraftNote.objects.filter(film=drive).first().delete()
    assert_stored_is_current(drive, missing=["craft", "signature_scene"])

    Version.objects.get_for_object(drive).get().revision.revert(delete=True)

    assert_stored_is_current(drive, missing=[])


def test_restoring_a_version_from_before_a_section_was_filed_drops_its_check():
    film = make_full_dossier("Drive", without=["steelman"])
    with reversion.create_revision():
        Film.objects.get(pk=film.pk).save()
    add_entry(film, SignatureScene.__base__.__subclasses__()[-1], "Style is the substance.")  # Steelman
    assert_stored_is_current(film, missing=[])

    Version.objects.get_for_object(film).get().revision.revert(delete=True)

    assert_stored_is_current(film, missing=["steelman"])


# Writes that send no signals, repaired by refresh_coverage --------------------------------


def test_refresh_coverage_repairs_a_film_after_bulk_inserts():
    film = make_full_dossier("Drive", without=["craft"])
    CraftNote.objects.bulk_create(
        CraftNote(film=film, heading=label, body="Filed in bulk.", position=n)
        for n, label in enumerate(["Mood", "Violence", "Identity"])
    )
    assert stored(film)[0] == FULL - 1, "bulk_create sends no signals"

    refresh_coverage([film.pk])

    assert_stored_is_current(film, missing=[])


@pytest.mark.parametrize("batch", [500, 1], ids=["one batch", "a batch per film"])
def test_refresh_coverage_of_every_film_repairs_stale_and_unset_coverage(monkeypatch, batch):
    # A whole catalog is read a batch at a time (one query for 10,000 films outlasts the
    # statement timeout): every batch is repaired, not only the first.
    monkeypatch.setattr("editorial.coverage.REFRESH_BATCH", batch)
    drive = make_full_dossier("Drive")
    bare = make_film("Valhalla Rising", logline="")
    Film.objects.filter(pk=drive.pk).update(coverage_passed=[], coverage_score=0)  # as if written without signals
    Film.objects.filter(pk=bare.pk).update(coverage_passed=["basics", "craft"], coverage_score=9)

    refresh_coverage()

    assert_stored_is_current(drive, missing=[])
    assert_stored_is_current(bare, missing=COVERAGE_KEYS)
