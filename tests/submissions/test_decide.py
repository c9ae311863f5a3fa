"""Deciding a submission: one path for every state change, each recorded, and a race has one winner."""

import threading

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction

from pagecache import tags
from submissions.models import Decision, Submission
from submissions.services import AlreadyDecided, NothingToDecide, decide
from tests.factories import make_film
from tests.submissions.factories import make_submission

State = Submission.State


@pytest.mark.django_db
def test_pending_to_approved_to_featured_records_each_step(drive, moderator):
    submission = make_submission(drive)

    decide(submission, moderator=moderator, to_state=State.APPROVED, note="Sharp.")
    decide(submission, moderator=moderator, to_state=State.APPROVED, featured=True, note="Best of the week.")

    submission.refresh_from_db()
    assert (submission.state, submission.is_featured) == (State.APPROVED, True)
    assert submission.decided_at is not None
    steps = list(
        submission.decisions.order_by("pk").values_list("moderator", "from_state", "to_state", "featured", "note")
    )
    assert steps == [
        (moderator.pk, State.PENDING, State.APPROVED, False, "Sharp."),
        (moderator.pk, State.APPROVED, State.APPROVED, True, "Best of the week."),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("to_state", [State.APPROVED, State.REJECTED, State.SPAM])
def test_every_decision_creates_one_decision_row(drive, moderator, to_state):
    submission = make_submission(drive)

    decide(submission, moderator=moderator, to_state=to_state, note="Read twice.")

    assert Submission.objects.get().state == to_state
    decision = Decision.objects.get()
    assert (decision.submission, decision.moderator, decision.from_state, decision.to_state, decision.note) == (
        submission, moderator, State.PENDING, to_state, "Read twice.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("to_state", [State.REJECTED, State.SPAM, State.PENDING])
def test_only_an_approved_submission_stays_featured(drive, moderator, to_state):
    submission = make_submission(drive, state=State.APPROVED, is_featured=True)

    decide(submission, moderator=moderator, to_state=to_state, featured=True)

    submission.refresh_from_db()
    assert (submission.state, submission.is_featured) == (to_state, False)


@pytest.mark.django_db
def test_a_decision_that_changes_nothing_is_refused_and_not_recorded(drive, moderator):
    submission = make_submission(drive, state=State.APPROVED)

    with pytest.raises(NothingToDecide):
        decide(submission, moderator=moderator, to_state=State.APPROVED)

    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_deciding_on_a_stale_copy_raises_already_decided_and_changes_nothing(drive, moderator):
    seen = make_submission(drive)
    decide(Submission.objects.get(pk=seen.pk), moderator=moderator, to_state=State.SPAM)

    with pytest.raises(AlreadyDecided) as raised:
        decide(seen, moderator=moderator, to_state=State.APPROVED)

    assert raised.value.submission.state == State.SPAM
    assert Submission.objects.get().state == State.SPAM
    assert Decision.objects.count() == 1


@pytest.mark.django_db
def test_the_public_queryset_is_approved_only(drive):
    for state in State:
        make_submission(drive, state=state, body=f"A case that was {state}.")

    assert list(Submission.objects.public().values_list("state", flat=True)) == [State.APPROVED]


# What a decision empties in the page cache: the film's approved answers (pagecache.tags) --------


def answers_marked(film):
    """When the pages showing the film's approved answers were last invalidated (None: never)."""
    return tags.store().get(tags.tag_key(tags.answers(film.pk)))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("from_state", "was_featured", "to_state", "featured"),
    [
        (State.PENDING, False, State.APPROVED, False),  # an answer joins the page
        (State.PENDING, False, State.APPROVED, True),
        (State.APPROVED, False, State.APPROVED, True),  # it moves to the front
        (State.APPROVED, True, State.APPROVED, False),
        (State.APPROVED, False, State.REJECTED, False),  # it leaves the page
        (State.APPROVED, True, State.SPAM, False),
        (State.APPROVED, False, State.PENDING, False),
    ],
)
def test_a_decision_that_changes_the_approved_answers_invalidates_the_films_answers_once_committed(
    drive, thief, moderator, django_capture_on_commit_callbacks, from_state, was_featured, to_state, featured
):
    submission = make_submission(drive, state=from_state, is_featured=was_featured)

    with django_capture_on_commit_callbacks(execute=True):
        decide(submission, moderator=moderator, to_state=to_state, featured=featured)
        assert answers_marked(drive) is None, "invalidated before the decision was committed"

    assert answers_marked(drive) is not None
    assert answers_marked(thief) is None, "another film's answers were invalidated"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("from_state", "to_state"),
    [(State.PENDING, State.REJECTED), (State.PENDING, State.SPAM), (State.REJECTED, State.SPAM),
     (State.SPAM, State.PENDING)],
)
def test_a_decision_readers_never_see_invalidates_nothing(
    drive, moderator, django_capture_on_commit_callbacks, from_state, to_state
):
    submission = make_submission(drive, state=from_state)

    with django_capture_on_commit_callbacks(execute=True):
        decide(submission, moderator=moderator, to_state=to_state)

    assert answers_marked(drive) is None


@pytest.mark.django_db
def test_a_decision_rolled_back_invalidates_nothing(drive, moderator, django_capture_on_commit_callbacks):
    submission = make_submission(drive)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        decide(submission, moderator=moderator, to_state=State.APPROVED)
        raise RuntimeError("something later in the same transaction failed")

    assert answers_marked(drive) is None
    assert Submission.objects.get().state == State.PENDING
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_a_decision_that_lost_the_race_invalidates_nothing(drive, moderator, django_capture_on_commit_callbacks):
    seen = make_submission(drive)
    Submission.objects.filter(pk=seen.pk).update(state=State.REJECTED)  # another moderator, meanwhile

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(AlreadyDecided):
        decide(seen, moderator=moderator, to_state=State.APPROVED)

    assert answers_marked(drive) is None


# Two moderators at once (PostgreSQL: real row locks between real connections) ---------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent connections (PostgreSQL)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_moderators_deciding_at_once_have_exactly_one_winner():
    film = make_film("Drive")
    pk = make_submission(film).pk
    moderators = {
        State.APPROVED: User.objects.create_user("approver", is_staff=True),
        State.SPAM: User.objects.create_user("spam-marker", is_staff=True),
    }
    both_loaded = threading.Barrier(len(moderators), timeout=10)
    outcomes = {}

    def moderate(to_state):
        try:
            seen = Submission.objects.get(pk=pk)
            both_loaded.wait()
            decide(seen, moderator=moderators[to_state], to_state=to_state, note=f"Said {to_state}.")
            outcomes[to_state] = "won"
        except AlreadyDecided as lost:
            outcomes[to_state] = ("lost", lost.submission.state)
        except Exception as error:  # surfaced by the assertion below
            outcomes[to_state] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=moderate, args=(to_state,)) for to_state in moderators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes, key=str) == sorted(moderators, key=str), outcomes
    winners = [to_state for to_state, outcome in outcomes.items() if outcome == "won"]
    losers = [outcome for outcome in outcomes.values() if outcome != "won"]
    assert len(winners) == 1, outcomes
    [winner] = winners
    assert losers == [("lost", winner)], outcomes
    submission = Submission.objects.get(pk=pk)
    assert submission.state == winner
    decision = Decision.objects.get()
    assert (decision.to_state, decision.moderator) == (winner, moderators[winner])
