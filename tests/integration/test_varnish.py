"""Varnish in front of the app (deploy/varnish), as readers and the newsroom notice it.

A real varnishd runs the project's VCL in front of a real server for the app (Django's live
server thread, on the test database); every request goes through Varnish. The newsroom's
changes are made the way it makes them (the admin, the moderation service), in this process,
with PURGE_URL pointing at this Varnish: the purges are the app's own.

Skipped when varnishd or its xkey vmod (Debian: varnish, varnish-modules) is not installed.
"""

import gzip
import http.client
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler

from submissions.models import Submission
from submissions.services import decide
from tests.html import parse
from tests.navigation.forms import form_data, form_errors
from tests.submissions.factories import make_submission

VCL_DIR = Path(settings.BASE_DIR) / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd")

pytestmark = [
    pytest.mark.skipif(VARNISHD is None, reason="varnishd is not installed (Debian: apt-get install varnish)"),
    # The changes commit, as in production: purges are sent when their transaction commits.
    # (Serialized rollback brings back the editors' and moderators' groups the migrations made.)
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("page_cache_on"),
]

HOME_URL = "/"


@pytest.fixture(scope="session")
def xkey_vmod(tmp_path_factory):
    """Skip, saying why, when Varnish cannot load vmod xkey (the project's VCL then fails on
    its own, as a test failure)."""
    workdir = tmp_path_factory.mktemp("varnish-check")
    probe = workdir / "xkey.vcl"
    probe.write_text('vcl 4.1;\nimport xkey;\nbackend default none;\n')
    compiled = subprocess.run([VARNISHD, "-j", "none", "-n", str(workdir / "n"), "-C", "-f", str(probe)],
                              capture_output=True, text=True, timeout=60)
    if compiled.returncode != 0:
        pytest.skip("Varnish's vmod xkey is not installed (Debian: apt-get install varnish-modules)")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def cache(self):
        """What Varnish did: HIT, STALE, MISS, PASS (deploy/varnish/default.vcl)."""
        return self.headers["X-Cache"]

    @property
    def page(self):
        return parse(self.body)


