"""Readers' best work becomes the page's: an editor makes an approved defense the film's
steelman, credited to its submitter on the page, in the film's history, linked from the
submission; moderators cannot, and unapproved submissions cannot be."""

import pytest
from reversion.models import Version

from editorial.models import Section, Steelman, WatchNextPick
from films.models import Film
from submissions.models import Submission
from tests.factories import make_full_dossier
from tests.html import page_of
from tests.submissions.factories import make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def drive_without_a_steelman():
    return make_full_dossier("Drive", without=["steelman"])


def promote_url(submission):
    return f"/admin/submissions/submission/{submission.pk}/promote/"


def test_an_approved_defense_becomes_the_steelman_credited_to_its_reader(
    editor_client, editor, reader, drive_without_a_steelman
):
    drive = drive_without_a_steelman
    defense = make_submission(drive, state=Submission.State.APPROVED, display_name="Night driver",
                              body="Too cool? The cool is the point: style is how he hides, and the film knows it.")
    review = editor_client.get(f"/admin/submissions/submission/{defense.pk}/review/")
    assert 'value="steelman"' in review.content.decode()

    response = editor_client.post(promote_url(defense), {"into": "steelman"})

    assert response.status_code == 302
    assert response["Location"] == f"/admin/films/film/{drive.pk}/change/"
    steelman = Steelman.objects.get(film=drive)
    assert steelman.body == defense.body
    assert steelman.credit == "Night driver"
    assert Submission.objects.get(pk=defense.pk).promoted_to_id == steelman.pk
    module = page_of(reader.get(drive.get_absolute_url())).by_id("steelman")
    assert "The cool is the point" in module.text
    assert "From a reader: Night driver" in module.text
    [latest, *_] = Version.objects.get_for_object(Film.objects.get(pk=drive.pk))
    assert latest.revision.get_comment() == f"Steelman the debate made from a reader's submission (#{defense.pk}, by Night driver)."
    assert latest.revision.user == editor
    promoted = editor_client.get(f"/admin/submissions/submission/{defense.pk}/review/").content.decode()
    assert "Already on the page as its steelman the debate module" in promoted


def test_a_pending_submission_cannot_be_promoted(editor_client, drive_without_a_steelman):
    pending = make_submission(drive_without_a_steelman)

    editor_client.post(promote_url(pending), {"into": "steelman"})

    assert not Steelman.objects.filter(film=drive_without_a_steelman).exists()


def test_a_film_with_a_steelman_keeps_it(editor_client):
    drive = make_full_dossier("Drive")
    before = Steelman.objects.get(film=drive).body
    defense = make_submission(drive, state=Submission.State.APPROVED)

    response = editor_client.post(promote_url(defense), {"into": "steelman"}, follow=True)

    assert Steelman.objects.get(film=drive).body == before
    assert "already has a steelman the debate module" in response.content.decode()


def test_a_moderator_cannot_promote(moderator_client, drive_without_a_steelman):
    defense = make_submission(drive_without_a_steelman, state=Submission.State.APPROVED)

    assert moderator_client.post(promote_url(defense), {"into": "steelman"}).status_code == 403
    assert not Steelman.objects.exists()


def test_an_editor_reads_the_queue_but_cannot_decide(editor_client, drive_without_a_steelman):
    pending = make_submission(drive_without_a_steelman)

    screen = editor_client.get(f"/admin/submissions/submission/{pending.pk}/review/")
    decided = editor_client.post(f"/admin/submissions/submission/{pending.pk}/review/",
                                 {"decision": "approve", "seen_state": "pending"})

    assert screen.status_code == 200 and 'value="approve"' not in screen.content.decode()
    assert decided.status_code == 403
    assert Submission.objects.get(pk=pending.pk).state == Submission.State.PENDING


def test_a_scene_pick_becomes_the_signature_scene_headed_with_its_scene(editor_client):
    drive = make_full_dossier("Drive", without=["signature_scene"])
    pick = make_submission(drive, Submission.Kind.SCENE_PICK, state=Submission.State.APPROVED,
                           scene_clip=drive.scene_clips.first(), display_name="")

    editor_client.post(promote_url(pick), {"into": "signature_scene"})

    entry = drive.entries.get(section=Section.SIGNATURE_SCENE)
    assert (entry.heading, entry.credit) == (drive.scene_clips.first().title, "Anonymous reader")


def test_an_approved_next_pick_naming_one_of_our_films_becomes_its_pathways_pinned_pick(
    editor_client, reader
):
    drive = make_full_dossier("Drive")
    samourai = make_full_dossier("Le Samouraï", director="Jean-Pierre Melville")
    drive.watch_next_picks.all().delete()
    pick = make_submission(drive, Submission.Kind.NEXT_PICK, state=Submission.State.APPROVED, display_name="Le Cercle",
                           suggested_film=samourai, suggested_title=samourai.title, pathway="pressure",
                           body="Melville's hitman is the driver's ancestor: a code, a room, a silence.")
    assert 'value="watch_next"' in editor_client.get(f"/admin/submissions/submission/{pick.pk}/review/").content.decode()

    editor_client.post(promote_url(pick), {"into": "watch_next"})

    pinned = WatchNextPick.objects.get(film=drive, pathway="pressure")
    assert (pinned.target_film, pinned.credit) == (samourai, "Le Cercle")
    assert Submission.objects.get(pk=pick.pk).promoted_to_pick == pinned
    section = page_of(reader.get(drive.get_absolute_url())).by_id("watch-next")
    assert "Suggested by a reader: Le Cercle" in section.text
    assert "a code, a room, a silence" in section.text
