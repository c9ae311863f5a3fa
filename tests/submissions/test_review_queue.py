"""The review queue in the admin: moderators work it and nothing else; editors and strangers cannot."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from pagecache import tags
from submissions.models import Decision, Submission
from submissions.services import decide
from tests.html import page_of
from tests.submissions.factories import make_submission

pytestmark = pytest.mark.django_db

State = Submission.State

QUEUE_URL = "/admin/submissions/submission/"
NEXT_URL = "/admin/submissions/submission/review/next/"


def review_url(submission):
    return f"/admin/submissions/submission/{submission.pk}/review/"


def decide_on_review_screen(client, submission, decision, *, note="", seen=None):
    """POST the review screen as a moderator who saw `seen` (by default the submission as it is)."""
    seen = seen or submission
    return client.post(
        review_url(submission),
        {
            "decision": decision,
            "seen_state": seen.state,
            "seen_featured": "1" if seen.is_featured else "0",
            "note": note,
        },
    )


def run_bulk_action(client, action, submissions):
    return client.post(
        QUEUE_URL,
        {"action": action, ACTION_CHECKBOX_NAME: [submission.pk for submission in submissions], "index": 0},
    )


def aged(submission, **age):
    Submission.objects.filter(pk=submission.pk).update(created_at=timezone.now() - timedelta(**age))
    submission.refresh_from_db()
    return submission


def queue_order(response):
    """The submission pks in the order the queue lists them."""
    return [int(box.attrs["value"]) for box in page_of(response).find_all("input", name=ACTION_CHECKBOX_NAME)]


# The moderator's job --------------------------------------------------------------------


def test_a_moderator_opens_the_queue_with_counts_per_state(moderator_client, drive):
    make_submission(drive)
    make_submission(drive, state=State.SPAM)

    response = moderator_client.get(QUEUE_URL)

    assert response.status_code == 200
    counts = page_of(response).find("p", class_="queue-counts").text
    assert "Pending: 1" in counts and "Spam: 1" in counts and "Approved: 0" in counts
    assert page_of(response).find("a", href=NEXT_URL) is not None


def queue_counts(client):
    text = page_of(client.get(QUEUE_URL)).find("p", class_="queue-counts").text
    return {state.label: int(text.split(f"{state.label}: ")[1].split()[0].rstrip(",·")) for state in State}


def real_counts():
    return {state.label: Submission.objects.filter(state=state).count() for state in State}


def test_the_queue_counts_follow_every_submission_decision_and_deletion(moderator_client, moderator, drive, thief):
    first, second, third = (make_submission(film) for film in (drive, drive, thief))
    assert queue_counts(moderator_client) == real_counts() == {"Pending": 3, "Approved": 0, "Rejected": 0, "Spam": 0}

    decide_on_review_screen(moderator_client, first, "approve")
    decide(second, moderator=moderator, to_state=State.SPAM)
    decide(Submission.objects.get(pk=first.pk), moderator=moderator, to_state=State.APPROVED, featured=True)
    assert queue_counts(moderator_client) == real_counts() == {"Pending": 1, "Approved": 1, "Rejected": 0, "Spam": 1}

    third.delete()
    drive.delete()  # its submissions go with it
    assert queue_counts(moderator_client) == real_counts() == {"Pending": 0, "Approved": 0, "Rejected": 0, "Spam": 0}


def test_the_whole_queue_is_paginated_on_the_tallied_total(moderator_client, drive):
    for _ in range(3):
        make_submission(drive)

    response = moderator_client.get(QUEUE_URL)

    assert response.context["cl"].result_count == 3
    assert len(queue_order(response)) == 3


def test_the_queue_reads_its_state_counts_once(moderator_client, drive):
    """The header's counts and the paginator's total come from one read of the tallies."""
    make_submission(drive)

    with CaptureQueriesContext(connection) as queries:
        response = moderator_client.get(QUEUE_URL)

    assert response.status_code == 200
    assert sum("submissions_statetally" in query["sql"] for query in queries) == 1


def test_the_review_screen_says_how_many_are_pending(moderator_client, moderator, drive):
    first, _second, approved = make_submission(drive), make_submission(drive), make_submission(drive)
    decide(approved, moderator=moderator, to_state=State.APPROVED)

    response = moderator_client.get(review_url(first))

    assert page_of(response).find(class_="review-queue").find("strong").text == "2"


def test_the_queue_lists_pending_first_oldest_first(moderator_client, drive):
    old_approved = aged(make_submission(drive, state=State.APPROVED), days=9)
    old_spam = aged(make_submission(drive, state=State.SPAM), days=8)
    newer_pending = aged(make_submission(drive), days=1)
    oldest_pending = aged(make_submission(drive), days=3)
    newest_pending = make_submission(drive)

    response = moderator_client.get(QUEUE_URL)

    order = queue_order(response)
    assert order[:3] == [oldest_pending.pk, newer_pending.pk, newest_pending.pk]
    assert set(order[3:]) == {old_approved.pk, old_spam.pk}


def test_review_next_opens_the_oldest_pending_submission(moderator_client, drive):
    aged(make_submission(drive, state=State.REJECTED), days=5)
    oldest_pending = aged(make_submission(drive), days=2)
    make_submission(drive)

    response = moderator_client.get(NEXT_URL)

    assert response.status_code == 302
    assert response["Location"] == review_url(oldest_pending)


def test_review_next_with_an_empty_queue_says_so(moderator_client, drive):
    make_submission(drive, state=State.APPROVED)

    response = moderator_client.get(NEXT_URL, follow=True)

    assert response.redirect_chain[-1] == (QUEUE_URL, 302)
    assert "the queue is clear" in response.content.decode()


def test_a_moderator_reads_a_submission_on_the_review_screen(moderator_client, drive):
    clip = drive.scene_clips.order_by("position").first()
    submission = make_submission(
        drive, Submission.Kind.SCENE_PICK, scene_clip=clip, body="The elevator is the whole film in a minute.",
        display_name="Night driver", email="reader@example.com",
    )

    response = moderator_client.get(review_url(submission))

    assert response.status_code == 200
    text = page_of(response).find(id="content-main").text
    assert "The elevator is the whole film in a minute." in text
    assert "From the shelf: Clip 1" in text
    assert "Night driver" in text
    assert "No decision yet." in text


@pytest.mark.parametrize(
    ("decision", "state", "featured"),
    [
        ("approve", State.APPROVED, False),
        ("feature", State.APPROVED, True),
        ("reject", State.REJECTED, False),
        ("spam", State.SPAM, False),
    ],
)
def test_a_moderator_decides_on_the_review_screen_and_it_is_recorded(
    moderator_client, moderator, drive, decision, state, featured
):
    submission = make_submission(drive)

    response = decide_on_review_screen(moderator_client, submission, decision, note="  Read it twice.  ")

    assert response.status_code == 302
    assert response["Location"] == NEXT_URL
    submission.refresh_from_db()
    assert (submission.state, submission.is_featured) == (state, featured)
    record = Decision.objects.get()
    assert (record.submission, record.moderator, record.from_state, record.to_state, record.featured, record.note) == (
        submission, moderator, State.PENDING, state, featured, "Read it twice.",
    )


def test_pending_then_approved_then_featured_on_the_review_screen(moderator_client, moderator, drive):
    submission = make_submission(drive)

    decide_on_review_screen(moderator_client, submission, "approve")
    submission.refresh_from_db()
    decide_on_review_screen(moderator_client, submission, "feature", note="Front of the page.")

    submission.refresh_from_db()
    assert (submission.state, submission.is_featured) == (State.APPROVED, True)
    steps = list(Decision.objects.order_by("pk").values_list("from_state", "to_state", "featured", "note"))
    assert steps == [
        (State.PENDING, State.APPROVED, False, ""),
        (State.APPROVED, State.APPROVED, True, "Front of the page."),
    ]
    history = page_of(moderator_client.get(review_url(submission))).find("table", class_="review-history").text
    assert "Front of the page." in history and "moderator" in history


def test_a_decision_on_a_stale_screen_changes_nothing_and_says_who_was_first(moderator_client, drive, editor):
    submission = make_submission(drive)
    seen = Submission.objects.get(pk=submission.pk)
    decide(Submission.objects.get(pk=submission.pk), moderator=editor, to_state=State.SPAM)

    response = decide_on_review_screen(moderator_client, submission, "approve", seen=seen)

    assert response.status_code == 302
    assert response["Location"] == review_url(submission)
    assert Submission.objects.get().state == State.SPAM
    assert Decision.objects.count() == 1
    followed = moderator_client.get(response["Location"])
    assert "Another moderator decided this first by editor" in followed.content.decode()


def answers_marked(film):
    return tags.store().get(tags.tag_key(tags.answers(film.pk)))


def test_an_approval_on_the_review_screen_invalidates_that_films_answers(
    moderator_client, drive, thief, django_capture_on_commit_callbacks
):
    """The screen decides on the copy the moderator saw: it must still name the film."""
    submission = make_submission(thief)

    with django_capture_on_commit_callbacks(execute=True):
        decide_on_review_screen(moderator_client, submission, "approve")

    assert answers_marked(thief) is not None
    assert answers_marked(drive) is None


def test_an_approval_in_bulk_invalidates_each_films_answers(
    moderator_client, drive, thief, django_capture_on_commit_callbacks
):
    chosen = [make_submission(drive), make_submission(thief)]

    with django_capture_on_commit_callbacks(execute=True):
        run_bulk_action(moderator_client, "approve_selected", chosen)

    assert answers_marked(drive) is not None and answers_marked(thief) is not None


def test_a_review_post_without_a_decision_changes_nothing(moderator_client, drive):
    submission = make_submission(drive)

    response = decide_on_review_screen(moderator_client, submission, "delete")

    assert response.status_code == 400
    assert "Choose a decision." in response.content.decode()
    assert Submission.objects.get().state == State.PENDING
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("action", "state", "featured"),
    [
        ("approve_selected", State.APPROVED, False),
        ("feature_selected", State.APPROVED, True),
        ("reject_selected", State.REJECTED, False),
        ("spam_selected", State.SPAM, False),
    ],
)
def test_a_moderator_decides_in_bulk_and_each_is_recorded(moderator_client, moderator, drive, action, state, featured):
    chosen = [make_submission(drive, body=f"Case number {n}, long enough.") for n in range(3)]
    untouched = make_submission(drive, body="Not selected, stays pending.")

    response = run_bulk_action(moderator_client, action, chosen)

    assert response.status_code == 302
    for submission in chosen:
        submission.refresh_from_db()
        assert (submission.state, submission.is_featured) == (state, featured)
    untouched.refresh_from_db()
    assert untouched.state == State.PENDING
    records = Decision.objects.all()
    assert len(records) == 3
    assert {(r.submission_id, r.moderator, r.from_state, r.to_state, r.featured) for r in records} == {
        (submission.pk, moderator, State.PENDING, state, featured) for submission in chosen
    }


def test_a_bulk_action_skips_what_is_already_decided_and_says_so(moderator_client, drive):
    pending = make_submission(drive, body="Still pending, long enough.")
    approved = make_submission(drive, state=State.APPROVED, body="Already approved, long enough.")

    response = run_bulk_action(moderator_client, "approve_selected", [pending, approved])

    assert Decision.objects.count() == 1
    followed = moderator_client.get(response["Location"]).content.decode()
    assert "Approved: 1." in followed
    assert "Skipped 1: already approved." in followed


def test_a_moderator_cannot_delete_in_bulk(moderator_client, drive):
    submission = make_submission(drive)

    run_bulk_action(moderator_client, "delete_selected", [submission])

    assert Submission.objects.filter(pk=submission.pk).exists()


def test_a_moderator_cannot_touch_films(moderator_client, drive):
    assert moderator_client.get("/admin/films/film/add/").status_code == 403
    assert moderator_client.get(f"/admin/films/film/{drive.pk}/change/").status_code == 403
    response = moderator_client.post(f"/admin/films/film/{drive.pk}/change/", {"title": "Renamed"})
    assert response.status_code == 403
    drive.refresh_from_db()
    assert drive.title == "Drive"


def test_a_moderator_cannot_delete_a_submission(moderator_client, drive):
    submission = make_submission(drive)

    assert moderator_client.get(f"{QUEUE_URL}{submission.pk}/delete/").status_code == 403
    assert moderator_client.post(f"{QUEUE_URL}{submission.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Submission.objects.filter(pk=submission.pk).exists()


def test_a_moderator_cannot_change_a_readers_text(moderator_client, drive):
    submission = make_submission(drive, body="What the reader wrote, word for word.")

    response = moderator_client.post(
        f"{QUEUE_URL}{submission.pk}/change/",
        {"body": "What a moderator would rather it said.", "state": State.APPROVED, "film": drive.pk},
    )

    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.body == "What the reader wrote, word for word."
    assert submission.state == State.PENDING


def test_nobody_adds_submissions_in_the_admin(moderator_client, drive):
    assert moderator_client.get(f"{QUEUE_URL}add/").status_code == 403


# Editors: their job is films, not the queue ------------------------------------------------


def test_an_editor_reads_the_queue_but_is_handed_nothing_to_decide(editor_client, drive):
    submission = make_submission(drive)

    assert editor_client.get(QUEUE_URL).status_code == 200  # to find readers' best work
    screen = editor_client.get(review_url(submission))
    assert screen.status_code == 200
    assert 'name="decision"' not in screen.content.decode()
    assert editor_client.get(NEXT_URL).status_code == 403


def test_an_editor_cannot_decide_on_the_review_screen(editor_client, drive):
    submission = make_submission(drive)

    response = decide_on_review_screen(editor_client, submission, "approve")

    assert response.status_code == 403
    assert Submission.objects.get().state == State.PENDING
    assert not Decision.objects.exists()


@pytest.mark.parametrize("action", ["approve_selected", "feature_selected", "reject_selected", "spam_selected"])
def test_an_editor_cannot_run_the_bulk_actions(editor_client, drive, action):
    submission = make_submission(drive)

    response = run_bulk_action(editor_client, action, [submission])

    assert response.status_code in (200, 302, 403)  # the action is not offered to them
    assert Submission.objects.get().state == State.PENDING
    assert not Decision.objects.exists()


def test_an_editor_still_does_their_own_job(editor_client, drive):
    assert editor_client.get(f"/admin/films/film/{drive.pk}/change/").status_code == 200


def test_staff_without_a_role_cannot_open_the_queue(outsider_client, drive):
    submission = make_submission(drive)

    assert outsider_client.get(QUEUE_URL).status_code == 403
    assert outsider_client.get(review_url(submission)).status_code == 403


# Anonymous visitors ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["queue", "review", "next", "change", "delete"])
def test_anonymous_visitors_are_sent_to_the_admin_login(client, drive, path):
    submission = make_submission(drive)
    url = {
        "queue": QUEUE_URL,
        "review": review_url(submission),
        "next": NEXT_URL,
        "change": f"{QUEUE_URL}{submission.pk}/change/",
        "delete": f"{QUEUE_URL}{submission.pk}/delete/",
    }[path]

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_anonymous_posts_to_the_queue_change_nothing(client, drive):
    submission = make_submission(drive)

    review = decide_on_review_screen(client, submission, "approve")
    bulk = run_bulk_action(client, "approve_selected", [submission])

    for response in (review, bulk):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=")
    assert Submission.objects.get().state == State.PENDING
    assert not Decision.objects.exists()


# What a reader wrote is shown as text, never as markup ---------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'


def test_the_review_screen_and_queue_escape_what_the_reader_wrote(moderator_client, drive):
    submission = make_submission(
        drive, Submission.Kind.SCENE_PICK, body=f"Hostile {SCRIPT} case {IMAGE} here.",
        display_name=f"{SCRIPT}{IMAGE}"[:60], scene_name=f"Scene {SCRIPT}",
    )

    for response in (moderator_client.get(review_url(submission)), moderator_client.get(QUEUE_URL)):
        html = response.content.decode()
        assert response.status_code == 200
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script>alert(1)" not in html
        assert "<img src=x onerror" not in html


# Template syntax (and the old page cache's hole markers) in a reader's text is text, nothing more.
LOOKS_LIKE_MARKUP = 'Proof: __C1HOLE:form:1:defense__ then {{ csrf_token }} and {% now "Y" %}, as typed.'


def test_template_syntax_in_an_approved_text_is_shown_verbatim_on_the_review_screen(moderator_client, moderator,
                                                                                      drive):
    submission = make_submission(drive, body=LOOKS_LIKE_MARKUP, display_name="{{ csrf_token }}")
    decide(submission, moderator=moderator, to_state=State.APPROVED)

    response = moderator_client.get(review_url(submission))

    assert response.status_code == 200
    html = response.content.decode()
    assert escape(LOOKS_LIKE_MARKUP) in html  # escaped as typed: the quotes as &quot;, nothing else touched
    page = page_of(response)
    assert page.find("blockquote", class_="review-body").text == LOOKS_LIKE_MARKUP
    assert "By {{ csrf_token }}" in page.find(id="content-main").text
    assert html.count("__C1HOLE:") == 1
    # The screen's own token is in its form, never in the reader's text.
    token = page.find("input", name="csrfmiddlewaretoken").attrs["value"]
    assert token and token not in page.find("blockquote", class_="review-body").text
