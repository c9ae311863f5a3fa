"""The queue worked by several moderators: rows open the decision screen, "next" hands each item
to one moderator and skips what they skipped, bulk actions never overwrite a newer decision, and
rejections carry a reason."""

import threading

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User
from django.db import connection

from editorial.roles import MODERATORS
from submissions.models import Decision, Submission
from submissions.services import decide
from tests.clients import browser
from tests.html import page_of
from tests.submissions.factories import make_submission

pytestmark = pytest.mark.django_db

QUEUE_URL = "/admin/submissions/submission/"
NEXT_URL = "/admin/submissions/submission/review/next/"
State = Submission.State


def another_moderator(name="second-moderator"):
    user = User.objects.create_user(name, is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def signed_in(user):
    client = browser()
    client.force_login(user)
    return client


def review_url(submission):
    return f"/admin/submissions/submission/{submission.pk}/review/"


def test_each_queue_row_opens_its_decision_screen(moderator_client, drive):
    submission = make_submission(drive)

    page = page_of(moderator_client.get(QUEUE_URL))

    row_links = [link.attrs["href"] for link in page.by_id("result_list").find("tbody").find_all("a")]
    assert review_url(submission) in row_links
    assert f"/admin/submissions/submission/{submission.pk}/change/" not in row_links
    screen = moderator_client.get(review_url(submission))
    assert screen.status_code == 200
    assert 'value="approve"' in screen.content.decode()


def test_next_gives_two_moderators_different_items(moderator_client, drive):
    older, newer = make_submission(drive, body="The older case, long enough."), make_submission(drive, body="The newer case, long enough.")
    second = signed_in(another_moderator())

    first_item = moderator_client.get(NEXT_URL)["Location"]
    second_item = second.get(NEXT_URL)["Location"]

    assert {first_item, second_item} == {review_url(older), review_url(newer)}


def test_an_item_open_with_another_moderator_says_so(moderator_client, drive):
    submission = make_submission(drive)
    moderator_client.get(NEXT_URL)
    second = signed_in(another_moderator())

    page = second.get(review_url(submission)).content.decode()

    assert "moderator has this open right now" in page


def test_a_skipped_item_is_not_offered_again_to_who_skipped_it(moderator_client, drive):
    hard, easy = make_submission(drive, body="Hard to decide, long enough."), make_submission(drive, body="Easy to decide, long enough.")
    assert moderator_client.get(NEXT_URL)["Location"] == review_url(hard)

    skipped = moderator_client.post(review_url(hard), {"skip": "1"})

    assert skipped["Location"] == NEXT_URL
    assert moderator_client.get(NEXT_URL)["Location"] == review_url(easy)
    assert Submission.objects.get(pk=hard.pk).state == State.PENDING
    # Another moderator is still offered it.
    assert signed_in(another_moderator()).get(NEXT_URL)["Location"] == review_url(hard)


def test_a_stale_bulk_action_decides_none_of_what_another_moderator_decided_and_says_so(
    moderator_client, moderator, drive
):
    submissions = [make_submission(drive, body=f"Case number {n}, long enough to count.") for n in range(4)]
    listed = page_of(moderator_client.get(QUEUE_URL))
    listed_at = listed.find("input", name="listed_at").attrs["value"]
    other = another_moderator()
    decide(submissions[0], moderator=other, to_state=State.APPROVED)  # meanwhile
    decide(submissions[1], moderator=other, to_state=State.SPAM)

    response = moderator_client.post(QUEUE_URL, {
        "action": "reject_selected", ACTION_CHECKBOX_NAME: [s.pk for s in submissions], "index": 0,
        "listed_at": listed_at, "reason": "off_topic", "note": "Not about the film.",
    }, follow=True)

    states = [Submission.objects.get(pk=s.pk).state for s in submissions]
    assert states == [State.APPROVED, State.SPAM, State.REJECTED, State.REJECTED]
    messages = [str(m) for m in response.context["messages"]]
    assert "Rejected: 2." in messages
    assert any(m.startswith("Skipped 2: another moderator decided them after you loaded this list") for m in messages)
    decisions = Decision.objects.filter(moderator=moderator)
    assert {(d.reason, d.note) for d in decisions} == {("off_topic", "Not about the film.")}


def test_a_rejection_on_the_decision_screen_keeps_its_reason(moderator_client, drive):
    submission = make_submission(drive)

    moderator_client.post(review_url(submission), {
        "decision": "reject", "seen_state": "pending", "seen_featured": "0", "reason": "spoiler", "note": "",
    })

    assert Decision.objects.get().reason == Decision.Reason.SPOILER


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent connections (PostgreSQL)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_moderators_pressing_next_at_the_same_instant_get_different_items(drive):
    for n in range(5):
        make_submission(drive, body=f"Case number {n}, long enough to count.")
    clients = [signed_in(another_moderator(f"moderator-{n}")) for n in range(2)]
    start = threading.Barrier(2, timeout=10)
    landed = {}

    def press_next(n):
        try:
            start.wait()
            landed[n] = clients[n].get(NEXT_URL)["Location"]
        finally:
            connection.close()

    threads = [threading.Thread(target=press_next, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(landed) == 2 and landed[0] != landed[1], landed
