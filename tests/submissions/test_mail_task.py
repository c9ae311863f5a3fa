"""Submitters' e-mails are sent by a task: after the decision commits, by the worker (the
database backend, as in production), once, and again later when the mail server was down.

A real SMTP server (aiosmtpd, tests.submissions.inbox) and the real worker (`db_worker
--batch`). The decisions really commit (a transactional test), as the worker needs them to.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from films.task_retries import RETRY_DELAYS
from submissions.models import Decision, Submission
from submissions.notify import tell_submitter
from submissions.services import decide
from tests.submissions.factories import make_submission
from tests.submissions.inbox import Inbox, free_port
from tests.tasks import DATABASE_BACKEND, failed, make_due, run_worker, waiting

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
State = Submission.State


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = DATABASE_BACKEND


@pytest.fixture
def smtp_port(settings):
    """Where the site sends mail; whether anything listens there is up to the test."""
    port = free_port()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5}}}
    return port


@pytest.fixture
def inbox(tmp_path, smtp_port):
    server = Inbox(tmp_path, smtp_port)
    yield server
    server.stop()


def mailed_at():
    return Decision.objects.get().mailed_at


def test_the_worker_sends_the_decision_once_and_the_moderator_never_waits_for_it(drive, moderator, inbox):
    submission = make_submission(drive, email="reader@example.com", display_name="Night driver")

    decide(submission, moderator=moderator, to_state=State.APPROVED)

    assert inbox.messages == [], "the moderator's request sends nothing itself"
    assert waiting("tell_submitter") == [("tell_submitter", None)]

    run_worker()

    [(recipients, message)] = inbox.messages
    assert recipients == ["reader@example.com"]
    assert message["Subject"] == "Your answer on Drive: published"
    assert mailed_at() is not None
    assert waiting("tell_submitter") == []

    # The same decision's task run again (a worker that died before recording its result): no second mail.
    tell_submitter.enqueue(Decision.objects.get().pk)
    run_worker()
    assert len(inbox.messages) == 1


def test_a_mail_server_that_was_down_gets_the_message_on_a_later_attempt(drive, moderator, tmp_path, smtp_port):
    submission = make_submission(drive, email="reader@example.com")
    decide(submission, moderator=moderator, to_state=State.REJECTED, reason="spoiler")
    before = timezone.now()

    run_worker()  # nothing listens on the port: the first attempt fails

    assert failed("tell_submitter") == ["tell_submitter"]
    assert mailed_at() is None, "not told, so not marked as told"
    [(task, run_after)] = waiting("tell_submitter")
    assert task == "tell_submitter"
    assert before + timedelta(seconds=RETRY_DELAYS[0] - 1) < run_after, "retried later, not at once"

    run_worker()  # not due yet: nothing happens
    assert failed("tell_submitter") == ["tell_submitter"] and len(waiting("tell_submitter")) == 1

    inbox = Inbox(tmp_path, smtp_port)  # the mail server is back
    try:
        make_due()
        run_worker()

        [(recipients, message)] = inbox.messages
        assert recipients == ["reader@example.com"]
        assert "(gives away too much)" in message.get_payload(decode=True).decode()
        assert mailed_at() is not None
        assert waiting("tell_submitter") == []
    finally:
        inbox.stop()


def test_it_gives_up_after_its_last_attempt(drive, moderator, smtp_port):
    decide(make_submission(drive, email="reader@example.com"), moderator=moderator, to_state=State.APPROVED)

    for _ in range(len(RETRY_DELAYS) + 2):
        make_due()
        run_worker()

    assert failed("tell_submitter") == ["tell_submitter"] * (len(RETRY_DELAYS) + 1)
    assert waiting("tell_submitter") == []
    assert mailed_at() is None


def test_a_decision_rolled_back_enqueues_nothing(drive, moderator, inbox):
    submission = make_submission(drive, email="reader@example.com")

    with pytest.raises(ZeroDivisionError), transaction.atomic():
        decide(submission, moderator=moderator, to_state=State.APPROVED)
        1 / 0

    assert waiting("tell_submitter") == []
    assert Submission.objects.get().state == State.PENDING
