"""Word lists moderators keep: a banned word sends a submission straight to spam, a suspect word
flags it in the queue; look-alike letters and odd case do not hide a word, and a word inside
another is no match."""

import pytest

from submissions.models import ScreenedWord, Submission
from tests.submissions.factories import form_data, form_url

pytestmark = pytest.mark.django_db

QUEUE_URL = "/admin/submissions/submission/"


@pytest.fixture
def word_lists(db):
    ScreenedWord.objects.create(word="cheap watches", action=ScreenedWord.Action.BANNED)
    ScreenedWord.objects.create(word="idiot", action=ScreenedWord.Action.SUSPECT)


def post(client, drive, body):
    response = client.post(form_url(drive, "defend"), form_data(drive, "defend", body=body))
    assert response.status_code == 302  # thanked like anyone: a spammer learns nothing
    return Submission.objects.latest("pk")


@pytest.mark.parametrize("body", [
    "Buy CHEAP WATCHES here, the film is great anyway.",
    "Buy ch\u0435ap watch\u0435s here, the film is great anyway.",  # Cyrillic е
    "Buy cheap\u200b watches here, the film is great anyway.",  # a zero-width space
])
def test_a_banned_word_sends_a_submission_straight_to_spam(client, drive, word_lists, body):
    assert post(client, drive, body).state == Submission.State.SPAM


def test_a_suspect_word_flags_it_for_the_moderator(client, drive, word_lists, moderator_client):
    flagged = post(client, drive, "Only an Idiot would call the ending empty, it is the point.")
    clean = post(client, drive, "The ending is the point, and it is quietly devastating too.")

    assert flagged.state == Submission.State.PENDING
    assert flagged.flagged_words == "idiot"
    listed = moderator_client.get(QUEUE_URL, {"flagged": "yes"}).context["cl"].result_list
    assert list(listed) == [flagged]
    assert clean.flagged_words == ""
    screen = moderator_client.get(f"/admin/submissions/submission/{flagged.pk}/review/").content.decode()
    assert "Suspect words: idiot" in screen


def test_a_word_inside_another_word_is_no_match(client, drive, word_lists):
    assert post(client, drive, "The idiotically long car chase is the best part of it.").flagged_words == ""


def test_moderators_keep_the_word_lists(moderator_client):
    response = moderator_client.post("/admin/submissions/screenedword/add/", {"word": "scam", "action": "banned"})

    assert response.status_code == 302
    assert ScreenedWord.objects.get().word == "scam"
