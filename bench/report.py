"""Render the results of `bench/run.py` as docs/benchmarks.md (tables, targets, machine, commands).

`python bench/report.py RESULTS_JSON [OUTPUT_MD]` re-renders a saved run
(bench/run.py keeps its raw results in <workdir>/results/results.json).
"""

import json
import sys
from pathlib import Path

# The targets the benchmark reports against (see docs/benchmarks.md).
DOSSIER_QUERY_BUDGET = 12  # queries of the uncached dossier, at every scale
CACHED_SHARE_OF_HEALTHZ = 0.75  # cached dossier req/s over the /healthz ceiling, at every scale
UNCACHED_SHARE_OF_HEALTHZ = 0.025  # uncached dossier req/s over the /healthz ceiling, at every scale
MAX_MS_AT_LARGEST = 50.0  # median in-process time of every page, at the largest scale
MIXED_HIT_RATE = 0.95  # share of the mixed workload's reads answered from the page cache
# Staff pages with targets of their own (issue 16): median ms at the largest scale, and queries.
CHANGE_FORM = "admin: film change form (the dossier's film)"
PAGE_MS_AT_LARGEST = {
    CHANGE_FORM: 80.0,
    "admin: films search (title, people)": 100.0,
    "admin: review queue search (text)": 100.0,
}
CHANGE_FORM_QUERY_BUDGET = 25

CONTEXT = [
    ("Wagtail bakerydemo, blog page", "~78 req/s", "22 queries, ~25 ms"),
    ("Wagtail bakerydemo, home page", "~42 req/s", "43 queries"),
    ("Fixed `HttpResponse` through Django + gunicorn", "~6,800 req/s", "no database"),
]


# Measured in a real browser, by hand, so kept in a page of its own that this one links to.
FIRST_VISIT_LINE = ("A reader's first visit (bytes on the wire, Lighthouse mobile scores, in Chromium) is measured "
                    "in [first-visit.md](first-visit.md).")


def _films(count):
    return f"{count:,} films"


def _ms(value):
    return "–" if value is None else f"{value:,.1f}"


def _pass(ok):
    return "**PASS**" if ok else "**FAIL**"


def _failed(page, scale=None):
    """How a page failed ("" if it did not), e.g. "error at 10,000 films: OperationalError: …"."""
    if not page.get("error"):
        return ""
    where = f" at {_films(scale['films'])}" if scale else ""
    return f"error{where}: {page['error']}"


def _ceiling(scale, page_cache):
    """The /healthz rate on the same server: the mean of its /healthz runs (before and after the dossier)."""
    rates = [r["requests_per_second"] for r in scale["http"]["results"]
             if r["name"] == "/healthz" and r["page_cache"] == page_cache and r["requests_per_second"]]
    return sum(rates) / len(rates) if rates else None


def _dossier_run(scale, page_cache):
    return next(r for r in scale["http"]["results"] if r["name"] == "dossier" and r["page_cache"] == page_cache)


def targets(data):
    """[(target, measured, passed)] for every target, in the order of docs/benchmarks.md."""
    scales = data["scales"]
    lines = []
    for scale in scales:
        page = next(page for page in scale["pages"]["pages"] if page["name"] == "dossier")
        queries = page["queries"]
        lines.append((f"Dossier renders in ≤ {DOSSIER_QUERY_BUDGET} queries (page cache off), {_films(scale['films'])}",
                      _failed(page) or f"{queries} quer{'y' if queries == 1 else 'ies'}",
                      queries is not None and queries <= DOSSIER_QUERY_BUDGET))
    for scale in scales:
        for cached, share in ((True, CACHED_SHARE_OF_HEALTHZ), (False, UNCACHED_SHARE_OF_HEALTHZ)):
            result = _dossier_run(scale, cached)
            ceiling = _ceiling(scale, cached)
            rate = result["requests_per_second"] or 0.0
            measured = rate / ceiling if rate and ceiling else 0.0
            label = "cached" if cached else "uncached"
            errors = sum(r["non_2xx"] for r in scale["http"]["results"] if r["page_cache"] == cached)
            lines.append((
                f"{label.capitalize()} dossier serves ≥ {share * 100:g}% of the /healthz rate, {_films(scale['films'])}",
                f"{rate:,.0f} of {ceiling or 0:,.0f} req/s = {measured:.1%}"
                + (f" ({errors} non-2xx responses)" if errors else ""),
                measured >= share and not errors,
            ))
    large = max(scales, key=lambda scale: scale["films"])
    for page in large["pages"]["pages"]:
        if page.get("reference"):
            continue
        budget = PAGE_MS_AT_LARGEST.get(page["name"], MAX_MS_AT_LARGEST)
        lines.append((
            f"{page['name']}: ≤ {budget:.0f} ms in-process (median) at {_films(large['films'])}",
            _failed(page) or f"{page['median_ms']:.1f} ms median",
            page["median_ms"] is not None and page["median_ms"] <= budget,
        ))
        if page["name"] == CHANGE_FORM:
            queries = page["queries"]
            lines.append((
                f"{page['name']}: ≤ {CHANGE_FORM_QUERY_BUDGET} queries at {_films(large['films'])}",
                _failed(page) or f"{queries} queries",
                queries is not None and queries <= CHANGE_FORM_QUERY_BUDGET,
            ))
    mixed = data.get("mixed")
    if mixed:
        lines.append(_mixed_target(mixed))
    return lines


