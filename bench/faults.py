"""`make faults`: the production topology on this machine, broken one part at a time under load.

It starts, on free ports of 127.0.0.1 and from a work folder of its own (bench/topology.py):
a PostgreSQL cluster (initdb), redis-server (the page cache, CACHE_URL), gunicorn with two
workers (DEBUG off; started by bench/run.py's Bench, on a catalog its generate_catalog builds),
Varnish in front of gunicorn (deploy/varnish/default.vcl once committed, PURGE_URL at it) and
nginx as the front door (deploy/nginx/cinemaone.conf.template). Nothing else on the machine is
touched: the PostgreSQL on 5432 and the Redis on 6379 are not ours.

Then, under a bounded load through the front door (bench/load.py: reader threads GETting
dossiers and other public pages, submitter threads POSTing the defense form, each post with a
marker of its own), it runs each fault with a baseline before and a recovery check after:

  restart PostgreSQL; hang PostgreSQL (SIGSTOP, then SIGCONT), with and without persistent
  connections; stop Redis and start it again;
  SIGKILL a gunicorn worker; stall two uploads at the front door (and time /healthz meanwhile);
  stop gunicorn behind Varnish (cached dossiers must still be served).

Per fault: posts acknowledged (a redirect to the dossier's form, as for a good post), stored
(found in the database by their markers afterwards), lost (acknowledged, not stored: must be 0),
reader errors, pages served from a cache during the fault, recovery time (from the fault's end to
the first good answer of each kind), and the server errors in gunicorn's log
(bench/faults_summary.py). It writes docs/reliability.md (bench/faults_report.py). Takes 5 to 7
minutes. A test of the deployment, not of the code: CI does not run it.
"""

import argparse
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from argparse import Namespace
from datetime import datetime, timezone
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import faults_report  # noqa: E402  (bench/, next to this file)
import run  # noqa: E402
from faults_summary import ROUTES, healthz_phases, new_log_text, recovered_at, summarise  # noqa: E402
from load import Load, probe, read_probe  # noqa: E402
from topology import HOST, NGINX_TEMPLATE, PG_BIN, Nginx, Postgres, Redis, Varnish, children, free_port  # noqa: E402

FAULTS = ("restart-postgres", "hang-postgres", "hang-postgres-kept-connections", "stop-redis", "kill-worker",
          "stall-uploads", "stop-gunicorn")
# The same hang with persistent database connections (CONN_MAX_AGE, which .env.example offers):
# a query on a kept connection waits for a stopped server however short statement_timeout is,
# since the server enforces it.
KEPT_CONNECTIONS = {"hang-postgres-kept-connections": "60"}
DATABASE = "cinemaone_faults"
GUNICORN_THREADS = 4  # per worker, as docker-compose.yml's web


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--faults", nargs="+", choices=FAULTS, default=list(FAULTS), help="which, in this order")
    parser.add_argument("--films", type=int, default=30, help="live films in the catalog")
    parser.add_argument("--baseline", type=float, default=8, help="seconds of load before each fault")
    parser.add_argument("--fault-seconds", type=float, default=20, help="how long a hang or a stop lasts")
    parser.add_argument("--recovery-limit", type=float, default=60,
                        help="after a fault, wait at most this long for a good answer of each kind")
    parser.add_argument("--settle", type=float, default=5, help="seconds of load after recovery")
    parser.add_argument("--readers", type=int, default=3, help="reader threads")
    parser.add_argument("--submitters", type=int, default=2, help="submitter threads")
    parser.add_argument("--conn-max-age", default="0", help="CONN_MAX_AGE of the app (the production default: 0)")
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "cinemaone-faults")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "reliability.md")
    parser.add_argument("--in-place", action="store_true",
                        help="run the working tree itself, not a copy taken at the start (edits made during the "
                             "run then reach every gunicorn worker that starts)")
    return parser.parse_args()


def source_state():
    """The commit, and the files of the working tree that differ from it (tests and docs do not run)."""
    changed = (line[3:] for line in git("status", "--porcelain").splitlines())
    return {"commit": git("rev-parse", "--short", "HEAD").strip(),
            "uncommitted": [path for path in changed if not path.startswith(("tests/", "docs/"))]}