class ClosingServer(ThreadedWSGIServer):
    """Django's live server, which also drops its open connections when it stops, as a server
    process that exits does (Varnish keeps connections to its backend open between requests)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.open_connections = set()

    def process_request(self, request, client_address):
        self.open_connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        super().shutdown_request(request)
        self.open_connections.discard(request)

    def server_close(self):
        super().server_close()
        for request in list(self.open_connections):
            try:
                request.shutdown(socket.SHUT_RDWR)
            except OSError:  # closed meanwhile
                pass
        # Their threads end, still sharing the test's database connection, before it is taken back.
        deadline = time.monotonic() + 10
        while self.open_connections and time.monotonic() < deadline:
            time.sleep(0.01)


class AppThread(LiveServerThread):
    server_class = ClosingServer

    def _create_server(self, connections_override=None):
        # The same port again right after a stop: the next test's app is where Varnish looks.
        return self.server_class((self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=True,
                                 connections_override=connections_override)


class App:
    """The app on a port of its own, in a thread of this process (so on the test database, with
    the test's settings), stopped at will."""

    def __init__(self, port):
        # An in-memory SQLite test database is one connection, shared with the server's threads.
        self.shared = {conn.alias: conn for conn in connections.all()
                       if conn.vendor == "sqlite" and conn.is_in_memory_db()}
        for conn in self.shared.values():
            conn.inc_thread_sharing()
        self.thread = AppThread("127.0.0.1", StaticFilesHandler, connections_override=self.shared, port=port)
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        self.running = True
        if self.thread.error:
            self.stop()
            raise self.thread.error

    def stop(self):
        if self.running:
            self.thread.terminate()
            for conn in self.shared.values():
                conn.dec_thread_sharing()
            self.running = False


class Varnish:
    def __init__(self, app_port, workdir):
        self.port = free_port()
        self.workdir = workdir / "n"
        self.log = workdir / "varnishd.log"
        # The project's default.vcl as it is; only the backend is this test's (backend.vcl, found
        # first in vcl_path). The probe looks often, so a stopped app is noticed within a second.
        (workdir / "backend.vcl").write_text(f"""
backend default {{
    .host = "127.0.0.1";
    .port = "{app_port}";
    .probe = {{
        .request = "GET /healthz HTTP/1.1" "Host: 127.0.0.1" "Connection: close";
        .interval = 0.2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }}
}}
""")
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [VARNISHD, "-F", "-j", "none", "-n", str(self.workdir), "-a", f"127.0.0.1:{self.port}",
                 "-f", str(VCL_DIR / "default.vcl"), "-p", f"vcl_path={workdir}:{VCL_DIR}",
                 "-s", "malloc,64m", "-p", "thread_pools=1", "-p", "thread_pool_min=10"],
                stdout=log, stderr=subprocess.STDOUT,
            )
        self._wait_until_listening()

    def _wait_until_listening(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd stopped: {self.log.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"varnishd did not listen in time: {self.log.read_text()}")

    def forget_everything(self):
        """Between tests: nothing kept from the last one (a ban, which expired copies obey too)."""
        subprocess.run(["varnishadm", "-n", str(self.workdir), "ban", "obj.status != 0"],
                       check=True, capture_output=True, timeout=10)

    def wait_until_the_probe_says(self, health):
        deadline = time.monotonic() + 10
        while True:
            listed = subprocess.run(["varnishadm", "-n", str(self.workdir), "backend.list"],
                                    check=True, capture_output=True, text=True, timeout=10).stdout
            if f" {health} " in listed:
                return
            assert time.monotonic() < deadline, f"the probe never said {health}: {listed}"
            time.sleep(0.05)

    def wait_until_the_app_is_healthy(self):
        """The probe has seen the app answer (after a test that stopped it)."""
        deadline = time.monotonic() + 10
        while self.get("/healthz").status != 200:
            assert time.monotonic() < deadline, "Varnish never saw the app healthy"
            time.sleep(0.05)

    def request(self, method, path, headers=None, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()

    def get(self, path, **headers):
        return self.request("GET", path, headers={name.replace("_", "-"): value for name, value in headers.items()})

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def app_port():
    return free_port()


@pytest.fixture(scope="module")
def varnish_process(xkey_vmod, app_port, tmp_path_factory):
    """One varnishd for the module (starting one compiles the VCL: a second or so)."""
    front = Varnish(app_port, tmp_path_factory.mktemp("varnish"))
    yield front
    front.stop()


@pytest.fixture
def app(transactional_db, app_port):
    served = App(app_port)
    yield served
    served.stop()


@pytest.fixture
def varnish(varnish_process, app, settings):
    """Varnish, empty, in front of this test's app, which purges it."""
    varnish_process.forget_everything()
    varnish_process.wait_until_the_app_is_healthy()
    settings.PURGE_URLS = [f"http://127.0.0.1:{varnish_process.port}/"]
    return varnish_process


def read(varnish, url, expected):
    answer = varnish.get(url)
    assert (answer.status, answer.cache) == (200, expected), url
    return answer


def warm(varnish, *urls):
    """Each page read twice through Varnish: asked of the app (MISS), then kept (HIT)."""
    for url in urls:
        read(varnish, url, "MISS")
        read(varnish, url, "HIT")


def logline_on(answer):
    return answer.page.find("p", class_="hero__logline").text


def defenses_on(answer):
    items = answer.page.by_id("defend").find_all("li")
    return [item.find("blockquote").text for item in items if "defense" in item.attrs.get("class", "").split()]


def edit_in_the_admin(editor_client, film, **changes):
    """Post the film's admin change form as the page rendered it, with `changes` typed in."""
    url = f"/admin/films/film/{film.pk}/change/"
    data = form_data(editor_client.get(url))
    data.update({name: [value] for name, value in changes.items()})
    data["_save"] = ["pressed"]
    response = editor_client.post(url, data)
    assert response.status_code == 302, form_errors(response)


# Kept ------------------------------------------------------------------------------------------


def test_a_dossier_read_twice_comes_from_varnish_the_second_time(varnish, two_films):
    _bronson, drive = two_films

    first = read(varnish, drive.get_absolute_url(), "MISS")
    second = read(varnish, drive.get_absolute_url(), "HIT")

    assert second.body == first.body
    assert len(second.headers["X-Varnish"].split()) == 2, "this request's id and the kept copy's"
    # Browsers still revalidate every time; the tags and Varnish's own lifetime stay private.
    assert second.headers["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "xkey" not in second.headers and "Surrogate-Control" not in second.headers
    head = varnish.request("HEAD", drive.get_absolute_url())
    assert (head.status, head.cache, head.body) == (200, "HIT", b"")


def test_other_cookies_are_ignored_on_public_pages(varnish, two_films):
    _bronson, drive = two_films
    warm(varnish, drive.get_absolute_url())

    answer = varnish.get(drive.get_absolute_url(), Cookie="_ga=GA1.2.3; csrftoken=stale")

    assert answer.cache == "HIT"


def test_pages_are_compressed_for_a_client_that_accepts_gzip(varnish, two_films):
    _bronson, drive = two_films
    plain = read(varnish, drive.get_absolute_url(), "MISS")

    packed = varnish.get(drive.get_absolute_url(), Accept_Encoding="gzip, deflate, br")

    assert (packed.status, packed.cache, packed.headers["Content-Encoding"]) == (200, "HIT", "gzip")
    assert gzip.decompress(packed.body) == plain.body
    assert len(packed.body) < len(plain.body) / 3
    assert "Content-Encoding" not in plain.headers, "a client that does not accept gzip gets it unpacked"


# Emptied by the newsroom's changes, and only what they change ----------------------------------


def test_an_edit_in_the_admin_empties_its_film_and_the_lists_alone(varnish, editor_client, two_films):
    bronson, drive = two_films
    warm(varnish, bronson.get_absolute_url(), drive.get_absolute_url(), HOME_URL, "/films/")

    edit_in_the_admin(editor_client, bronson, logline_en="A prisoner turns his sentence into a stage.")

    fresh = read(varnish, bronson.get_absolute_url(), "MISS")
    assert logline_on(fresh) == "A prisoner turns his sentence into a stage."
    assert "A prisoner turns his sentence into a stage." in read(varnish, "/films/", "MISS").body.decode()
    read(varnish, drive.get_absolute_url(), "HIT")
    read(varnish, HOME_URL, "HIT")
    assert logline_on(read(varnish, bronson.get_absolute_url(), "HIT")) == "A prisoner turns his sentence into a stage."


def test_a_moderation_decision_empties_its_dossier_alone(varnish, moderator, two_films):
    bronson, drive = two_films
    defense = make_submission(bronson, body="Hardy plays a man who mistakes fame for a cell with better light.")
    warm(varnish, bronson.get_absolute_url(), drive.get_absolute_url(), HOME_URL)
    assert defenses_on(read(varnish, bronson.get_absolute_url(), "HIT")) == []

    decide(defense, moderator=moderator, to_state=Submission.State.APPROVED)

    assert defenses_on(read(varnish, bronson.get_absolute_url(), "MISS")) == [defense.body]
    read(varnish, drive.get_absolute_url(), "HIT")
    read(varnish, HOME_URL, "HIT")


def test_a_purge_relayed_by_a_proxy_is_refused(varnish, two_films):
    """nginx in front is on a private network too: what it relays comes from a reader."""
    _bronson, drive = two_films
    warm(varnish, drive.get_absolute_url())

    refused = varnish.request("PURGE", "/", headers={"xkey-purge": f"film-{drive.pk}",
                                                      "X-Forwarded-For": "203.0.113.7"})

    assert refused.status == 403
    read(varnish, drive.get_absolute_url(), "HIT")


# The app down --------------------------------------------------------------------------------


def test_with_the_app_down_readers_still_get_the_last_copy(varnish, app, editor_client, two_films):
    bronson, drive = two_films
    warm(varnish, drive.get_absolute_url())

    app.stop()

    read(varnish, drive.get_absolute_url(), "HIT")
    # An editor's change (on another web host) empties the copy: it has expired, yet it is what
    # Varnish can give while the app cannot answer (grace), both before and after its probe
    # notices the app is gone.
    edit_in_the_admin(editor_client, drive, logline_en="Written while the site was down.")
    stale = read(varnish, drive.get_absolute_url(), "STALE")
    assert logline_on(stale) == "A stunt driver moonlights as a getaway driver."
    varnish.wait_until_the_probe_says("sick")
    stale = read(varnish, drive.get_absolute_url(), "STALE")
    assert logline_on(stale) == "A stunt driver moonlights as a getaway driver."
    never_kept = varnish.get(bronson.get_absolute_url())
    assert (never_kept.status, never_kept.headers["Retry-After"]) == (503, "30")
    # A form sent now never reaches the app (whose own 503 shows the text kept): Varnish says
    # that nothing was sent and that the text is still on the page the reader came from.
    posted = varnish.request("POST", f"/films/{drive.slug}/defend/", body="body=Sent+while+the+site+was+down",
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert (posted.status, posted.headers["Retry-After"], posted.headers["Cache-Control"]) == (503, "30", "no-store")
    assert "Nothing was sent" in posted.body.decode()
    assert "what\nyou typed is still in the form there" in posted.body.decode()


# Never kept ------------------------------------------------------------------------------------


def test_admin_pages_and_signed_in_staff_are_never_kept(varnish, editor_client, two_films):
    _bronson, drive = two_films
    warm(varnish, drive.get_absolute_url())
    session = f"{settings.SESSION_COOKIE_NAME}={editor_client.cookies[settings.SESSION_COOKIE_NAME].value}"

    for _ in range(2):
        assert varnish.get("/admin/login/").cache == "PASS"
        assert varnish.get("/admin/", Cookie=session).cache == "PASS"
        staff = varnish.get(drive.get_absolute_url(), Cookie=session)
        assert (staff.status, staff.cache) == (200, "PASS")
        thanked = varnish.get(drive.get_absolute_url(), Cookie=f"{settings.MESSAGES_COOKIE_NAME}=thanks")
        assert thanked.cache == "PASS"
        assert varnish.get("/healthz").cache == "PASS"


def test_a_readers_post_always_reaches_the_app(varnish, two_films):
    _bronson, drive = two_films
    url = f"/films/{drive.slug}/defend/"
    form = {"website": "", "body": "The ending is a quiet promise kept, and the city keeps its secret.",
            "display_name": "Night driver", "email": "", "underrated": Submission.Underrated.ENDING}

    for number in range(2):
        posted = varnish.request("POST", url, body=urlencode(form | {"body": f"{form['body']} ({number})"}),
                                 headers={"Content-Type": "application/x-www-form-urlencoded",
                                          "Sec-Fetch-Site": "same-origin"})
        assert posted.cache == "PASS"
        assert posted.status in (200, 302, 303)

    assert Submission.objects.filter(film=drive).count() == 2
