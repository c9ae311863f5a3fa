"""docs/reliability.md from a `make faults` run (bench/faults.py): what each fault did, and the checks."""

TITLES = {
    "restart-postgres": "Restart PostgreSQL",
    "hang-postgres": "Hang PostgreSQL",
    "hang-postgres-kept-connections": "Hang PostgreSQL, persistent connections (CONN_MAX_AGE=60)",
    "stop-redis": "Stop Redis (the page cache)",
    "kill-worker": "Kill a gunicorn worker",
    "stall-uploads": "Two stalled uploads at the front door",
    "stop-gunicorn": "Stop gunicorn behind Varnish",
}

# What a reader or an operator would notice if each went wrong.
EXPECTED = {
    "restart-postgres": "posts sent while it restarts answer 503 with the text kept; none acknowledged is lost; "
                        "cached pages keep being served",
    "hang-postgres": "a hung database costs a request seconds (connect and statement timeouts), not a worker; "
                     "posts answer 503; none acknowledged is lost",
    "hang-postgres-kept-connections": "the same as without persistent connections: a request costs seconds, "
                                      "not the whole hang",
    "stop-redis": "the page cache being down costs speed, never a page: no reader error, posts still taken",
    "kill-worker": "the arbiter starts a new worker; at most the requests in flight on the killed one fail",
    "stall-uploads": "nginx holds the stalled bodies; gunicorn's workers stay free: /healthz under 100 ms",
    "stop-gunicorn": "Varnish keeps serving the dossiers it holds; posts fail visibly (never acknowledged)",
}


def checks(result):
    """[(check, passed, detail)] for one fault."""
    phases, posts = result["phases"], result["submissions"]
    found = [
        ("no acknowledged post lost", posts["lost"] == 0, f"{posts['lost']} lost"),
        ("no reader error before the fault", phases["before"]["reader_errors"] == 0,
         f"{phases['before']['reader_errors']} errors"),
        ("no 500 from the app", result["log"]["internal_server_errors"] == 0
         and not any("500" == status for when in phases.values() for status in
                     (*when["reader_statuses"], *when["submission_statuses"])),
         f"{result['log']['internal_server_errors']} in gunicorn's log"),
        ("pages and posts answered well again after it",
         all(value is not None for value in result["recovery_s"].values()),
         ", ".join(f"{kind} {fmt_seconds(value)}" for kind, value in result["recovery_s"].items())),
    ]
    name = result["name"]
    if name == "stop-redis":
        errors = phases["during"]["reader_errors"] + phases["after"]["reader_errors"]
        found.append(("no reader error with Redis down", errors == 0, f"{errors} errors"))
        found.append(("posts acknowledged with Redis down", phases["during"]["acknowledged"] > 0,
                      f"{phases['during']['acknowledged']} acknowledged"))
    if name == "stall-uploads":
        healthz = result["notes"]["healthz"]["during"]
        found.append(("/healthz under 100 ms throughout", healthz["max_ms"] is not None and healthz["max_ms"] < 100
                      and healthz["answers"].keys() == {"200"},
                      f"max {healthz['max_ms']} ms over {healthz['requests']} requests, {healthz['answers']}"))
    if name == "stop-gunicorn":
        during = phases["during"]
        found.append(("cached dossiers served while gunicorn is down",
                      during["cached_varnish"] > 0 and during["dossier_errors"] == 0,
                      f"{during['cached_varnish']} from Varnish, {during['dossier_errors']} dossier errors"))
    if name == "kill-worker":
        replaced = result["notes"].get("worker_replaced_after_s")
        found.append(("a new worker replaces the killed one", replaced is not None, f"after {fmt_seconds(replaced)}"))
    if name.startswith("hang-postgres"):
        held = max(phases["during"]["slowest_post_s"], phases["during"]["slowest_app_page_s"])
        found.append(("no request held for the whole hang (each under 10 s: the connect and statement timeouts)",
                      held < 10, f"slowest {held} s"))
        healthz = result["notes"]["healthz"]["during"]
        found.append(("/healthz answered within Varnish's probe timeout (2 s) during the hang",
                      healthz["max_ms"] is not None and healthz["max_ms"] < 2000
                      and healthz["answers"].keys() == {"200"},
                      f"max {healthz['max_ms']} ms, {statuses(healthz['answers'])}"))
    if name == "stall-uploads":
        healthz = result["notes"]["healthz"]["during"]
        found.append(("no /healthz held by the stalled uploads (none 1 s or more)",
                      healthz["max_ms"] is not None and healthz["max_ms"] < 1000,
                      f"max {healthz['max_ms']} ms; straight to gunicorn: {result['notes']['control']['max_ms']} ms"))
    if name.startswith(("restart-postgres", "hang-postgres")):
        found.append(("posts refused with a 503 while it is down, not a 500 or a hang",
                      not any(status in ("500", "502", "504") or not status.isdigit()
                              for status in phases["during"]["submission_statuses"]),
                      str(phases["during"]["submission_statuses"])))
    return found


