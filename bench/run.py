"""`make bench`: the Cinema One benchmark, start to finish, in one command.

For each scale (100 and 10,000 live films by default, 200,000 submissions at
both), on a dedicated PostgreSQL database that is dropped and recreated:

1. `manage.py migrate`, then `manage.py generate_catalog` (bulk inserts);
2. `manage.py bench_pages`: in-process render time and query count of the
   public pages and the admin changelists (DEBUG off, page cache off, plus the
   dossier with the page cache on), in rounds that alternate the scales;
3. the production server (gunicorn, DEBUG off) on 127.0.0.1, measured with wrk:
   /healthz, the dossier, /healthz again with the page cache off, then the same
   after a restart with the page cache on;
4. at the largest scale, a mixed workload (page cache on): for --mixed-seconds,
   wrk readers (bench/mixed.lua) across --mixed-films dossiers with a Zipf-like
   popularity, after one warming pass over them, while `manage.py bench_writes`
   makes a moderation decision a second and an editor save every ten seconds on
   films drawn with the same skew (`manage.py bench_mixed_plan` plans both).

Every manage.py command and gunicorn run with DJANGO_SETTINGS_MODULE=bench.settings
(the site's settings with the bench app installed). The page cache of a scale is
Django's file-based cache in <workdir>/cache/<films> (or --cache-url), emptied
before every server start, so no page stored by an earlier run or server is served.

Before each measurement it waits (up to --quiet-timeout) for other processes to
leave the CPUs idle, and it records how busy they were and how fast a core was.

Then `bench/report.py` writes docs/benchmarks.md (tables, targets with PASS/FAIL,
machine, commands). It is a benchmark, not a test: CI does not run it.

The databases (`cinemaone_bench_<films>`) and the work folder (media, collected
static files, page caches, raw results and server logs) are left in place for
inspection; the next run drops and recreates them.
"""

import argparse
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import report  # noqa: E402  (bench/report.py, next to this file)

