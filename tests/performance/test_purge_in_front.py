"""The cache in front (Varnish), from the app's side: which pages it may keep, for how long, and
the purges each change sends it (PURGE_URL). The whole path through a real Varnish:
tests/integration/test_varnish.py.

The purges go to a small real HTTP server that writes down what it receives, as Varnish would."""

import http.server
import io
import socket
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from pagecache.tags import purge_all
from submissions.models import Submission
from submissions.services import decide
from tests.factories import make_film
from tests.submissions.factories import make_submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class PurgeRecorder(http.server.ThreadingHTTPServer):
    """Answers every PURGE with 200 and keeps the tags it was asked to purge."""

    def __init__(self):
        self.purged = []
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802 (the method's name is the HTTP verb)
                recorder.purged.append((self.path, self.headers["xkey-purge"]))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}/"


@pytest.fixture
def varnish_stand_in():
    server = PurgeRecorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def nothing_listens():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/"


def surrogate_max_age(response):
    value = response.get("Surrogate-Control")
    return None if value is None else int(value.removeprefix("max-age="))


def test_with_a_cache_in_front_a_stored_page_may_be_kept_there_as_long_as_here(reader, settings, drive):
    settings.PURGE_URLS = ["http://varnish.invalid/"]

    miss = reader.get(drive.get_absolute_url())
    hit = reader.get(drive.get_absolute_url())

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for response in (miss, hit):
        assert settings.PAGE_CACHE_SECONDS - 5 <= surrogate_max_age(response) <= settings.PAGE_CACHE_SECONDS
        # Browsers still revalidate every time: the lifetime is for the cache in front alone.
        assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "site" in miss[settings.PAGE_CACHE_TAG_HEADER].split(), "purge_all reaches the cache in front"


def test_a_list_is_kept_in_front_no_longer_than_until_the_next_film_goes_live(reader, settings, drive):
    """Nothing is saved, so nothing is purged, when a scheduled film goes live: the catalog's
    copy in front must end by itself."""
    settings.PURGE_URLS = ["http://varnish.invalid/"]

    make_film("Bronson", year=2008, go_live_at=timezone.now() + timedelta(hours=2))

    assert 7200 - 5 <= surrogate_max_age(reader.get("/films/")) <= 7200


def test_without_a_cache_in_front_to_purge_no_page_may_be_kept_there(reader, drive):
    assert settings.PURGE_URLS == []

    for _ in range(2):
        assert "Surrogate-Control" not in reader.get(drive.get_absolute_url())


def test_a_page_rendered_too_close_to_a_change_of_what_it_shows_is_not_kept_in_front(reader, settings, drive):
    """Within the clocks' skew of a change the page may show the old rows, and the purge may
    have come before it was kept: the cache in front must not keep it."""
    settings.PURGE_URLS = ["http://varnish.invalid/"]
    settings.PAGE_CACHE_CLOCK_SKEW = 60
    purge_all()

    response = reader.get(drive.get_absolute_url())

    assert response.status_code == 200
    assert "Surrogate-Control" not in response


@committed
def test_a_decision_purges_its_pages_in_every_cache_in_front_even_if_one_is_down(
        settings, varnish_stand_in, moderator, drive, caplog):
    settings.PURGE_URLS = [nothing_listens(), varnish_stand_in.url]
    defense = make_submission(drive)

    decide(defense, moderator=moderator, to_state=Submission.State.APPROVED)

    assert Submission.objects.get(pk=defense.pk).state == Submission.State.APPROVED
    assert varnish_stand_in.purged == [("/", f"answers-{drive.pk}")]
    assert "was not purged" in caplog.text


def test_purging_the_site_purges_every_page_in_front(settings, varnish_stand_in):
    settings.PURGE_URLS = [varnish_stand_in.url]

    purge_all()

    assert varnish_stand_in.purged == [("/", "site")]


def test_after_a_deploy_purge_pages_empties_this_cache_and_every_one_in_front(reader, settings, drive,
                                                                             varnish_stand_in):
    settings.PURGE_URLS = [varnish_stand_in.url]
    reader.get(drive.get_absolute_url())
    assert reader.get(drive.get_absolute_url())["X-Page-Cache"] == "hit"
    out = io.StringIO()

    call_command("purge_pages", stdout=out)

    assert varnish_stand_in.purged == [("/", "site")]
    assert varnish_stand_in.url in out.getvalue()
    assert reader.get(drive.get_absolute_url())["X-Page-Cache"] == "miss"