def fmt_seconds(value):
    return "never" if value is None else f"{value:.2f} s"


def one_line(result):
    failed = [name for name, passed, _detail in checks(result) if not passed]
    posts = result["submissions"]
    verdict = "PASS" if not failed else "FAIL (" + "; ".join(failed) + ")"
    return (f"{result['name']}: {posts['acknowledged']} acknowledged, {posts['stored']} stored, {posts['lost']} lost; "
            f"reader errors {sum(p['reader_errors'] for p in result['phases'].values())}; recovery "
            + ", ".join(f"{kind} {fmt_seconds(value)}" for kind, value in result["recovery_s"].items())
            + f": {verdict}")


def statuses(counts):
    return ", ".join(f"{key}×{value}" for key, value in counts.items()) or "–"


def fault_section(result):
    phases, posts = result["phases"], result["submissions"]
    lines = [f"### {TITLES.get(result['name'], result['name'])}", "",
             f"What: {result['notes']['how']} (the fault lasted {result['fault_seconds']:g} s). "
             f"Expected: {EXPECTED.get(result['name'], '')}.", "",
             "| | before | during | after |", "|---|---:|---:|---:|"]
    rows = [
        ("reader GETs", "reader_requests"), ("reader errors (4xx, 5xx, no answer)", "reader_errors"),
        ("served by Varnish from its cache", "cached_varnish"),
        ("reader GETs past Varnish (a new query string)", "past_varnish"),
        ("their errors", "past_varnish_errors"),
        ("served by the app's page cache", "cached_app"),
        ("slowest of them (s)", "slowest_app_page_s"),
        ("posts sent", "submissions"), ("posts acknowledged", "acknowledged"), ("slowest post (s)", "slowest_post_s"),
    ]
    for label, key in rows:
        lines.append(f"| {label} | " + " | ".join(str(phases[when][key]) for when in ("before", "during", "after"))
                     + " |")
    lines.append("| reader answers | " + " | ".join(statuses(phases[when]["reader_statuses"])
                                                    for when in ("before", "during", "after")) + " |")
    lines.append("| post answers | " + " | ".join(statuses(phases[when]["submission_statuses"])
                                                  for when in ("before", "during", "after")) + " |")
    lines += ["",
              f"Posts: {posts['sent']} sent, **{posts['acknowledged']} acknowledged, {posts['stored']} stored, "
              f"{posts['lost']} lost** ({posts['stored_not_acknowledged']} stored without an acknowledgement: the "
              "reader was told it failed, and sending it again stores one copy). "
              "Recovery after the fault (its end to the first good answer): "
              + ", ".join(f"{kind} {fmt_seconds(value)}" for kind, value in result["recovery_s"].items()) + ". "
              f"Slowest reader request: {result['slowest_reader_s']} s.", ""]
    notes = result["notes"]
    healthz = notes["healthz"]
    lines += ["/healthz through the front door, ten a second from a process of its own: "
              + "; ".join(f"{when} p50 {h['p50_ms']} ms, p99 {h['p99_ms']} ms, max {h['max_ms']} ms "
                          f"({h['requests']} requests, {statuses(h['answers'])})" for when, h in healthz.items())
              + ".", ""]
    if "stalled" in notes:
        lines += ["The stalled clients got: " + "; ".join(f"{s['answer']} after {s['after_s']} s" if s else "nothing"
                                                        for s in notes["stalled"]) + ".", ""]
    if "control" in notes:
        control = notes["control"]
        lines += [f"Control, with no load: {control.get('stalled', 2)} stalled posts (one per gunicorn thread) sent to "
                  f"gunicorn itself (no nginx), closed after "
                  f"{control['seconds']:g} s; /healthz on gunicorn meanwhile: the first took {control['first_ms']} ms, "
                  f"the slowest {control['max_ms']} ms ({control['requests']} requests, "
                  f"{statuses(control['answers'])}). That wait is what nginx's buffering spares the workers.", ""]
    lines += [f"Other processes on the machine used {result.get('others_cpu', 0):.0%} of its CPUs during this fault "
              "(latencies here include that contention).", ""]
    if "worker_replaced_after_s" in notes:
        lines += [f"The arbiter had a new worker after {fmt_seconds(notes['worker_replaced_after_s'])}.", ""]
    if result.get("failed_answers"):
        lines.append("Who answered the failures (X-Cache SYNTH: Varnish's own page; MISS or PASS: the app's):")
        lines += [f"- {entry['route']}: {entry['status']} `{entry['answer']}` ×{entry['count']}"
                  for entry in result["failed_answers"]]
        lines.append("")
    log = result["log"]
    if log["internal_server_errors"] or log["exceptions"] or log["worker_timeouts"]:
        lines.append(f"gunicorn's log: {log['internal_server_errors']} internal server errors "
                     f"({', '.join(log['paths']) or '–'}), {log['worker_timeouts']} worker timeouts; exceptions:")
        lines += [f"- `{entry['exception']}` ×{entry['count']}" for entry in log["exceptions"]]
        lines.append("")
    lines += ["| check | result | |", "|---|---|---|"]
    lines += [f"| {name} | {'PASS' if passed else '**FAIL**'} | {detail} |" for name, passed, detail in checks(result)]
    return "\n".join(lines) + "\n"


