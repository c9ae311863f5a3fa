"""Submitters hear back: the thank-you carries a private status link that shows each state in
plain words, and a decision on a submission with an e-mail address sends exactly one message
(through a real SMTP server run by the test)."""

import pytest

from submissions.models import Decision, Submission
from submissions.services import decide
from tests.html import page_of
from tests.submissions.factories import form_data, form_url, make_submission
from tests.submissions.inbox import Inbox

pytestmark = pytest.mark.django_db
State = Submission.State


@pytest.fixture
def smtp_server(settings, tmp_path):
    inbox = Inbox(tmp_path)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": inbox.port}}}
    yield inbox
    inbox.stop()


def status(client, submission):
    response = client.get(submission.get_status_url())
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    return page_of(response).find("p", class_=f"submission-status__state submission-status__state--{submission.state}").text


def test_the_thank_you_links_to_the_submitters_own_status_page(client, drive):
    response = client.post(form_url(drive, "defend"), form_data(drive, "defend"), follow=True)

    submission = Submission.objects.get()
    assert f'href="{submission.get_status_url()}"' in response.content.decode()
    assert len(submission.status_token) >= 40  # unguessable


@pytest.mark.parametrize(("to_state", "featured", "reason", "said"), [
    (None, False, "", "Waiting."),
    (State.APPROVED, False, "", "Published."),
    (State.APPROVED, True, "", "Featured."),
    (State.REJECTED, False, "off_topic", "Not published. It will not be published (off topic)."),
    (State.SPAM, False, "abuse", "Not published."),
])
def test_the_status_page_shows_each_state_in_plain_words(reader, drive, moderator, to_state, featured, reason, said):
    submission = make_submission(drive)
    if to_state:
        submission = decide(submission, moderator=moderator, to_state=to_state, featured=featured, reason=reason)

    assert status(reader, Submission.objects.get(pk=submission.pk)).startswith(said)


def test_a_made_up_status_link_is_a_404(reader, drive):
    assert reader.get("/answers/not-a-token/").status_code == 404


def test_a_decision_mails_the_submitter_exactly_once_after_it_commits(
    drive, moderator, smtp_server, django_capture_on_commit_callbacks
):
    submission = make_submission(drive, email="reader@example.com", display_name="Night driver")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        decide(submission, moderator=moderator, to_state=State.APPROVED)
    for callback in callbacks:  # run again: a retried hook tells nobody twice
        callback()

    assert len(smtp_server.messages) == 1
    [(recipients, message)] = smtp_server.messages
    assert recipients == ["reader@example.com"]
    assert message["Subject"] == "Your answer on Drive: published"
    body = message.get_payload(decode=True).decode()
    assert "Hello Night driver" in body
    assert f"/answers/{submission.status_token}/" in body
    assert Decision.objects.get().mailed_at is not None


def test_a_rejection_mail_gives_the_reason_and_spam_gets_none(drive, moderator, smtp_server,
                                                               django_capture_on_commit_callbacks):
    rejected = make_submission(drive, email="one@example.com", body="One case, long enough to count.")
    spam = make_submission(drive, email="two@example.com", body="Two case, long enough to count.")

    with django_capture_on_commit_callbacks(execute=True):
        decide(rejected, moderator=moderator, to_state=State.REJECTED, reason="spoiler")
        decide(spam, moderator=moderator, to_state=State.SPAM, reason="abuse")

    assert [recipients for recipients, _ in smtp_server.messages] == [["one@example.com"]]
    assert "(gives away too much)" in smtp_server.messages[0][1].get_payload(decode=True).decode()


def test_without_an_address_nothing_is_sent(drive, moderator, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decide(make_submission(drive), moderator=moderator, to_state=State.APPROVED)

    assert smtp_server.messages == []