HOST = "127.0.0.1"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[100, 10_000], help="live films per scale")
    parser.add_argument("--submissions", type=int, default=200_000, help="submissions at every scale")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30, help="timed in-process requests per page and scale")
    parser.add_argument("--rounds", type=int, default=6,
                        help="split the timed runs into this many rounds, alternating the scales, so that a "
                             "drift in machine speed (common on virtual machines) hits every scale alike")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up requests per page and round")
    parser.add_argument("--database", default="cinemaone_bench",
                        help="prefix of the bench databases (<prefix>_<films>), dropped and recreated each run")
    parser.add_argument("--pg-host", default=os.environ.get("PGHOST", HOST))
    parser.add_argument("--pg-port", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--pg-user", default=os.environ.get("PGUSER", "postgres"))
    parser.add_argument("--port", type=int, default=8900, help="gunicorn's port on 127.0.0.1")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--wrk-connections", type=int, default=8)
    parser.add_argument("--wrk-duration", default="10s")
    parser.add_argument("--cache-url", default="",
                        help="CACHE_URL for every process (e.g. redis://127.0.0.1:6379/9, which needs the redis "
                             "package); default: a file-based cache per scale in <workdir>/cache/<films>")
    parser.add_argument("--mixed-seconds", type=float, default=60,
                        help="length of the mixed workload at the largest scale (0: skip it)")
    parser.add_argument("--mixed-films", type=int, default=2000, help="live films the mixed workload's readers read")
    parser.add_argument("--mixed-exponent", type=float, default=1.0, help="Zipf exponent of their popularity")
    parser.add_argument("--mixed-decisions-per-second", type=float, default=1.0)
    parser.add_argument("--mixed-save-every", type=float, default=10.0, help="seconds between editor saves")
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "cinemaone-bench")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--quiet-threshold", type=float, default=0.15,
                        help="before each measurement, wait while other processes keep more than this share "
                             "of the CPUs busy")
    parser.add_argument("--quiet-timeout", type=float, default=120,
                        help="but wait at most this many seconds (0: do not wait, only record)")
    parser.add_argument("--drop-database", action="store_true", help="drop the bench database at the end")
    return parser.parse_args()


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = args.workdir
        self.stages = []  # (name, seconds)
        self.commands = []  # shell lines, as run
        self.servers = []
        self.quiet = []  # CPU use by other processes before and during each measurement
        self.watch = None
        # Every manage.py command and the server run with these, and the DATABASE_URL of their scale
        # (see database_url; the password, if any, comes from PGPASSWORD).
        common = {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "off",
            "SECRET_KEY": "bench",
            "ALLOWED_HOSTS": HOST,
            "MEDIA_ROOT": str(self.work / "media"),
            "STATIC_ROOT": str(self.work / "static"),
            "PAGE_CACHE": "off",
            "CONN_MAX_AGE": "60",
        }
        self.env = {**os.environ, **common, "PYTHONUNBUFFERED": "1"}
        self.commands.append("export " + " ".join(f"{key}={shlex.quote(value)}" for key, value in common.items()))
        self.pg = ["-h", args.pg_host, "-p", str(args.pg_port), "-U", args.pg_user]

    # ------------------------------------------------------------------ plumbing

    def stage(self, name):
        bench = self

        class Stage:
            def __enter__(self):
                print(f"\n== {name}", flush=True)
                self.started = time.perf_counter()

            def __exit__(self, *exc):
                seconds = time.perf_counter() - self.started
                bench.stages.append((name, round(seconds, 1)))
                print(f"== {name}: {seconds:.1f} s", flush=True)

        return Stage()

    def run(self, command, prefix="", **kwargs):
        line = " ".join(shlex.quote(str(part)) for part in command)
        self.commands.append(prefix + line)
        print(f"$ {line}", flush=True)
        kwargs.setdefault("env", self.env)
        return subprocess.run([str(part) for part in command], cwd=ROOT, check=True, **kwargs)

    def database(self, films):
        return f"{self.args.database}_{films}"

    def database_url(self, films):
        args = self.args
        return f"postgres://{args.pg_user}@{args.pg_host}:{args.pg_port}/{self.database(films)}"

    def cache_dir(self, films):
        return self.work / "cache" / str(films)

    def scale_env(self, films):
        """What differs between scales: the database, and the page cache (unless --cache-url)."""
        scale = {"DATABASE_URL": self.database_url(films)}
        if self.args.cache_url:
            scale["CACHE_URL"] = self.args.cache_url
        else:
            scale["CACHE_DIR"] = str(self.cache_dir(films))
        return scale

    def env_for(self, films):
        return {**self.env, **self.scale_env(films)}

    def scale_prefix(self, films):
        return "".join(f"{key}={shlex.quote(value)} " for key, value in self.scale_env(films).items())

    def manage(self, *arguments, films=None, **kwargs):
        """manage.py, on the database (and page cache) of `films` (a scale) if given."""
        if films is not None:
            kwargs["env"] = self.env_for(films)
            kwargs["prefix"] = self.scale_prefix(films)
        return self.run([sys.executable, "manage.py", *arguments], **kwargs)

    def empty_page_cache(self, films):
        """Before a server starts: no page stored by an earlier run or server survives."""
        if self.args.cache_url:  # shared by the scales: every stored page is out of date once SITE is
            self.manage("shell", "-c", "from pagecache.tags import purge_all; purge_all()", films=films)
            time.sleep(0.2)  # pages rendered within PAGE_CACHE_CLOCK_SKEW of a purge are not trusted
        else:
            shutil.rmtree(self.cache_dir(films), ignore_errors=True)
            self.cache_dir(films).mkdir(parents=True)

    # ------------------------------------------------------------------ steps

    def check_tools(self):
        for tool in ("dropdb", "createdb"):
            if shutil.which(tool) is None:
                sys.exit(f"{tool} not found: install the PostgreSQL client (apt-get install -y postgresql-client).")
        if shutil.which("wrk") is None:
            print("wrk not found: installing it from Debian's packages.", flush=True)
            sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
            install = [*sudo, "apt-get", "install", "-y", "wrk"]
            if subprocess.run(install).returncode != 0:
                subprocess.run([*sudo, "apt-get", "update"], check=True)
                subprocess.run(install, check=True)
            self.commands.append("apt-get install -y wrk")
        if self.port_in_use():
            sys.exit(f"Something already listens on {HOST}:{self.args.port}: stop it or pass --port.")

    def quiet_machine(self, before):
        """Wait (up to --quiet-timeout) until other processes leave the CPUs mostly idle; record what was seen.

        CPU time used by anything but the benchmark (and PostgreSQL) is someone else's (a test run, a
        build) and would slow every measurement down.
        """
        deadline = time.monotonic() + self.args.quiet_timeout
        busy = others_busy()
        while busy > self.args.quiet_threshold and time.monotonic() < deadline:
            print(f"   other processes keep {busy:.0%} of the CPUs busy; waiting before {before}...", flush=True)
            time.sleep(5)
            busy = others_busy()
        self.quiet.append({"measurement": before, "busy_before": round(busy, 3), "cpu_probe_ms": cpu_probe()})
        if busy > self.args.quiet_threshold:
            print(f"   measuring anyway: {busy:.0%} busy (recorded in the report)", flush=True)
        self.watch = CpuWatch()

    def after_measurement(self):
        """CPU used by other processes during the measurement just made (see CpuWatch)."""
        others = self.watch.others()
        self.quiet[-1]["others_during"] = round(others, 3)
        if others > self.args.quiet_threshold:
            print(f"   note: other processes used {others:.0%} of the CPUs during this measurement", flush=True)

    def port_in_use(self):
        with socket.socket() as probe:
            probe.settimeout(0.5)
            return probe.connect_ex((HOST, self.args.port)) == 0

    def prepare_workdir(self):
        if self.work.exists():
            shutil.rmtree(self.work)
        for folder in ("media", "static", "cache", "results", "logs"):
            (self.work / folder).mkdir(parents=True)

    def build(self, films):
        """A fresh database for one scale, filled by generate_catalog; returns its stage timings."""
        results = self.work / "results"
        with self.stage(f"{films:,} films: new database and migrate"):
            self.run(["dropdb", *self.pg, "--if-exists", "--force", self.database(films)])
            self.run(["createdb", *self.pg, self.database(films)])
            self.manage("migrate", "--noinput", "--verbosity", "0", films=films)
        with self.stage(f"{films:,} films: generate_catalog"):
            self.manage("generate_catalog", "--films", films, "--submissions", self.args.submissions,
                        "--seed", self.args.seed, "--json", results / f"generate-{films}.json", films=films)
        return json.loads((results / f"generate-{films}.json").read_text())

    def in_process(self, scales):
        """bench_pages in rounds, alternating the scales (A B, B A, A B, ...); returns {films: merged results}."""
        rounds = max(1, min(self.args.rounds, self.args.runs))
        per_round = [self.args.runs // rounds + (1 if index < self.args.runs % rounds else 0)
                     for index in range(rounds)]
        files = {films: [] for films in scales}
        for index in range(rounds):
            for films in (scales if index % 2 == 0 else list(reversed(scales))):
                name = f"bench_pages round {index + 1}/{rounds}, {films:,} films"
                target = self.work / "results" / f"pages-{films}-round{index + 1}.json"
                self.quiet_machine(name)
                with self.stage(name):
                    self.manage("bench_pages", "--label", films, "--runs", per_round[index], "--warmup",
                                self.args.warmup, "--json", target, films=films)
                    self.after_measurement()
                files[films].append(target)
        return {films: merge_rounds([json.loads(path.read_text()) for path in paths]) for films, paths in files.items()}

    # ------------------------------------------------------------------ HTTP

    def http(self, films, dossier_url):
        """wrk on /healthz and the dossier, page cache off then on; /healthz before and after each dossier run."""
        base = f"http://{HOST}:{self.args.port}"
        label = f"{films:,} films"
        measured = []
        with self.stage(f"{label}: gunicorn + wrk"):
            for page_cache in (False, True):
                with self.server(films, page_cache):
                    state = "on" if page_cache else "off"
                    self.warm(base + "/healthz")
                    self.quiet_machine(f"wrk /healthz (server with page cache {state}), {label}")
                    measured.append(self.wrk("/healthz", base + "/healthz", page_cache))
                    self.warm(base + dossier_url, expect_cache="hit" if page_cache else None)
                    self.quiet_machine(f"wrk dossier (page cache {state}), {label}")
                    measured.append(self.wrk("dossier", base + dossier_url, page_cache))
                    self.quiet_machine(f"wrk /healthz again (server with page cache {state}), {label}")
                    measured.append(self.wrk("/healthz", base + "/healthz", page_cache))
        return {"dossier_url": dossier_url, "results": measured, "gunicorn": self.gunicorn_settings()}

    # ------------------------------------------------------------------ mixed workload

    def mixed(self, films):
        """Readers (wrk, bench/mixed.lua) and a writer (bench_writes) at once, page cache on, after a warming pass."""
        args, label = self.args, f"{films:,} films"
        results = self.work / "results"
        plan_file, paths_file = results / "mixed-plan.json", results / "mixed-paths.txt"
        writes_file = results / "mixed-writes.json"
        with self.stage(f"{label}: mixed workload plan"):
            self.manage("bench_mixed_plan", "--films", args.mixed_films, "--exponent", args.mixed_exponent,
                        "--seconds", args.mixed_seconds, "--decisions-per-second", args.mixed_decisions_per_second,
                        "--save-every", args.mixed_save_every, "--seed", args.seed, "--json", plan_file,
                        "--paths", paths_file, films=films)
        plan = json.loads(plan_file.read_text())
        base = f"http://{HOST}:{args.port}"
        with self.stage(f"{label}: mixed workload"), self.server(films, True, name="mixed"):
            warm = self.warm_pass(base, [film["url"] for film in plan["pool"]])
            self.quiet_machine(f"mixed workload, {label}")
            start_at = time.time() + 5  # the writer's Django starts meanwhile; then both begin together
            writer_command = [sys.executable, "manage.py", "bench_writes", "--plan", plan_file,
                              "--seconds", args.mixed_seconds, "--start-at", f"{start_at:.3f}",
                              "--json", writes_file]
            self.commands.append(self.scale_prefix(films) + " ".join(shlex.quote(str(part)) for part in writer_command)
                                 + " &  # the writer, started with the readers")
            writer_log = open(self.work / "logs" / f"bench-writes-{films}.log", "w")
            print(f"$ manage.py bench_writes ... &  (log: {writer_log.name})", flush=True)
            writer = subprocess.Popen([str(part) for part in writer_command], cwd=ROOT, env=self.env_for(films),
                                      stdout=writer_log, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                while time.time() < start_at:
                    if writer.poll() is not None:
                        raise RuntimeError(f"bench_writes exited with {writer.returncode}; see {writer_log.name}")
                    time.sleep(0.05)
                seconds = f"{args.mixed_seconds:g}s"
                command = ["wrk", f"-t{args.wrk_threads}", f"-c{args.wrk_connections}", f"-d{seconds}", "--latency",
                           "-s", ROOT / "bench" / "mixed.lua", base, "--", paths_file, args.wrk_threads]
                output = self.run(command, capture_output=True, text=True).stdout
                writer.wait(timeout=args.mixed_seconds + 120)
            finally:
                if writer.poll() is None:
                    os.killpg(writer.pid, signal.SIGTERM)
                    writer.wait()
                writer_log.close()
            self.after_measurement()
            print(output, flush=True)
            if writer.returncode != 0:
                raise RuntimeError(f"bench_writes exited with {writer.returncode}; see {writer_log.name}")
            counted = re.search(r"^mixed-workload (\{.*\})$", output, re.MULTILINE)
            reads = {**parse_wrk(output), **(json.loads(counted.group(1)) if counted else {}), "raw": output}
            writes = json.loads(writes_file.read_text())
            print(f"   writer: {writes['decisions']['made']} decisions, {writes['saves']['made']} saves", flush=True)
        plan_summary = {key: value for key, value in plan.items() if key not in ("pool", "decisions", "saves")}
        return {"plan": plan_summary, "warm": warm, "reads": reads,
                "writes": {key: value for key, value in writes.items() if key != "writes"},
                "wrk": f"wrk -t{args.wrk_threads} -c{args.wrk_connections} -d{args.mixed_seconds:g}s --latency "
                       "-s bench/mixed.lua"}

    def warm_pass(self, base, paths):
        """One request per path (as many at once as wrk keeps connections), as a site that has been up is warm."""
        from concurrent.futures import ThreadPoolExecutor

        def get(path):
            try:
                with urllib.request.urlopen(base + path, timeout=60) as response:
                    response.read()
                    return response.status, response.headers.get("X-Page-Cache") or "none"
            except urllib.error.HTTPError as error:
                return error.code, "none"

        self.commands.append(f"# warming pass: GET each of the {len(paths):,} dossiers of the readers' pool once")
        print(f"   warming the page cache: {len(paths):,} dossiers", flush=True)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=self.args.wrk_connections) as pool:
            answers = list(pool.map(get, paths))
        seconds = time.perf_counter() - started
        outcomes = {}
        for status, state in answers:
            key = f"{status} {state}"
            outcomes[key] = outcomes.get(key, 0) + 1
        print(f"   warmed in {seconds:.1f} s: {outcomes}", flush=True)
        return {"pages": len(paths), "seconds": round(seconds, 1), "outcomes": outcomes}

    def gunicorn_settings(self):
        """The values gunicorn.conf.py gives with the benchmark's environment (workers, max_requests, ...)."""
        env = {**self.env, "GUNICORN_WORKERS": str(self.args.workers)}  # the values do not depend on the scale
        script = ("import json, runpy; c = runpy.run_path('gunicorn.conf.py'); print(json.dumps({k: c.get(k) for k in "
                  "('workers', 'threads', 'timeout', 'keepalive', 'max_requests', 'max_requests_jitter')}))")
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
        try:
            return json.loads(done.stdout)
        except json.JSONDecodeError:
            return {}

    def server(self, films, page_cache, name=None):
        bench = self

        class Server:
            def __enter__(self):
                bench.start_server(films, page_cache, name)

            def __exit__(self, *exc):
                bench.stop_servers()

        return Server()

    def start_server(self, films, page_cache, name=None):
        self.empty_page_cache(films)
        env = {
            **self.env_for(films),
            "PAGE_CACHE": "on" if page_cache else "off",
            "GUNICORN_BIND": f"{HOST}:{self.args.port}",
            "GUNICORN_WORKERS": str(self.args.workers),
            "GUNICORN_ACCESS_LOG": "",
        }
        gunicorn = Path(sys.executable).parent / "gunicorn"
        command = [str(gunicorn), "-c", "gunicorn.conf.py", "cinemaone.wsgi"] if gunicorn.exists() else [
            sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "cinemaone.wsgi"]
        shown = ["GUNICORN_BIND", "GUNICORN_WORKERS", "GUNICORN_ACCESS_LOG", "PAGE_CACHE"]
        line = self.scale_prefix(films) + " ".join(f"{key}={shlex.quote(env[key])}" for key in shown)
        if not self.args.cache_url:
            self.commands.append(f"rm -rf {shlex.quote(str(self.cache_dir(films)))}  # an empty page cache for every server")
        self.commands.append(f"{line} gunicorn -c gunicorn.conf.py cinemaone.wsgi &  # until /healthz answers")
        suffix = f"-{name}" if name else ""
        log = open(self.work / "logs" / f"gunicorn-{films}-cache-{env['PAGE_CACHE']}{suffix}.log", "w")
        print(f"$ PAGE_CACHE={env['PAGE_CACHE']} gunicorn -c gunicorn.conf.py cinemaone.wsgi  (log: {log.name})",
              flush=True)
        # A session of its own: stopping it stops the master and its workers, and nothing else.
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.servers.append((process, log))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.args.port}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        raise RuntimeError(f"gunicorn did not answer /healthz within 60 s; see {log.name}")

    def stop_servers(self):
        while self.servers:
            process, log = self.servers.pop()
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            log.close()

    def warm(self, url, expect_cache=None, requests=20):
        header = None
        for _ in range(requests):
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status != 200:
                    raise RuntimeError(f"GET {url} answered {response.status}")
                response.read()
                header = response.headers.get("X-Page-Cache")
        if expect_cache and header != expect_cache:
            raise RuntimeError(f"GET {url}: expected a page-cache {expect_cache}, got {header!r}")

    def wrk(self, name, url, page_cache):
        command = ["wrk", f"-t{self.args.wrk_threads}", f"-c{self.args.wrk_connections}",
                   f"-d{self.args.wrk_duration}", "--latency", url]
        log = Path(self.servers[-1][1].name)
        log_before = log.stat().st_size
        output = self.run(command, capture_output=True, text=True).stdout
        self.after_measurement()
        with open(log, errors="replace") as server_log:
            server_log.seek(log_before)
            # gunicorn's max_requests (gunicorn.conf.py) recycles workers; each restart reloads the app.
            restarts = server_log.read().count("Autorestarting worker")
        print(output + f"  gunicorn worker restarts during the run: {restarts}\n", flush=True)
        return {"name": name, "url": url, "page_cache": page_cache, **parse_wrk(output), "worker_restarts": restarts,
                "raw": output}

    # ------------------------------------------------------------------ machine

    def machine(self, scales):
        cpu_model = ""
        with open("/proc/cpuinfo") as cpuinfo:
            for row in cpuinfo:
                if row.startswith("model name"):
                    cpu_model = row.split(":", 1)[1].strip()
                    break
        memory_kb = 0
        with open("/proc/meminfo") as meminfo:
            for row in meminfo:
                if row.startswith("MemTotal:"):
                    memory_kb = int(row.split()[1])
        versions = scales[-1]["pages"]["versions"] if scales else {}
        return {
            "nproc": len(os.sched_getaffinity(0)),
            "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
            "cpu": cpu_model or platform.processor() or "?",
            "os": f"{platform.system()} {platform.release()}",
            "python": versions.get("python", platform.python_version()),
            "django": versions.get("django", "?"),
            "database": versions.get("database", "?"),
            "gunicorn": first_line_of([sys.executable, "-m", "gunicorn", "--version"]),
            "wrk": first_line_of(["wrk", "--version"]).split(" Copyright")[0],
        }