def failures(data):
    """The failed checks, one line each, for whoever fixes them (the details are in each fault's section)."""
    lines = [f"- {TITLES.get(result['name'], result['name'])}: {name}: {detail}"
             for result in data["faults"] for name, passed, detail in checks(result) if not passed]
    return ["Failed checks:", "", *lines, ""] if lines else ["Every check passed.", ""]


def render(data):
    settings = data["settings"]
    summary = ["| fault | acknowledged | stored | lost | reader errors | cached during | recovery: cached page / "
               "app page / post | checks |", "|---|---:|---:|---:|---:|---:|---|---|"]
    for result in data["faults"]:
        posts, phases = result["submissions"], result["phases"]
        failed = [name for name, passed, _detail in checks(result) if not passed]
        summary.append(
            f"| {TITLES.get(result['name'], result['name'])} | {posts['acknowledged']} | {posts['stored']} | "
            f"{posts['lost']} | {sum(p['reader_errors'] for p in phases.values())} | "
            f"{phases['during']['cached_varnish'] + phases['during']['cached_app']} | "
            + " / ".join(fmt_seconds(value) for value in result["recovery_s"].values()) + " | "
            f"{'PASS' if not failed else '**FAIL**: ' + '; '.join(failed)} |")
    uncommitted = ", ".join(data["uncommitted"]) or "none"
    changed = data["source_changed_during_run"]
    versions = data["machine"]["versions"]
    parts = [
        "# Reliability: `make faults`",
        "",
        "What the site does when one part of its production topology fails under load, measured on one machine. "
        "Written by `make faults` (bench/faults.py); run it again to refresh these figures.",
        "",
        "## How to run it",
        "",
        "```sh",
        "make faults                                        # 5 to 7 minutes",
        'make faults FAULTS_ARGS="--faults stop-redis --fault-seconds 10"   # one fault; --help for all options',
        "```",
        "",
        "It needs PostgreSQL 15's server binaries (`/usr/lib/postgresql/15/bin`), `redis-server`, `varnishd` "
        "(with varnish-modules for xkey) and `nginx`; it starts its own of each on free ports of 127.0.0.1 "
        "from a work folder (`$TMPDIR/cinemaone-faults`: logs, raw records per request in `results/`), and "
        "never touches another PostgreSQL or Redis. The topology is the production one: nginx (the committed "
        "`deploy/nginx/cinemaone.conf.template`) → Varnish (`deploy/varnish/default.vcl`, its backend pointed at "
        "the local gunicorn) → gunicorn (`gunicorn.conf.py`, two workers of four threads, as in docker-compose.yml, "
        "DEBUG off) → PostgreSQL, with Redis "
        "as the page cache (`CACHE_URL`). The catalog is bench's `generate_catalog`.",
        "",
        "The load, through the front door for the whole run: reader threads GET the home page, the catalog and "
        "dossiers; submitter threads POST the defense form (`Sec-Fetch-Site: same-origin`, as a browser sends), "
        "each post with a marker of its own. A post is **acknowledged** when the app answers as it does a good "
        "post (a redirect to the dossier's form); **stored** is what the database holds afterwards, found by "
        "marker; **lost** is acknowledged but not stored. Each fault has a baseline before it and runs until "
        "each kind of request has been answered well again, plus a few seconds. **Recovery** is timed from the "
        "fault's end to the first good answer of each kind: a *cached page* (one Varnish holds), an *app page* "
        "(one reader thread adds a query string Varnish has never seen, which the app ignores: its requests "
        "reach gunicorn and the app's page cache in Redis, as a catalog's long tail does) and a *post*. "
        "/healthz is timed through the front door ten times a second for the whole of each fault, from a "
        "process of its own. The stalled uploads are also sent straight to gunicorn, with no load, as a control. "
        "The database hang runs twice: with the default CONN_MAX_AGE=0 (a connection per request) and with "
        "persistent connections (CONN_MAX_AGE=60).",
        "",
        "What it checks: that an acknowledged post is never lost whatever fails; that the app answers a failing "
        "dependency with a 503 in seconds (never a 500, never a request held for the whole outage); that "
        "Varnish keeps the dossiers readable while the app is "
        "down, and that the app's own page cache going away costs no page; that nginx's buffering keeps slow "
        "clients from tying up gunicorn's few workers; and how long each takes to heal. What it does not: "
        "several hosts, network partitions, disk failures, or load near capacity (the load is deliberately "
        "small, on a machine that runs everything). Latencies include whatever else the machine was doing: "
        "each fault says how much of the CPUs other processes used meanwhile.",
        "",
        "## Last run",
        "",
        f"{data['date']}, commit {data['commit']} (files that differ from it: {uncommitted})"
        + (f", run from a copy of the working tree taken at {data['taken_at']}" if data.get("taken_at") else "")
        + ", "
        f"{data['total_seconds'] / 60:.1f} minutes on {data['machine']['nproc']} CPUs. VCL: {settings['vcl']}. "
        f"{settings['readers']} reader and {settings['submitters']} submitter threads, {settings['films']} films, "
        f"CONN_MAX_AGE={settings['conn_max_age']}, faults of {settings['fault_seconds']} s. "
        + (f"**The code changed during the run ({len(changed)} files): run it again.** " if changed else "")
        + "Versions: " + "; ".join(f"{value}" for value in versions.values()) + ".",
        "",
        *summary,
        "",
        *failures(data),
        "## Each fault",
        "",
    ]
    parts += [fault_section(result) for result in data["faults"]]
    return "\n".join(parts).rstrip() + "\n"