def _hit_rate(mixed):
    reads = mixed["reads"]
    answered = sum(reads.get(key, 0) for key in ("hits", "misses", "unstored"))
    return (reads.get("hits", 0) / answered if answered else None), answered


def _mixed_target(mixed):
    """The hit rate, judged only if the readers got answers and the writer made every write it was given."""
    target = (f"Mixed workload: ≥ {MIXED_HIT_RATE:.0%} of reads are page-cache hits, while the writer decides "
              f"and saves, {_films(mixed['films'])}")
    rate, answered = _hit_rate(mixed)
    reads, writes = mixed["reads"], mixed["writes"]
    problems = []
    if rate is None:
        problems.append("no response counted (see the wrk output in results.json)")
    if reads.get("non200") or reads.get("non_2xx"):
        problems.append(f"{max(reads.get('non200', 0), reads.get('non_2xx', 0)):,} non-200 responses")
    if reads.get("socket_errors"):
        problems.append(f"socket errors: {reads['socket_errors']}")
    for kind in ("decisions", "saves"):
        done = writes[kind]
        if done["made"] < done["scheduled"]:
            problems.append(f"writer made {done['made']} of {done['scheduled']} {kind}")
    measured = (f"{reads.get('hits', 0):,} of {answered:,} = {rate:.1%}" if rate is not None else "–")
    if problems:
        measured += " (" + "; ".join(problems) + ")"
    return target, measured, rate is not None and rate >= MIXED_HIT_RATE and not problems


def _table(header, rows, align=None):
    align = align or ["---"] + ["--:"] * (len(header) - 1)
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    out += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(out)


def _in_process_table(data):
    scales = data["scales"]
    header = ["Page"]
    for scale in scales:
        films = _films(scale["films"])
        header += [f"{films}: median ms", "p90 ms", "queries", "SQL ms"]
    if len(scales) >= 2:
        header.append(f"ratio {scales[-1]['films']:,}/{scales[0]['films']:,}")
    by_scale = [{page["name"]: page for page in scale["pages"]["pages"]} for scale in scales]
    rows = []
    for page in scales[0]["pages"]["pages"]:
        row = [page["name"]]
        for pages in by_scale:
            measured = pages.get(page["name"])
            if measured is None:
                row += ["–"] * 4
                continue
            if measured.get("error"):
                row += ["**error**", "–", "–", "–"]
                continue
            row += [_ms(measured["median_ms"]), _ms(measured["p90_ms"]), measured["queries"],
                    _ms(measured["query_ms"])]
        if len(scales) >= 2:
            last = by_scale[-1].get(page["name"])
            if last and last["median_ms"] is not None and page["median_ms"]:
                row.append(f"{last['median_ms'] / page['median_ms']:.2f}×")
            else:
                row.append("–")
        rows.append(row)
    errors = [
        f"- **error**: {page['name']} at {_films(scale['films'])} (`{page['url']}`): {page['error']}"
        for scale in scales for page in scale["pages"]["pages"] if page.get("error")
    ]
    return _table(header, rows) + ("\n\n" + "\n".join(errors) if errors else "")