SOURCE_FOLDERS = ("cinemaone", "films", "editorial", "submissions", "public", "pagecache", "templates", "static")
SOURCE_FILES = ("gunicorn.conf.py", "manage.py", "pyproject.toml")


def source_fingerprint():
    """{path: sha256} of the site's code, templates, static files and server settings: what this run measured."""
    paths = [ROOT / name for name in SOURCE_FILES]
    for folder in SOURCE_FOLDERS:
        paths += sorted((ROOT / folder).rglob("*"))
    return {
        str(path.relative_to(ROOT)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in paths
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def _combined(digests):
    return hashlib.sha256("".join(f"{path}:{digest}\n" for path, digest in sorted(digests.items())).encode()).hexdigest()


def _cpu_times():
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields), idle


def others_busy(seconds=2.0):
    """Share of all CPUs (0.0–1.0) that other processes use over the next `seconds` (see CpuWatch)."""
    watch = CpuWatch()
    time.sleep(seconds)
    return watch.others()


def cpu_probe():
    """Milliseconds for a fixed pure-Python loop: how fast one core is right now (best of 3)."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(1_000_000):
            total += number
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)




def first_line_of(command):
    """The first line a command prints (a version), or "?" if it cannot run."""
    try:
        done = subprocess.run(command, capture_output=True, text=True)
    except OSError:
        return "?"
    return ((done.stdout or done.stderr).strip().splitlines() or ["?"])[0]


def process_table():
    """{pid: (parent pid, command name, CPU ticks incl. reaped children)} for every process."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                data = stat.read()
        except OSError:
            continue
        name = data[data.index("(") + 1 : data.rindex(")")]
        fields = data[data.rindex(")") + 2 :].split()
        table[int(entry.name)] = (int(fields[1]), name, sum(int(value) for value in fields[11:15]))
    return table


class CpuWatch:
    """CPU used by *other* processes while we measure: all CPU time, minus ours, minus PostgreSQL's.

    Ours is this process and every descendant (manage.py, gunicorn and its workers, wrk), reaped ones
    included (they are in their parent's children times). PostgreSQL's is left out because it serves
    our requests; its work for others is therefore not counted either, so this is a lower bound.
    """

    def __init__(self):
        self.start = self._snapshot()

    @staticmethod
    def _snapshot():
        total, idle = _cpu_times()
        table = process_table()
        mine = {os.getpid()}
        changed = True
        while changed:  # descendants: walk parent links until nothing new joins
            changed = False
            for pid, (parent, _name, _ticks) in table.items():
                if parent in mine and pid not in mine:
                    mine.add(pid)
                    changed = True
        ours = sum(table[pid][2] for pid in mine if pid in table)
        postgres = sum(ticks for _parent, name, ticks in table.values() if name.startswith("postgres"))
        return total, total - idle, ours, postgres

    def others(self):
        total0, busy0, ours0, pg0 = self.start
        total1, busy1, ours1, pg1 = self._snapshot()
        if total1 <= total0:
            return 0.0
        others = (busy1 - busy0) - (ours1 - ours0) - (pg1 - pg0)
        return max(0.0, others / (total1 - total0))


def merge_rounds(rounds):
    """One bench_pages result from several rounds: timings pooled, queries from the first round."""
    merged = {**rounds[0], "rounds": len(rounds), "runs": sum(r["runs"] for r in rounds)}
    pages = []
    for page in rounds[0]["pages"]:
        same = [next(p for p in r["pages"] if p["name"] == page["name"]) for r in rounds]
        failed = next((p for p in same if p.get("error")), None)
        if failed:
            pages.append(failed)
            continue
        times = [time_ms for p in same for time_ms in p["times_ms"]]
        ordered = sorted(times)
        pages.append({
            **page,
            "median_ms": round(statistics.median(times), 2),
            "p90_ms": round(ordered[max(0, -(-len(ordered) * 9 // 10) - 1)], 2),
            "min_ms": round(ordered[0], 2),
            "max_ms": round(ordered[-1], 2),
            "round_medians_ms": [p["median_ms"] for p in same],
            "queries_per_round": [p["queries"] for p in same],
            "times_ms": times,
        })
    merged["pages"] = pages
    return merged


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * UNITS[unit]


def parse_wrk(output):
    """Requests/s, p50 and p99 (ms), and any errors from wrk --latency output."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    total = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "requests_per_second": float(rate.group(1)) if rate else None,
        "p50_ms": _ms(p50.group(1)) if p50 else None,
        "p99_ms": _ms(p99.group(1)) if p99 else None,
        "requests": int(total.group(1)) if total else None,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
    }


def main():
    args = parse_args()
    bench = Bench(args)

    def stop(signum, frame):
        raise SystemExit(f"Stopped by signal {signum}.")

    signal.signal(signal.SIGTERM, stop)
    started = time.perf_counter()
    when = datetime.now(timezone.utc)
    source_before = source_fingerprint()
    try:
        with bench.stage("tools and work folder"):
            bench.check_tools()
            bench.prepare_workdir()
        with bench.stage("collectstatic"):
            bench.manage("collectstatic", "--noinput", "--verbosity", "0")
        generated = {films: bench.build(films) for films in args.scales}
        pages = bench.in_process(args.scales)
        scales = []
        for films in args.scales:
            http = bench.http(films, pages[films]["picked"]["dossier"])
            scales.append({"films": films, "generate": generated[films], "pages": pages[films], "http": http})
        mixed = None
        if args.mixed_seconds > 0:
            mixed = {"films": max(args.scales), **bench.mixed(max(args.scales))}
        if args.drop_database:
            for films in args.scales:
                bench.run(["dropdb", *bench.pg, "--if-exists", "--force", bench.database(films)])
    finally:
        bench.stop_servers()
    total = time.perf_counter() - started
    source_after = source_fingerprint()
    changed = sorted(path for path in source_before.keys() | source_after.keys()
                     if source_before.get(path) != source_after.get(path))
    if changed:
        print(f"WARNING: the site's code changed during the run ({len(changed)} files): the results mix "
              "versions. Run again when the code is still.", flush=True)
    data = {
        "date": when.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": bench.machine(scales),
        "settings": {
            "scales": args.scales,
            "submissions": args.submissions,
            "seed": args.seed,
            "runs": args.runs,
            "rounds": max(1, min(args.rounds, args.runs)),
            "warmup": args.warmup,
            "workers": args.workers,
            "wrk": f"wrk -t{args.wrk_threads} -c{args.wrk_connections} -d{args.wrk_duration} --latency",
            "databases": [bench.database(films) for films in args.scales],
            "database_kept": not args.drop_database,
            "workdir": str(args.workdir),
            "page_cache_store": f"CACHE_URL={args.cache_url}" if args.cache_url else "file-based, CACHE_DIR per scale",
            "invocation": "make bench" if os.environ.get("MAKELEVEL") else "python bench/run.py",
            "arguments": sys.argv[1:],
        },
        "source": {"fingerprint": _combined(source_before)[:16], "changed_during_run": changed,
                   "files": list(SOURCE_FILES), "folders": list(SOURCE_FOLDERS)},
        "stages": bench.stages,
        "quiet": bench.quiet,
        "quiet_threshold": args.quiet_threshold,
        "total_seconds": round(total, 1),
        "commands": bench.commands,
        "scales": scales,
        "mixed": mixed,
    }
    (args.workdir / "results" / "results.json").write_text(json.dumps(data, indent=2))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report.render(data))
    print(f"\nWrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output} "
          f"in {total / 60:.1f} min (raw results: {args.workdir / 'results' / 'results.json'}).")
    print(report.summary(data))


if __name__ == "__main__":
    main()
