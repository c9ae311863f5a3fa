"""The per-client rate limit: past it, a readable 429 with the text kept; a new window lets the reader in."""

import pytest
from django.utils.html import escape

from submissions.models import Submission
from tests.html import page_of
from tests.submissions.factories import FORM_PAGES, READER_TEXT, form_data, form_url, what_the_form_sends

pytestmark = pytest.mark.django_db

LIMIT = 3
WINDOW = 600


@pytest.fixture
def small_limit(settings):
    settings.SUBMISSION_RATE_LIMIT = LIMIT
    settings.SUBMISSION_RATE_WINDOW = WINDOW


def send(client, film, anchor, n, **extra):
    """The reader's n-th post: a different case each time, so none is a duplicate."""
    return client.post(form_url(film, anchor), form_data(film, anchor, body=f"{READER_TEXT} Take {n}."), **extra)


@pytest.mark.parametrize("anchor", list(FORM_PAGES))
def test_past_the_limit_a_post_gets_a_readable_429_with_the_text_kept(
    client, drive, controlled_clock, small_limit, anchor
):
    for n in range(1, LIMIT + 1):
        assert send(client, drive, anchor, n).status_code == 302
    assert Submission.objects.count() == LIMIT

    response = send(client, drive, anchor, LIMIT + 1)

    assert response.status_code == 429
    assert Submission.objects.count() == LIMIT
    page = page_of(response)
    assert len(page.find_all("h1")) == 1
    assert escape(f"{READER_TEXT} Take {LIMIT + 1}.") in response.content.decode()
    assert "your text is kept" in page.find(role="alert").text
    retry_after = int(response["Retry-After"])
    assert 0 < retry_after <= WINDOW + 1


def test_a_new_window_lets_the_reader_send_the_kept_form_again(client, drive, controlled_clock, small_limit):
    for n in range(1, LIMIT + 2):
        send(client, drive, "defend", n)
    blocked = send(client, drive, "defend", LIMIT + 2)
    assert blocked.status_code == 429
    kept = page_of(blocked).find("form", action=form_url(drive, "defend"))

    controlled_clock.advance(int(blocked["Retry-After"]))
    response = client.post(form_url(drive, "defend"), what_the_form_sends(kept))

    assert response.status_code == 302
    assert Submission.objects.filter(body__endswith=f"Take {LIMIT + 2}.").exists()
    assert Submission.objects.count() == LIMIT + 1


def test_within_the_window_the_limit_holds_however_long_the_reader_waits(client, drive, controlled_clock, small_limit):
    for n in range(1, LIMIT + 1):
        send(client, drive, "defend", n)
    controlled_clock.advance(WINDOW - 1)

    assert send(client, drive, "defend", LIMIT + 1).status_code == 429


def test_the_limit_counts_every_form_together(client, drive, controlled_clock, small_limit):
    for n, anchor in enumerate(FORM_PAGES, start=1):
        assert send(client, drive, anchor, n).status_code == 302

    assert send(client, drive, "defend", LIMIT + 1).status_code == 429
    assert Submission.objects.count() == LIMIT


def test_the_limit_is_per_client(client, drive, controlled_clock, small_limit):
    for n in range(1, LIMIT + 1):
        send(client, drive, "defend", n, REMOTE_ADDR="203.0.113.1")
    assert send(client, drive, "defend", LIMIT + 1, REMOTE_ADDR="203.0.113.1").status_code == 429

    response = send(client, drive, "defend", LIMIT + 1, REMOTE_ADDR="203.0.113.2")

    assert response.status_code == 302
    assert Submission.objects.count() == LIMIT + 1


def test_refused_posts_count_towards_the_limit(client, drive, controlled_clock, small_limit):
    for n in range(1, LIMIT + 1):
        assert client.post(form_url(drive, "defend"), form_data(drive, "defend", website="spam")).status_code == 400

    assert send(client, drive, "defend", LIMIT + 1).status_code == 429
    assert Submission.objects.count() == 0