def run_from_snapshot(args):
    """Copy the working tree (tracked and untracked files, not ignored ones; plus the compiled
    catalogues) and run this script from the copy: a worker started mid-run (after a kill, a stop)
    then loads the code the run began with, even while someone edits the tree."""
    snapshot = args.workdir.with_name(args.workdir.name + "-source")
    shutil.rmtree(snapshot, ignore_errors=True)
    files = git("ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    files += [str(path.relative_to(ROOT)) for path in ROOT.glob("locale/*/LC_MESSAGES/*.mo")]
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    state = {**source_state(), "snapshot": str(snapshot),
             "taken_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")}
    print(f"Running a copy of the working tree ({state['commit']} + {len(state['uncommitted'])} changed files) "
          f"from {snapshot}", flush=True)
    command = [sys.executable, str(snapshot / "bench" / "faults.py"), *sys.argv[1:], "--in-place",
               "--output", str(args.output.resolve()), "--workdir", str(args.workdir.resolve())]
    child = subprocess.Popen(command, cwd=snapshot, env={**os.environ, "FAULTS_SOURCE": json.dumps(state)})
    # A stop for us is a stop for the run, which then stops the servers it started.
    signal.signal(signal.SIGTERM, lambda signum, frame: child.send_signal(signal.SIGTERM))
    while True:
        try:
            return child.wait()
        except KeyboardInterrupt:  # the run got the same Ctrl-C (one process group): let it clean up
            continue


class Site(run.Bench):
    """bench/run.py's Bench (database, catalog, gunicorn), on our own PostgreSQL and Redis."""

    def __init__(self, args, postgres, redis):
        bench_args = Namespace(workdir=args.workdir, database=DATABASE, pg_host=HOST, pg_port=postgres.port,
                               pg_user="postgres", cache_url=f"redis://{HOST}:{redis.port}/1", port=free_port(),
                               workers=2, submissions=2 * args.films, seed=1)
        super().__init__(bench_args)
        self.films = args.films
        self.started_once = False

    def database_url(self, films):
        return f"postgres://postgres@{HOST}:{self.args.pg_port}/{DATABASE}"

    def database(self, films):
        return DATABASE

    def empty_page_cache(self, films):
        """Only before the first start: a gunicorn started again after a fault finds its cache as it was."""
        if not self.started_once:
            self.started_once = True
            super().empty_page_cache(films)

    def master(self):
        return self.servers[-1][0].pid

    def log_files(self):
        return sorted((self.work / "logs").glob("gunicorn-*.log"))


class Suite:
    def __init__(self, args):
        self.args = args
        self.work = args.workdir
        self.run_id = datetime.now(timezone.utc).strftime("%H%M%S")
        self.postgres = self.redis = self.site = self.varnish = self.nginx = None
        self.readers, self.forms = [], []  # the load's paths, read from the catalog once it is built

    # ------------------------------------------------------------------ topology

    def start(self):
        self.site_work()
        self.postgres = Postgres(self.work)
        self.postgres.start()
        self.redis = Redis(self.work)
        self.redis.start()
        self.site = Site(self.args, self.postgres, self.redis)
        self.varnish = Varnish(self.work, self.site.args.port)
        self.site.env.update({
            "ALLOWED_HOSTS": f"{HOST},localhost",  # Varnish's health probe says Host: localhost
            "CONN_MAX_AGE": self.args.conn_max_age,
            # The reader is the address nginx saw: two proxies (nginx, Varnish) append to X-Forwarded-For.
            "TRUSTED_PROXY_HOPS": "2",
            # As docker-compose.yml's web: two workers of four threads.
            "GUNICORN_THREADS": str(GUNICORN_THREADS),
            # Every post comes from 127.0.0.1: the per-reader limit would refuse the load's posts.
            "SUBMISSION_RATE_LIMIT": "1000000",
            "PURGE_URL": f"http://{HOST}:{self.varnish.port}/",
        })
        self.site.commands.append("export TRUSTED_PROXY_HOPS=2 SUBMISSION_RATE_LIMIT=1000000 "
                                  f"CONN_MAX_AGE={self.args.conn_max_age} PURGE_URL=<varnish>")
        # First, so that it hears the purges (the catalog's builder purges every page when done).
        self.varnish.start()
        self.site.manage("collectstatic", "--noinput", "--verbosity", "0")
        self.site.build(self.site.films)
        self.site.start_server(self.site.films, True)
        self.nginx = Nginx(self.work, self.varnish.port, self.work / "media")
        self.nginx.start()
        self.wait_for_front_door()
        print(f"   front door http://{HOST}:{self.nginx.port}/ -> Varnish :{self.varnish.port} -> gunicorn "
              f":{self.site.args.port}; PostgreSQL :{self.postgres.port}, Redis :{self.redis.port}", flush=True)

    def wait_for_front_door(self, seconds=60):
        """Until /healthz answers 200 through nginx and Varnish: Varnish's health probe marked the
        backend sick while gunicorn was not yet up, and needs a few good probes to trust it again."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            connection = http.client.HTTPConnection(HOST, self.nginx.port, timeout=5)
            try:
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            finally:
                connection.close()
            time.sleep(0.5)
        raise RuntimeError(f"/healthz did not answer 200 through the front door within {seconds} s")

    def site_work(self):
        self.work.mkdir(parents=True, exist_ok=True)
        postgres = self.work / "postgres"
        if postgres.exists():  # a cluster left by an interrupted run may still be up
            stale = Postgres(self.work)
            if (stale.data / "postmaster.pid").exists():
                subprocess.run([*stale.as_owner, str(PG_BIN / "pg_ctl"), "-D", str(stale.data), "stop", "-m",
                                "immediate"],
                               capture_output=True)
        shutil.rmtree(self.work)
        for folder in ("media", "static", "cache", "results", "logs"):
            (self.work / folder).mkdir(parents=True)
        self.work.chmod(0o755)  # the postgres user and Varnish's worker read below it

    def stop(self):
        if self.postgres and getattr(self.postgres, "stopped", None):
            self.postgres.resume()
        for part in (self.nginx, self.varnish):
            if part:
                part.stop()
        if self.site:
            self.site.stop_servers()
        if self.redis:
            self.redis.stop()
        if self.postgres:
            try:
                self.postgres.stop()
            except subprocess.CalledProcessError as error:
                print(f"   pg_ctl stop: {error.stderr}", flush=True)

    # ------------------------------------------------------------------ database

    def query(self, sql, parameters=(), seconds=60):
        """Rows from our PostgreSQL, retrying while it recovers from a fault."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                with psycopg.connect(host=HOST, port=self.postgres.port, user="postgres", dbname=DATABASE,
                                     connect_timeout=3) as connection:
                    return connection.execute(sql, parameters).fetchall()
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def stored_markers(self, label):
        prefix = f"Fault suite submission fx{self.run_id}-{label}-"
        rows = self.query("SELECT body FROM submissions_submission WHERE body LIKE %s", (prefix + "%",))
        return {re.match(r"Fault suite submission (\S+):", body).group(1) for (body,) in rows}

    def pages(self):
        slugs = [slug for (slug,) in self.query(
            "SELECT slug FROM films_film WHERE status = 'live' AND (go_live_at IS NULL OR go_live_at <= now()) "
            "ORDER BY id LIMIT 12")]
        readers = ["/", "/films/", *[f"/films/{slug}/" for slug in slugs]]
        forms = [f"/films/{slug}/defend/" for slug in slugs[:6]]
        return readers, forms

    def warm(self, paths):
        """Every reader page twice through the front door: stored in Varnish (and the app's cache)."""
        seen = {}
        for _ in range(2):
            for path in paths:
                connection = http.client.HTTPConnection(HOST, self.nginx.port, timeout=30)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"warming: GET {path} answered {response.status}")
                seen[path] = {"x_varnish": response.getheader("X-Varnish"), "age": response.getheader("Age"),
                              "x_page_cache": response.getheader("X-Page-Cache")}
                connection.close()
        return seen

    # ------------------------------------------------------------------ faults

    def hold(self):
        time.sleep(self.args.fault_seconds)

    def fault_restart_postgres(self):
        self.postgres.restart()
        return time.time(), {"how": "pg_ctl restart -m fast (waits until it accepts connections again)"}

    def restart_app(self, conn_max_age):
        """gunicorn again with another CONN_MAX_AGE (no load running), once Varnish trusts it again."""
        self.site.stop_servers()
        self.site.env["CONN_MAX_AGE"] = conn_max_age
        self.site.start_server(self.site.films, True, name=f"conn-max-age-{conn_max_age}")
        self.wait_for_front_door()

    def fault_hang_postgres_kept_connections(self):
        return self.fault_hang_postgres()

    def fault_hang_postgres(self):
        count = self.postgres.hang()
        self.hold()
        self.postgres.resume()
        self.postgres.stopped = None
        return time.time(), {"how": f"SIGSTOP the postmaster and its {count - 1} other processes, "
                                    f"{self.args.fault_seconds:g} s, then SIGCONT"}

    def fault_stop_redis(self):
        self.redis.stop()
        self.hold()
        self.redis.start()
        return time.time(), {"how": f"SIGTERM redis-server, {self.args.fault_seconds:g} s, start it again (empty)"}

    def fault_kill_worker(self):
        master = self.site.master()
        before = sorted(children(master))
        victim = before[0]
        os.kill(victim, signal.SIGKILL)
        killed = time.time()
        replaced = None
        while time.time() < killed + 60:
            now = set(children(master))
            if victim not in now and len(now) >= len(before):
                replaced = time.time() - killed
                break
            time.sleep(0.05)
        return time.time(), {"how": f"SIGKILL worker {victim} of {len(before)}",
                             "worker_replaced_after_s": round(replaced, 2) if replaced is not None else None}

    def fault_stall_uploads(self):
        seconds = 15.0
        target = self.forms[0]
        stalled = [open_stalled_post(self.nginx.port, target, seconds + 10) for _ in range(2)]
        outcomes = [None, None]

        def wait_for_answer(index, stalled_socket):
            opened = time.time()
            try:
                answer = stalled_socket.recv(200).decode(errors="replace")
                first = answer.splitlines()[0] if answer else "closed without an answer"
            except OSError as error:
                first = f"{type(error).__name__}"
            outcomes[index] = {"answer": first, "after_s": round(time.time() - opened, 1)}

        waiters = [threading.Thread(target=wait_for_answer, args=(index, stalled_socket), daemon=True)
                   for index, stalled_socket in enumerate(stalled)]
        for waiter in waiters:
            waiter.start()
        for waiter in waiters:
            waiter.join(timeout=seconds)
        for stalled_socket in stalled:
            stalled_socket.close()
        return time.time(), {
            "how": "two connections to the front door send a POST's headers (Content-Length: 100000) and 23 bytes "
                   f"of its body, then nothing, until the front door closes them (at most {seconds:g} s)",
            "stalled": outcomes,
        }

    def gunicorn_threads(self):
        return self.site.args.workers * GUNICORN_THREADS

    def stall_straight_to_gunicorn(self, seconds=5.0):
        """The control for stall-uploads, with no load running: as many stalled posts as gunicorn has
        threads (workers × threads) sent to gunicorn itself, no nginx in front, and /healthz timed on
        gunicorn meanwhile. What nginx's buffering spares the workers."""
        port = self.site.args.port
        stalled = [open_stalled_post(port, self.forms[0], seconds + 10) for _ in range(self.gunicorn_threads())]
        release = threading.Timer(seconds, lambda: [stalled_socket.close() for stalled_socket in stalled])
        release.start()
        output = io.StringIO()
        probe(port, "/healthz", seconds + 2, out=output)
        release.join()
        rows = read_probe(output.getvalue())
        latencies = sorted(milliseconds for _started, milliseconds, _status in rows)
        return {"seconds": seconds, "stalled": len(stalled), "requests": len(rows),
                "max_ms": round(latencies[-1], 1) if latencies else None,
                "first_ms": round(rows[0][1], 1) if rows else None,
                "answers": {str(status): sum(1 for row in rows if row[2] == status) for status in {r[2] for r in rows}}}

    def fault_stop_gunicorn(self):
        self.site.stop_servers()
        self.hold()
        ended = time.time()
        self.site.start_server(self.site.films, True, name="after-stop")
        return ended, {"how": f"SIGTERM gunicorn's master (workers stop), {self.args.fault_seconds:g} s, "
                              "start it again"}

    def run_fault(self, name, load):
        if name in KEPT_CONNECTIONS:
            self.restart_app(KEPT_CONNECTIONS[name])
        logs_before = {path: path.stat().st_size for path in self.site.log_files()}
        print(f"\n== {name}", flush=True)
        # /healthz through the front door, ten times a second for the whole fault, from a process of its own.
        probe_out = open(self.work / "results" / f"{name}-healthz.txt", "w+")
        healthz = subprocess.Popen([sys.executable, str(ROOT / "bench" / "load.py"), str(self.nginx.port), "/healthz",
                                    "3600"], stdout=probe_out, start_new_session=True)
        watch = run.CpuWatch()  # how much of the machine others used meanwhile (latencies depend on it)
        try:
            load.start(name)
            time.sleep(self.args.baseline)
            started = time.time()
            ended, notes = getattr(self, "fault_" + name.replace("-", "_"))()
            print(f"   fault over after {ended - started:.1f} s: {notes['how']}", flush=True)
            deadline = ended + self.args.recovery_limit
            while time.time() < deadline and not all(recovered_at(load.records, route, ended) for route in ROUTES):
                time.sleep(0.2)
            time.sleep(self.args.settle)
        finally:
            records = load.stop()
            healthz.terminate()
            healthz.wait()
        probe_out.seek(0)
        notes["healthz"] = healthz_phases(read_probe(probe_out.read()), started, ended)
        probe_out.close()
        stored = self.stored_markers(name)
        log = new_log_text(self.site.log_files(), logs_before)
        (self.work / "results" / f"{name}.json").write_text(json.dumps([record.__dict__ for record in records]))
        result = summarise(name, records, stored, started, ended, notes, log)
        result["others_cpu"] = round(watch.others(), 3)
        result["conn_max_age"] = self.site.env["CONN_MAX_AGE"]
        if name == "stall-uploads":
            result["notes"]["control"] = self.stall_straight_to_gunicorn()
        if name in KEPT_CONNECTIONS:
            self.restart_app(self.args.conn_max_age)
        print("   " + faults_report.one_line(result), flush=True)
        return result


def open_stalled_post(port, path, timeout):
    """A connection that sends a POST's headers (Content-Length: 100000) and 23 bytes of body, then nothing."""
    stalled = socket.create_connection((HOST, port), timeout=timeout)
    stalled.sendall((f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\n"
                     "Content-Length: 100000\r\n\r\nunderrated=ending&body=").encode())
    return stalled


def git(*arguments):
    return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True).stdout


def main():
    args = parse_args()
    if not args.in_place:
        sys.exit(run_from_snapshot(args))
    suite = Suite(args)

    def stop(signum, frame):
        raise SystemExit(f"Stopped by signal {signum}.")

    signal.signal(signal.SIGTERM, stop)
    when = datetime.now(timezone.utc)
    begun = time.perf_counter()
    source_before = run.source_fingerprint()
    results = []
    try:
        suite.start()
        suite.readers, suite.forms = suite.pages()
        warm = suite.warm(suite.readers)
        load = Load(suite.nginx.port, suite.readers, suite.forms, suite.run_id, readers=args.readers,
                    submitters=args.submitters)
        for name in args.faults:
            results.append(suite.run_fault(name, load))
    finally:
        suite.stop()
    source_after = run.source_fingerprint()
    changed = sorted(path for path in source_before.keys() | source_after.keys()
                     if source_before.get(path) != source_after.get(path))
    data = {
        "date": when.strftime("%Y-%m-%d %H:%M UTC"),
        "total_seconds": round(time.perf_counter() - begun, 1),
        # What ran: the copy's origin (run_from_snapshot), or the tree itself.
        **(json.loads(os.environ["FAULTS_SOURCE"]) if "FAULTS_SOURCE" in os.environ else source_state()),
        "source_changed_during_run": changed,
        "settings": {**{key: str(value) for key, value in vars(args).items()},
                     "vcl": str(suite.varnish.vcl_source.relative_to(ROOT)) if suite.varnish.vcl_source
                     else "fallback (bench/topology.py: deploy/varnish/default.vcl missing)",
                     "nginx": str(NGINX_TEMPLATE.relative_to(ROOT)),
                     "invocation": "make faults" if os.environ.get("MAKELEVEL") else "python bench/faults.py",
                     "arguments": sys.argv[1:]},
        "machine": {"nproc": len(os.sched_getaffinity(0)), "versions": versions()},
        "warm": warm,
        "faults": results,
    }
    (args.workdir / "results" / "faults.json").write_text(json.dumps(data, indent=2))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(faults_report.render(data))
    print(f"\nWrote {args.output} in {data['total_seconds'] / 60:.1f} min (raw: {args.workdir / 'results'}).")
    for result in results:
        print(faults_report.one_line(result))
    if changed:
        print(f"WARNING: the site's code changed during the run ({len(changed)} files); run again.")


def versions():
    return {
        "postgres": run.first_line_of([str(PG_BIN / "postgres"), "--version"]),
        "redis": run.first_line_of(["redis-server", "--version"]).split(" sha=")[0],
        "varnish": run.first_line_of(["varnishd", "-V"]),
        "nginx": run.first_line_of(["nginx", "-v"]),
        "gunicorn": run.first_line_of([sys.executable, "-m", "gunicorn", "--version"]),
        "python": sys.version.split()[0],
    }


if __name__ == "__main__":
    main()
