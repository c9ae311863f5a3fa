"""The rate limit and the duplicate check hold across processes and at the same instant
(PostgreSQL: real servers and real concurrent connections on one test database)."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from submissions.models import Submission
from tests.clients import browser
from tests.factories import make_full_dossier
from tests.submissions.factories import form_data, form_url

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database server shared by processes (PostgreSQL)"),
    pytest.mark.django_db(transaction=True),
]

PROJECT = Path(__file__).resolve().parents[2]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Server:
    """A gunicorn of its own on the test database, with the default settings otherwise."""

    def __init__(self, tmp_path, name):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        environment = {
            key: value for key, value in os.environ.items()
            if key not in ("DJANGO_SETTINGS_MODULE", "RATE_LIMIT_CACHE_URL", "CACHE_URL")
        }
        environment.update(
            DATABASE_URL=_database_url(),
            CACHE_DIR=str(tmp_path / "cache"),  # shared by both, as on one host
            MEDIA_ROOT=str(tmp_path / "media"),
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            GUNICORN_WORKERS="1",
            GUNICORN_ACCESS_LOG="",
        )
        self.log = open(tmp_path / f"{name}.log", "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "cinemaone.wsgi"],
            cwd=PROJECT, env=environment, stdout=self.log, stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/readyz", timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError):
                assert self.process.poll() is None, f"gunicorn exited: see {self.log.name}"
                time.sleep(0.2)
        raise AssertionError(f"gunicorn on port {self.port} did not come up: see {self.log.name}")

    def get(self, path):
        with urllib.request.urlopen(f"{self.base}{path}", timeout=10) as response:
            return response.status

    def post(self, path, data):
        request = urllib.request.Request(
            f"{self.base}{path}", data=urllib.parse.urlencode(data).encode(), method="POST",
            headers={"Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded"},
        )
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as refused:
            return refused.code

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def two_servers(tmp_path):
    servers = [Server(tmp_path, "first"), Server(tmp_path, "second")]
    try:
        for server in servers:
            server.wait_until_ready()
        yield servers
    finally:
        for server in servers:
            server.stop()


def _wait_for_a_fresh_window(needed_seconds=90):
    # The count starts again with each window: begin far enough from its end that the
    # whole test falls inside one.
    window = settings.SUBMISSION_RATE_WINDOW
    left = window - time.time() % window
    if left < needed_seconds:
        time.sleep(left + 1)


def test_two_processes_share_one_count_and_distinct_urls_between_posts_change_nothing(two_servers):
    drive = make_full_dossier("Drive")
    _wait_for_a_fresh_window()
    limit = settings.SUBMISSION_RATE_LIMIT
    answers = []
    for post in range(limit + 1):
        server = two_servers[post % 2]
        body = f"Post number {post}: the elevator scene is the whole film in one take."
        answers.append(server.post(form_url(drive, "defend"), form_data(drive, "defend", body=body)))
        for n in range(2000 // limit):  # 2,000 distinct addresses in all, spread over both
            assert two_servers[n % 2].get(f"/films/drive/?utm={post * 1000 + n}") == 200

    assert answers == [302] * limit + [429]
    assert Submission.objects.count() == limit


def test_identical_posts_at_the_same_instant_store_one_row_and_thank_both_readers():
    drive = make_full_dossier("Drive")
    pairs = 100
    answers = {}

    def send(pair, side, start):
        try:
            # Each pair is one reader (one address) sending the same text twice at once.
            reader = browser(REMOTE_ADDR=f"10.1.{pair // 200}.{pair % 200 + 1}")
            start.wait()
            body = f"Pair {pair}: nobody in the film says what the scorpion means, and it never has to."
            answers[pair, side] = reader.post(form_url(drive, "defend"), form_data(drive, "defend", body=body)).status_code
        except Exception as error:  # surfaced by the assertion below
            answers[pair, side] = error
        finally:
            connection.close()

    for pair in range(pairs):
        start = threading.Barrier(2, timeout=10)
        threads = [threading.Thread(target=send, args=(pair, side, start)) for side in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    assert set(answers.values()) == {302}, {key: value for key, value in answers.items() if value != 302}
    assert len(answers) == 2 * pairs
    assert Submission.objects.count() == pairs
