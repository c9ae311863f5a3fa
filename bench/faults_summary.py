"""What `make faults` makes of a fault's records (bench/load.py): the counts per phase (before,
during, after the fault), recovery times, /healthz latency and what gunicorn's log says."""

import re

# The kinds of request whose recovery is timed: a page Varnish holds, a page only the app can
# give (a query string Varnish has not seen), a post.
ROUTES = ("cached page", "app page", "post")


def route(record):
    if record.kind == "submission":
        return "post"
    return "app page" if "?" in record.path else "cached page"


def recovered_at(records, kind, ended):
    """When the first good answer of `kind` (a route) sent after the fault's end came (None: not yet)."""
    good = [record.ended for record in list(records) if route(record) == kind and record.started >= ended
            and is_good(record)]
    return min(good) if good else None


def healthz_phases(rows, started, ended):
    """/healthz latency before, during and after the fault: requests, p50, p99, max (ms), answers."""
    phases = {}
    for when in ("before", "during", "after"):
        mine = [row for row in rows if (row[0] < started if when == "before" else
                                        started <= row[0] < ended if when == "during" else row[0] >= ended)]
        latencies = sorted(milliseconds for _started, milliseconds, _status in mine)
        answers = {}
        for _started, _milliseconds, status in mine:
            answers[str(status or "no answer")] = answers.get(str(status or "no answer"), 0) + 1
        phases[when] = {
            "requests": len(latencies), "answers": answers,
            "p50_ms": round(latencies[len(latencies) // 2], 1) if latencies else None,
            "p99_ms": round(latencies[min(len(latencies) - 1, len(latencies) * 99 // 100)], 1) if latencies else None,
            "max_ms": round(latencies[-1], 1) if latencies else None,
            "over_100_ms": sum(1 for value in latencies if value >= 100),
        }
    return phases


def is_good(record):
    return record.acknowledged if record.kind == "submission" else record.status == 200


def is_error(record):
    return not record.status or record.status >= 400


def phase(record, started, ended):
    """A request still in flight when the fault began is the fault's."""
    return "before" if record.ended < started else "during" if record.started < ended else "after"


def new_log_text(paths, sizes_before):
    text = []
    for path in paths:
        with open(path, errors="replace") as log:
            log.seek(sizes_before.get(path, 0))
            text.append(log.read())
    return "\n".join(text)


def server_errors(log):
    """What gunicorn's log says went wrong: 500s (Django logs each with its traceback), timeouts, kills."""
    errors = re.findall(r"^(?:ERROR|Internal Server Error)[^\n]*$", log, re.MULTILINE)
    internal = re.findall(r"Internal Server Error: (\S+)", log)
    exceptions = {}
    for block in re.findall(r"Traceback \(most recent call last\):\n(?:[ \t].*\n|\n)*(\S[^\n]*)", log):
        exceptions[block[:300]] = exceptions.get(block[:300], 0) + 1
    return {
        "internal_server_errors": len(internal),
        "paths": sorted(set(internal))[:10],
        "exceptions": [{"exception": text, "count": count} for text, count in
                       sorted(exceptions.items(), key=lambda item: -item[1])][:8],
        "worker_timeouts": log.count("WORKER TIMEOUT"),
        "error_lines": len(errors),
    }


def summarise(name, records, stored, started, ended, notes, log):
    phases = {}
    for when in ("before", "during", "after"):
        mine = [record for record in records if phase(record, started, ended) == when]
        readers = [record for record in mine if record.kind == "reader"]
        posts = [record for record in mine if record.kind == "submission"]
        phases[when] = {
            "reader_requests": len(readers),
            "reader_errors": sum(1 for record in readers if is_error(record)),
            "reader_statuses": histogram(readers),
            "cached_varnish": sum(1 for record in readers if record.cached == "varnish"),
            "cached_app": sum(1 for record in readers if record.cached == "app"),
            "past_varnish": sum(1 for record in readers if "?" in record.path),
            "past_varnish_errors": sum(1 for record in readers if "?" in record.path and is_error(record)),
            "dossier_errors": sum(1 for record in readers if re.fullmatch(r"/films/[^/?]+/", record.path)
                                  and is_error(record)),
            "slowest_app_page_s": slowest(record for record in readers if "?" in record.path),
            "slowest_post_s": slowest(posts),
            "submissions": len(posts),
            "acknowledged": sum(1 for record in posts if record.acknowledged),
            "submission_statuses": histogram(posts),
        }
    answers = {}
    for record in records:
        if record.error:
            key = (route(record), str(record.status or "no answer"), record.error[:120])
            answers[key] = answers.get(key, 0) + 1
    acknowledged = {record.marker for record in records if record.kind == "submission" and record.acknowledged}
    sent = {record.marker for record in records if record.kind == "submission"}
    lost = sorted(acknowledged - stored)
    slow = sorted((record for record in records if record.kind == "reader"),
                  key=lambda record: record.ended - record.started)
    recovery = {}
    for kind in ROUTES:
        at = recovered_at(records, kind, ended)
        recovery[kind] = round(at - ended, 2) if at is not None else None
    return {
        "name": name,
        "fault_seconds": round(ended - started, 1),
        "notes": notes,
        "phases": phases,
        "submissions": {"sent": len(sent), "acknowledged": len(acknowledged), "stored": len(stored & sent),
                        "stored_not_acknowledged": len((stored & sent) - acknowledged), "lost": len(lost),
                        "lost_markers": lost[:10]},
        "slowest_reader_s": round(slow[-1].ended - slow[-1].started, 2) if slow else None,
        "recovery_s": recovery,
        "failed_answers": [{"route": key[0], "status": key[1], "answer": key[2], "count": count}
                           for key, count in sorted(answers.items(), key=lambda item: -item[1])][:8],
        "log": server_errors(log),
    }


def slowest(records):
    return round(max((record.ended - record.started for record in records), default=0), 2)


def histogram(records):
    counts = {}
    for record in records:
        key = str(record.status) if record.status else (record.error.split(":")[0] or "no answer")
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))
