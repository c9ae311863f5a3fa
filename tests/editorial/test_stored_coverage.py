"""The score stored on each film (what the catalog's tier filter and the admin list read)
follows every kind of edit to a dossier, the moment it is saved."""

import pytest
from taggit.models import Tag

from editorial.coverage import CHECKS, coverage_for_film, refresh_scores
from editorial.models import Collection, CraftNote, SignatureScene
from films.models import BehindTheScenesPhoto, Credit, Film, Genre, SceneClip
from tests.factories import add_entry, make_collection, make_film, make_full_dossier

pytestmark = pytest.mark.django_db

FULL = len(CHECKS)


def stored(film):
    return Film.objects.values_list("coverage_score", flat=True).get(pk=film.pk)


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


EDITS = {
    "a craft note deleted": lambda film: CraftNote.objects.filter(film=film).first().delete(),
    "a photo unreviewed": unreview_photo,
    "a shelf clip deleted": lambda film: SceneClip.objects.filter(film=film).first().delete(),
    "the director's credit deleted": lambda film: Credit.objects.get(film=film, role=Credit.Role.DIRECTOR).delete(),
    "the genres cleared on the film": lambda film: film.genres.clear(),
    "a genre deleted": lambda film: Genre.objects.filter(films=film).delete(),
    "a theme removed": lambda film: film.themes.remove(film.themes.first()),
    "a theme tag deleted": lambda film: Tag.objects.filter(name="violence").delete(),
    "its collection taken down": take_collection_down,
    "its collection deleted": lambda film: Collection.objects.filter(items__film=film).delete(),
    "the logline emptied": empty_logline,
    "the signature scene deleted": lambda film: SignatureScene.objects.filter(film=film).delete(),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_an_edit_that_drops_a_check_lowers_the_stored_score_at_once(edit):
    film = make_full_dossier("Drive")
    assert stored(film) == FULL

    edit(Film.objects.get(pk=film.pk))

    assert stored(film) == coverage_for_film(film).score == FULL - 1


def test_filing_what_was_missing_raises_the_stored_score():
    film = make_full_dossier("Drive", without=["signature_scene", "collection"])
    assert stored(film) == FULL - 2

    add_entry(film, SignatureScene, "The elevator.", heading="The elevator")
    make_collection("Night drives", films=[film])

    assert stored(film) == FULL


def test_a_collection_going_live_counts_for_every_film_on_its_shelf():
    drive, thief = make_full_dossier("Drive", without=["collection"]), make_full_dossier("Thief", without=["collection"])
    shelf = make_collection("Night drives", films=[drive, thief], status=Collection.Status.DRAFT)
    assert (stored(drive), stored(thief)) == (FULL - 1, FULL - 1)

    shelf.status = Collection.Status.LIVE
    shelf.save()

    assert (stored(drive), stored(thief)) == (FULL, FULL)


def test_refresh_scores_repairs_scores_after_bulk_inserts():
    film = make_film("Drive", logline="")
    Film.objects.filter(pk=film.pk).update(coverage_score=9)  # as if rows changed without signals

    refresh_scores()

    assert stored(film) == coverage_for_film(film).score