def _urls(data):
    lines = []
    for scale in data["scales"]:
        picked = scale["pages"]["picked"]
        urls = ", ".join(f"`{page['url']}`" for page in scale["pages"]["pages"]
                         if page["name"] != "dossier (page cache on)" and not page.get("reference"))
        lines.append(
            f"- {_films(scale['films'])}: {urls}. The dossier's film has {picked['dossier approved answers']:,} "
            f"approved reader answers; the director {picked['person live films']} live films; the theme "
            f"{picked['theme live films']:,}; the genre {picked['genre live films']:,} (its page {picked['genre page']} "
            f"measured, the deepest it fills up to 5); the collection "
            f"{picked['collection films']} films."
        )
    return "\n".join(lines)


def _http_table(data):
    rows = []
    for scale in data["scales"]:
        for result in scale["http"]["results"]:
            ceiling = _ceiling(scale, result["page_cache"])
            endpoint = "`/healthz`" if result["name"] == "/healthz" else f"dossier `{scale['http']['dossier_url']}`"
            errors = []
            if result["non_2xx"]:
                errors.append(f"{result['non_2xx']} non-2xx")
            if result["socket_errors"]:
                errors.append(f"socket errors: {result['socket_errors']}")
            rate = result["requests_per_second"]
            rows.append([
                _films(scale["films"]),
                endpoint,
                ("on" if result["page_cache"] else "off") if result["name"] == "dossier" else
                f"(server: {'on' if result['page_cache'] else 'off'})",
                f"{rate:,.1f}" if rate is not None else "–",
                _ms(result["p50_ms"]),
                _ms(result["p99_ms"]),
                f"{rate / ceiling:.1%}" if rate and ceiling else "–",
                result.get("worker_restarts", "–"),
                "; ".join(errors) or "none",
            ])
    return _table(["Scale", "Endpoint", "Page cache", "Requests/s", "p50 ms", "p99 ms", "% of /healthz ceiling",
                   "Worker restarts", "Errors"],
                  rows, align=["---", "---", "---", "--:", "--:", "--:", "--:", "--:", "---"]) + (
        "\n\nIn order of measurement. The *ceiling* of a server is the mean of its two /healthz runs, "
        "measured just before and just after the dossier on the same server, so that a drift in machine speed "
        "does not favour either side.\n\n*Worker restarts*: gunicorn recycles a worker after `max_requests` requests (`GUNICORN_MAX_REQUESTS`, "
        "0 = never); each restart reloads Django in a new worker while wrk keeps sending, which shows in p99. "
        "The harness measures the configuration `gunicorn.conf.py` gives: " + _gunicorn_settings(data) + ".")


def _probe_line(data):
    """The CPU probe before each in-process round, per scale: were the scales measured at the same speed?"""
    parts = []
    for scale in data["scales"]:
        label = f"{scale['films']:,} films"
        probes = [q["cpu_probe_ms"] for q in data.get("quiet", [])
                  if q["measurement"].startswith("bench_pages") and q["measurement"].endswith(f", {label}")
                  and "cpu_probe_ms" in q]
        if probes:
            parts.append(f"{label}: {', '.join(f'{p:.0f}' for p in probes)} ms (mean {sum(probes) / len(probes):.1f})")
    if not parts:
        return ""
    return ("CPU probe before each in-process round (see [Was the machine quiet?](#was-the-machine-quiet); lower "
            "is faster): " + "; ".join(parts) + ". When the means differ, the ratios carry that difference too.")


def _round_order(settings):
    scales = [f"{films:,}" for films in settings["scales"]]
    order = []
    for index in range(settings.get("rounds", 1)):
        order += scales if index % 2 == 0 else list(reversed(scales))
    return " → ".join(order)


def _gunicorn_settings(data):
    seen = []
    for scale in data["scales"]:
        settings = scale["http"].get("gunicorn") or {}
        text = ", ".join(f"{key} {value}" for key, value in settings.items()) or "not recorded"
        if text not in seen:
            seen.append(text)
    return "; ".join(seen)


def _data_table(data):
    rows = []
    for scale in data["scales"]:
        counts = scale["pages"]["counts"]
        rows.append([
            _films(scale["films"]),
            f"{counts['live films']:,}",
            f"{counts['people']:,}",
            f"{counts['credits']:,}",
            f"{counts['submissions']:,} ({counts['pending submissions']:,} pending)",
            f"{scale['generate']['stages']['total']:.1f} s",
        ])
    return _table(["Scale", "Live films", "People", "Credits", "Submissions", "generate_catalog"], rows)


