"""Admin sign-in is throttled (django-axes): after six wrong passwords for one account from one
address, that pair is locked out for the cool-off with a page that says so, the right password
included, and staff can read the attempts in the admin."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a long and proper passphrase"


@pytest.fixture
def editor_account(db):
    return User.objects.create_user("editor-in-chief", password=PASSWORD, is_staff=True, is_superuser=True)


def sign_in(password, *, username="editor-in-chief", address="203.0.113.7"):
    client = Client(REMOTE_ADDR=address)
    return client, client.post(LOGIN, {"username": username, "password": password})


def fail(times, **kwargs):
    return [sign_in(f"wrong guess {n}", **kwargs)[1] for n in range(times)]


def test_the_limit_is_six():
    assert settings.AXES_FAILURE_LIMIT == 6


def test_five_wrong_passwords_then_the_right_one_signs_in(editor_account):
    assert [response.status_code for response in fail(5)] == [200] * 5  # the form again, with its error

    client, response = sign_in(PASSWORD)

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_sixth_wrong_password_locks_the_account_out_with_a_message(editor_account):
    *first, sixth = fail(6)

    assert [response.status_code for response in first] == [200] * 5
    assert sixth.status_code == 429
    page = sixth.content.decode()
    assert "Sign-in paused" in page
    assert "6 wrong passwords" in page
    assert "editor-in-chief" in page
    assert "15 minutes" in page


def test_during_the_lockout_the_right_password_is_refused(editor_account):
    fail(6)

    client, response = sign_in(PASSWORD)

    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still not signed in: sent to the login page


def test_after_the_cool_off_the_right_password_works_again(editor_account):
    fail(6)
    # The attempts were made a cool-off ago (Axes compares their time with now).
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - settings.AXES_COOLOFF_TIME
                                 - timedelta(seconds=1))

    client, response = sign_in(PASSWORD)

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_lockout_is_for_that_account_from_that_address(editor_account):
    User.objects.create_user("moderator", password=PASSWORD, is_staff=True)
    fail(6)

    assert sign_in(PASSWORD, address="198.51.100.20")[1].status_code == 302  # the editor, elsewhere
    assert sign_in(PASSWORD, username="moderator")[1].status_code == 302  # a colleague, same office


def test_a_forged_forwarded_header_does_not_dodge_the_lockout(editor_account):
    for n in range(6):
        client = Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        client.post(LOGIN, {"username": "editor-in-chief", "password": "wrong"})

    assert sign_in(PASSWORD)[1].status_code == 429


def test_staff_can_read_the_failed_attempts_in_the_admin(editor_account):
    fail(3)
    client, _ = sign_in(PASSWORD, address="198.51.100.20")

    response = client.get("/admin/axes/accessfailurelog/")

    assert response.status_code == 200
    assert response.content.decode().count("203.0.113.7") >= 3
