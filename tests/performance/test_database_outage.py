"""While the database cannot be reached: stored pages are still served, other pages answer a styled
503 asking to retry, a reader's form keeps what they typed, and /readyz names the database.

The outage is real: the site's connection is closed and pointed at a port on which nothing
listens, so every attempt to reach the database is refused by the operating system, as when the
server is down. (PostgreSQL only: SQLite is a file, it cannot be unreachable.)
"""

import json
import socket
from contextlib import contextmanager

import pytest
from django.conf import settings as site_settings
from django.db import OperationalError, connection, connections

from submissions.models import Submission
from tests.html import page_of

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="a database outage needs a database server to lose (PostgreSQL); SQLite is a local file",
    ),
    # Real connections, closed and reopened: no test transaction to lose with them. (Serialized
    # rollback brings back what the migrations made, for the tests after these.)
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("page_cache_on"),
]

HOME_URL = "/"
CATALOG_URL = "/films/"
READER_TEXT = "The ending is a promise kept: he drives on, wounded, and the city never learns his name."


@contextmanager
def database_unreachable():
    """The site's database connection refused for the duration, then as it was."""
    database = connections["default"]
    saved = {key: database.settings_dict[key] for key in ("HOST", "PORT")}
    with socket.socket() as nobody_listens:
        nobody_listens.bind(("127.0.0.1", 0))  # bound, never listening: connections to it are refused
        database.close()
        database.settings_dict.update(HOST="127.0.0.1", PORT=str(nobody_listens.getsockname()[1]))
        try:
            yield
        finally:
            database.close()
            database.settings_dict.update(saved)
    database.ensure_connection()  # the test database is reachable again (for its teardown too)


def warm(client, url):
    for expected in ("miss", "hit"):
        response = client.get(url)
        assert (response.status_code, response.get("X-Page-Cache")) == (200, expected), url


def test_the_outage_is_real(drive):
    with database_unreachable(), pytest.raises(OperationalError):
        connection.ensure_connection()
    assert connection.is_usable()


def test_a_stored_dossier_is_still_served_while_the_database_is_down(reader, visitor, drive):
    url = drive.get_absolute_url()
    warm(reader, url)

    with database_unreachable():
        for client in (reader, visitor):
            response = client.get(url)
            assert (response.status_code, response["X-Page-Cache"]) == (200, "hit")
            page = page_of(response)
            assert page.find("h1").text == "Drive"
            assert page.by_id("defend").find("form") is not None
            assert response["Content-Security-Policy"] and response["ETag"]


@pytest.mark.parametrize("page_cache", ["on", "off"])
@pytest.mark.parametrize("url", [HOME_URL, CATALOG_URL, "dossier"])
def test_a_page_not_stored_answers_503_with_retry_after_and_the_styled_page(reader, drive, settings, url,
                                                                            page_cache):
    settings.PAGE_CACHE = page_cache == "on"
    url = drive.get_absolute_url() if url == "dossier" else url

    with database_unreachable():
        response = reader.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert "X-Page-Cache" not in response
    page = page_of(response)
    assert page.find("h1").text == "Between reels."
    assert page.find("link", rel="stylesheet") is not None, "the site's own styles, not a bare error"
    assert page.find("a", class_="button").attrs["href"] == "/"
    assert response["Content-Security-Policy"], "the security headers of any page"
    assert reader.get(url).status_code == 200, "back as soon as the database answers"


def test_a_reader_form_sent_while_the_database_is_down_answers_503_and_keeps_the_text(reader, visitor, drive):
    url = drive.get_absolute_url()
    warm(reader, url)

    with database_unreachable():
        page = page_of(visitor.get(url))  # the stored dossier, with its forms
        form = page.by_id("defend").find("form")
        response = visitor.post(
            form.attrs["action"],
            {
                "website": "",
                "underrated": Submission.Underrated.ENDING,
                "body": READER_TEXT,
                "display_name": "Night driver",
                "email": "reader@example.com",
            },
        )

    assert response.status_code == 503
    assert response["Retry-After"] == str(site_settings.RETRY_AFTER_SECONDS)
    assert "X-Page-Cache" not in response
    answered = page_of(response)
    assert "nothing was sent, and your text is kept below" in answered.find("div", class_="form-notice").text
    assert answered.find("textarea", name="body").text == READER_TEXT
    assert answered.find("input", name="display_name").attrs["value"] == "Night driver"
    radios = answered.find_all("input", name="underrated")
    checked = [radio.attrs["value"] for radio in radios if "checked" in radio.attrs]
    assert checked == [Submission.Underrated.ENDING]
    assert not Submission.objects.exists(), "nothing was queued"


def test_readyz_answers_503_naming_the_database_while_healthz_stays_200(reader):
    with database_unreachable():
        ready = reader.get("/readyz")
        alive = reader.get("/healthz")

    assert ready.status_code == 503
    assert json.loads(ready.content) == {
        "ready": False,
        "database": "failing: OperationalError",
        "migrations": "unknown: the database cannot be reached",
        "cache": "ok",
    }
    assert ready["Cache-Control"] == "no-store"
    assert "X-Page-Cache" not in ready
    assert alive.status_code == 200, "the process is alive: restarting it would not bring the database back"
    assert reader.get("/readyz").status_code == 200, "ready again once the database answers"