def _generate_stages_table(data):
    names = list(data["scales"][0]["generate"]["stages"])
    header = ["generate_catalog stage"] + [_films(scale["films"]) for scale in data["scales"]]
    rows = [[name] + [f"{scale['generate']['stages'].get(name, 0):.1f} s" for scale in data["scales"]]
            for name in names]
    return _table(header, rows)


def _mixed_section(data):
    mixed = data.get("mixed")
    if not mixed:
        return ["The mixed workload was not run (`--mixed-seconds 0`).", ""]
    plan, warm, reads, writes = mixed["plan"], mixed["warm"], mixed["reads"], mixed["writes"]
    rate, answered = _hit_rate(mixed)
    shares = plan["share_of_reads"]
    errors = []
    if reads.get("non200"):
        errors.append(f"{reads['non200']:,} non-200")
    if reads.get("socket_errors"):
        errors.append(f"socket errors: {reads['socket_errors']}")

    def writes_cell(kind):
        done = writes[kind]
        text = f"{done['made']} of {done['scheduled']}"
        if done["failed"]:
            text += f" ({done['failed']} failed)"
        if done["nothing_to_do"]:
            text += f" ({done['nothing_to_do']} found nothing to do)"
        return text

    def ms_cell(kind):
        done = writes[kind]
        return f"{_ms(done['median_ms'])} / {_ms(done['max_ms'])}"

    warmed = ", ".join(f"{count:,} × {outcome}" for outcome, count in sorted(warm["outcomes"].items()))
    table = _table(["", ""], [
        ["Scale", _films(mixed["films"])],
        ["Duration", f"{plan['seconds']:g} s, `{mixed['wrk']}`"],
        ["Readers' pool", f"{plan['films']:,} dossiers ({reads.get('distinct_paths', 0):,} read during the run), "
                          f"popularity 1/rank^{plan['exponent']:g}: the top 10 take {shares['top 10']:.0%} of reads, "
                          f"the top 100 {shares['top 100']:.0%}, the top 300 {shares['top 300']:.0%}"],
        ["Warming pass (before)", f"{warm['pages']:,} dossiers in {warm['seconds']:.1f} s ({warmed})"],
        ["**Page-cache hit rate**", f"**{rate:.1%}**" if rate is not None else "–"],
        ["Reader responses", f"{answered:,}: {reads.get('hits', 0):,} hits, {reads.get('misses', 0):,} misses "
                             f"(rendered and stored), {reads.get('unstored', 0):,} not stored"],
        ["Reader requests/s", f"{reads['requests_per_second']:,.1f}" if reads.get("requests_per_second") else "–"],
        ["Reader latency p50 / p99", f"{_ms(reads.get('p50_ms'))} / {_ms(reads.get('p99_ms'))} ms"],
        ["Reader errors", "; ".join(errors) or "none"],
        ["Moderation decisions made", f"{writes_cell('decisions')} (one every {1 / plan['decisions_per_second']:g} s)"],
        ["Editor saves made", f"{writes_cell('saves')} (one every {plan['save_every']:g} s)"],
        ["Write time median / max", f"decisions {ms_cell('decisions')} ms; saves {ms_cell('saves')} ms"],
        ["Tags invalidated", f"{writes['decisions']['tags_invalidated'] + writes['saves']['tags_invalidated']:,}"],
        ["Pending submissions added beforehand", f"{plan['pending_added']:,}"],
    ], align=["---", "---"])
    return [
        "Readers and writers at once on the production server (gunicorn with `PAGE_CACHE=on`, restarted with an "
        "empty page cache), at the largest scale. **The cache was warmed first**, as a site that has been up is "
        "warm: one request to each dossier of the readers' pool, before the clock starts (the warming pass below; "
        "not counted). Then, together for the whole duration:",
        "",
        "- readers: `wrk` with `bench/mixed.lua`, anonymous GETs of dossiers drawn from the pool with a Zipf-like "
        "popularity (`bench_mixed_plan` writes the drawn list, which every wrk thread walks from its own offset); "
        "every response counted by its `X-Page-Cache` header;",
        "- a writer, `manage.py bench_writes`, in its own process: one moderation decision a second (the oldest "
        "pending submission of a film drawn with the same skew, approved with `submissions.services.decide`) and "
        "one editor save every ten seconds (a drawn film's logline changed as the admin saves it: `film_state` "
        "before and after the save, in a revision, then `invalidate(film_change_tags(...))`). Films drawn more "
        "often than they had pending submissions got the shortfall added beforehand, in bulk.",
        "",
        "The hit rate is hits over all reader responses; a *miss* is a page rendered and stored (the first read "
        "of a page after a write emptied it); *not stored* is a page that was rendered but not stored.",
        "",
        table,
        "",
    ]


