"""The bounded load of `make faults`: a few reader threads and a few submitter threads, each on a
keep-alive connection to the front door, every request recorded (when, what, how it was answered).

Readers GET public pages; the last reader thread adds a query string no one sent before, which
the app ignores (pagecache.middleware.reads_query) but Varnish has never stored, so its requests
reach the app and its own page cache (Redis) as the long tail of a catalog does. Submitters
POST the defense form, each with a marker no other post carries, so the database can be asked
afterwards which acknowledged posts it kept. A post is acknowledged when the app answers it as
it answers a good one: a redirect back to the dossier's form (submissions.views); every other
answer tells the reader it was not taken.
"""

import http.client
import itertools
import os
import random
import re
import sys
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode

TIMEOUT = 45  # longer than nginx's proxy_read_timeout (35 s): the front door's answer is what we see


@dataclass
class Record:
    kind: str  # "reader" or "submission"
    path: str
    started: float
    ended: float
    status: int | None  # None: no HTTP answer (connection refused, reset, timed out)
    error: str = ""
    cached: str = ""  # "varnish" or "app" for a page served from a cache
    marker: str = ""
    acknowledged: bool = False


def varnish_hit(headers):
    """Served from Varnish's storage: deploy/varnish/default.vcl says X-Cache HIT (fresh) or STALE
    (kept past its life because the app cannot answer); any VCL: X-Varnish names two transactions
    on a hit (this one and the one that stored the object)."""
    if headers.get("X-Cache"):
        return headers["X-Cache"] in ("HIT", "STALE")
    return len((headers.get("X-Varnish") or "").split()) == 2


def describe_error(response, content):
    if response.status < 400:
        return ""
    title = re.search(rb"<title>\s*(.*?)\s*</title>", content, re.DOTALL | re.IGNORECASE)
    text = title.group(1).decode(errors="replace") if title else content[:60].decode(errors="replace").strip()
    return f"X-Cache {response.getheader('X-Cache') or '-'}: {' '.join(text.split())[:80]}"


def body_for(marker):
    return (f"Fault suite submission {marker}: the film's second half earns its ending, "
            "and the argument for it deserves a hearing.")


class Load:
    def __init__(self, port, reader_paths, form_paths, run_id, readers=3, submitters=2,
                 reader_pause=0.05, submitter_pause=0.25, host="127.0.0.1"):
        self.port, self.host = port, host
        self.reader_paths, self.form_paths = reader_paths, form_paths
        self.run_id = run_id
        self.readers, self.submitters = readers, submitters
        self.reader_pause, self.submitter_pause = reader_pause, submitter_pause
        self.records = []
        self.lock = threading.Lock()
        self.numbers = itertools.count(1)
        self.running = threading.Event()
        self.threads = []
        self.label = ""

    def start(self, label):
        self.label = label
        self.records = []
        self.running.set()
        self.threads = [threading.Thread(target=self._reader, args=(index,), daemon=True)
                        for index in range(self.readers)]
        self.threads += [threading.Thread(target=self._submitter, args=(index,), daemon=True)
                         for index in range(self.submitters)]
        for thread in self.threads:
            thread.start()

    def stop(self):
        """Stop sending; wait for the requests in flight to be answered. Returns this round's records."""
        self.running.clear()
        for thread in self.threads:
            thread.join(timeout=TIMEOUT + 5)
        with self.lock:
            return list(self.records)

    def _keep(self, record):
        with self.lock:
            self.records.append(record)

    def _request(self, connection, method, path, body=None, headers=None):
        """(connection, status, headers, error): a fresh connection after any failure. For an error
        status, `error` says who answered (deploy/varnish/default.vcl's X-Cache: SYNTH is Varnish's
        own page, MISS or PASS the app's) and the page's title."""
        if connection is None:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            content = response.read()
            answer = (response.status, response.headers, describe_error(response, content))
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None
            return connection, *answer
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            return None, None, {}, f"{type(error).__name__}: {error}"

    def _reader(self, index):
        randomness = random.Random(index)
        connection = None
        past_varnish = index == self.readers - 1 and self.readers > 1
        while self.running.is_set():
            path = randomness.choice(self.reader_paths)
            if past_varnish:
                path += f"?fx={self.run_id}-{next(self.numbers)}"
            started = time.time()
            connection, status, headers, error = self._request(connection, "GET", path)
            cached = "varnish" if status and varnish_hit(headers) else (
                "app" if status and headers.get("X-Page-Cache") == "hit" else "")
            self._keep(Record("reader", path, started, time.time(), status, error, cached))
            time.sleep(self.reader_pause if status else 0.2)  # no hammering of a refused port
        if connection:
            connection.close()

    def _submitter(self, index):
        randomness = random.Random(1000 + index)
        connection = None
        while self.running.is_set():
            path = randomness.choice(self.form_paths)
            marker = f"fx{self.run_id}-{self.label}-{next(self.numbers)}"
            body = urlencode({"underrated": "ending", "body": body_for(marker), "display_name": "", "email": "",
                              "website": ""})
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"}
            started = time.time()
            connection, status, answer, error = self._request(connection, "POST", path, body, headers)
            location = answer.get("Location", "") if status else ""
            film_page = re.sub(r"defend/$", "", path)
            acknowledged = status in (302, 303) and location.split("#")[0].endswith(film_page)
            self._keep(Record("submission", path, started, time.time(), status, error, "", marker, acknowledged))
            time.sleep(self.submitter_pause if status else 0.2)
        if connection:
            connection.close()


def probe(port, path, seconds, pause=0.1, host="127.0.0.1", out=None, parent=None):
    """GET `path` on a fresh connection every `pause` for `seconds`, as a load balancer's health
    check does; each answer as a line "started milliseconds status" on `out` as it comes. With
    `parent`, it also stops when that process is gone (its parent changes)."""
    deadline = time.time() + seconds
    while time.time() < deadline and (parent is None or os.getppid() == parent):
        started = time.time()
        connection = http.client.HTTPConnection(host, port, timeout=10)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
        finally:
            connection.close()
        print(f"{started:.6f} {(time.time() - started) * 1000:.2f} {status}", file=out or sys.stdout, flush=True)
        time.sleep(pause)


def read_probe(text):
    """[(started, milliseconds, status)] from probe's lines."""
    rows = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3:
            rows.append((float(parts[0]), float(parts[1]), int(parts[2])))
    return rows


if __name__ == "__main__":
    # A process of its own (faults.py starts it): the load's threads share one interpreter lock,
    # and would add their own waits to the latency it measures.
    port, path, seconds = sys.argv[1:4]
    probe(int(port), path, float(seconds), parent=os.getppid())