def _source_lines(data):
    source = data.get("source")
    if not source:
        return []
    files = source.get("files", ["gunicorn.conf.py", "manage.py", "pyproject.toml"])
    folders = source.get("folders", ["cinemaone", "films", "editorial", "submissions", "templates", "static"])
    lines = [f"Code measured: source fingerprint `{source['fingerprint']}` (SHA-256 over "
             + ", ".join(f"`{name}`" for name in files) + " and the files in "
             + ", ".join(f"`{name}/`" for name in folders) + ").", ""]
    if source["changed_during_run"]:
        files = ", ".join(f"`{path}`" for path in source["changed_during_run"])
        lines += [f"> **Warning: the code changed while this run was measuring** ({files}); the numbers mix "
                  "versions. Run `make bench` again when the code is still.", ""]
    return lines


def render(data):
    machine, settings = data["machine"], data["settings"]
    lines = targets(data)
    failed = [line for line in lines if not line[2]]
    out = [
        "# Benchmarks",
        "",
        f"Generated on **{data['date']}** by `{settings['invocation']}` (`bench/run.py`, which renders this page "
        "with `bench/report.py`); do not edit by hand, run `make bench` again. It is a benchmark, not a test: "
        "CI does not run it.",
        "",
        FIRST_VISIT_LINE,
        "",
        f"**{len(lines) - len(failed)} of {len(lines)} targets pass**"
        + (f"; {len(failed)} fail (see [Targets](#targets))." if failed else "."),
        "",
        *_source_lines(data),
        "## Machine",
        "",
        _table(["", ""], [
            ["Date", data["date"]],
            ["CPUs (nproc)", machine["nproc"]],
            ["Memory", machine["memory"]],
            ["CPU model", machine["cpu"]],
            ["OS", machine["os"]],
            ["Python", machine["python"]],
            ["Django", machine["django"]],
            ["Database", machine["database"]],
            ["gunicorn", machine["gunicorn"]],
            ["wrk", machine["wrk"]],
        ], align=["---", "---"]),
        "",
        "## What was measured",
        "",
        f"- Data: `generate_catalog` into a dedicated PostgreSQL database per scale "
        f"({', '.join(f'`{name}`' for name in settings['databases'])}), dropped, recreated and migrated on every "
        "run; every film live and fully authored (every dossier section, "
        "4 reviewed photos, 5 scene clips, collections), with "
        f"{settings['submissions']:,} reader submissions at every scale (seed {settings['seed']}).",
        f"- In-process (`bench_pages`): Django's test client through the whole middleware stack, DEBUG off, "
        f"page cache off (the dossier also with the page cache on, warmed). {settings['runs']} timed requests "
        f"per page and scale (median and p90), made in {settings.get('rounds', 1)} rounds that alternate the "
        f"scales ({_round_order(settings)}) so that a drift in machine speed hits every scale alike, each round "
        f"after {settings['warmup']} warm-up requests; queries counted in one more request "
        "with `CaptureQueriesContext` (not timed: capturing turns query logging on). *SQL ms* is the database "
        "time of that counted request. Admin changelists as a superuser. `/healthz (reference)` is the "
        "floor of the stack (every middleware, the health check's database and cache probes), shown for "
        "comparison, not a target.",
        f"- HTTP: gunicorn (`gunicorn.conf.py`, {settings['workers']} sync workers, DEBUG off, `CONN_MAX_AGE=60`, "
        f"no access log) on 127.0.0.1, `{settings['wrk']}` on the same machine; first with `PAGE_CACHE=off` "
        "(/healthz, the dossier, /healthz again), then restarted with `PAGE_CACHE=on` (the same three, the "
        "dossier after warming the cache). /healthz only checks that the database and the cache answer "
        "(`cinemaone/views.py`): the ceiling of this stack.",
        f"- Page cache: {settings.get('page_cache_store', 'file-based, CACHE_DIR per scale')}; emptied before every "
        "server start, so no page stored by an earlier run or server is served. Every command and the server run "
        "with `DJANGO_SETTINGS_MODULE=bench.settings` (the site's settings plus the bench app).",
        "- Mixed workload (see [below](#mixed-workload-readers-and-writers-at-once)): readers and a writer at once "
        "at the largest scale, page cache on, after a warming pass.",
        "",
        "## Data",
        "",
        _data_table(data),
        "",
        _generate_stages_table(data),
        "",
        "## In-process render time and queries",
        "",
        _in_process_table(data),
        "",
        _probe_line(data),
        "",
        "Pages requested:",
        "",
        _urls(data),
        "",
        "## HTTP throughput (gunicorn + wrk)",
        "",
        _http_table(data),
        "",
        "## Mixed workload: readers and writers at once",
        "",
        *_mixed_section(data),
        "## Targets",
        "",
        "The 50 ms limit is judged on the median. The ratio column of the in-process table is for reading, not a "
        "target.",
        "",
        _table(["Target", "Measured", "Result"], [[t, m, _pass(ok)] for t, m, ok in lines],
               align=["---", "---", ":-:"]),
        "",
        "## For context",
        "",
        "Figures from other Django sites on this kind of machine (not measured by this run):",
        "",
        _table(["Site and page", "Throughput", "Per page"], CONTEXT, align=["---", "--:", "---"]),
        "",
        "## Was the machine quiet?",
        "",
        "CPU used by other processes on this machine (share of all CPUs, from /proc): all CPU time minus the "
        "benchmark's own processes (manage.py, gunicorn and its workers, wrk, the mixed workload's writer) and minus PostgreSQL (which "
        "serves the benchmark), so a lower bound. *Before*: over 2 s just before the measurement; the harness "
        f"waits (up to a timeout) for it to fall below {data.get('quiet_threshold', 0.15):.0%}. *During*: over "
        "the measurement itself. High values mean the numbers above are pessimistic. "
        "*CPU probe*: milliseconds for a fixed pure-Python loop just before measuring (best of 3); on a "
        "virtual machine the speed of a core can drift between and within runs, so compare it across rows: "
        "a higher probe means a slower machine at that moment.",
        "",
        _table(["Measurement", "Busy before", "Others during", "CPU probe ms"],
               [[q["measurement"], f"{q['busy_before']:.0%}",
                 f"{q['others_during']:.0%}" if "others_during" in q else "–",
                 f"{q['cpu_probe_ms']:.1f}" if "cpu_probe_ms" in q else "–"]
                for q in data.get("quiet", [])]),
        "",
        "## How long the run took",
        "",
        _table(["Stage", "Seconds"], [[name, f"{seconds:.1f}"] for name, seconds in data["stages"]]
               + [["**total**", f"**{data['total_seconds']:.1f}**"]]),
        "",
        "## Commands",
        "",
        f"`make bench` runs `python bench/run.py{' ' + ' '.join(settings['arguments']) if settings['arguments'] else ''}`"
        ", which ran, in order:",
        "",
        "```sh",
        *data["commands"],
        "```",
        "",
        "The databases " + ", ".join(f"`{name}`" for name in settings["databases"]) + " are "
        + ("left in place for inspection" + (" (with the mixed workload's writes)" if data.get("mixed") else "")
           if settings["database_kept"] else "dropped at the end")
        + f"; media, collected static files, page caches, raw results (`results/results.json`, with every query's "
        f"SQL; the mixed workload's plan and writes) and server logs are in `{settings['workdir']}`. The next run "
        "drops and recreates them.",
        "",
    ]
    return "\n".join(out)


def summary(data):
    lines = targets(data)
    failed = [line for line in lines if not line[2]]
    text = [f"Targets: {len(lines) - len(failed)} of {len(lines)} pass."]
    text += [f"  FAIL  {target}: {measured}" for target, measured, _ok in failed]
    return "\n".join(text)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    results = json.loads(Path(sys.argv[1]).read_text())
    output = Path(sys.argv[2]) if len(sys.argv) == 3 else Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
    output.write_text(render(results))
    print(summary(results))
