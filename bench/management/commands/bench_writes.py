"""The writer of the benchmark's mixed workload: moderation decisions and editor saves on a schedule.

Reads the schedule `bench_mixed_plan` wrote and, for --seconds from --start-at (a Unix
time, so that it starts with the readers), makes each write at its time, through the
paths the site itself uses:

- a decision: the oldest pending submission of the film, approved with
  `submissions.services.decide` (which empties the film's answers tag on commit);
- an editor save: the film's logline changed as the admin's FilmAdmin does it, in one
  transaction with a django-reversion revision: `film_state` before, `save()`, `film_state`
  after, then `pagecache.tags.invalidate(film_change_tags(before, after))`.

A write that falls behind its time is made at once, never skipped. Writes JSON: what
was made, failed or found nothing to do, and how long each took (commit and
invalidation included).
"""

import json
import statistics
import time
from pathlib import Path

import reversion
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from editorial.page_tags import film_change_tags, film_state
from films.models import Film
from pagecache import tags
from submissions.models import Submission
from submissions.services import decide

MODERATOR, EDITOR = "bench-moderator", "bench-editor"
LOGLINE_MARK = " — edit "


def _staff(username):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=f"{username}@example.org", is_staff=True, is_superuser=True)
        user.set_unusable_password()
        user.save()
    return user


def _summary(writes):
    made = [w for w in writes if w["outcome"] == "made"]
    times = [w["ms"] for w in made]
    return {
        "scheduled": len(writes),
        "made": len(made),
        "nothing_to_do": sum(w["outcome"] == "nothing to do" for w in writes),
        "failed": sum(w["outcome"] == "failed" for w in writes),
        "median_ms": round(statistics.median(times), 1) if times else None,
        "max_ms": round(max(times), 1) if times else None,
        "max_late_ms": round(max((w["late_ms"] for w in writes), default=0), 1),
        "tags_invalidated": sum(w.get("tags", 0) for w in made),
    }


class Command(BaseCommand):
    help = "Make the mixed workload's writes (decisions, editor saves) on the schedule of a bench_mixed_plan plan."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True)
        parser.add_argument("--seconds", type=float, help="stop after this long (default: the plan's)")
        parser.add_argument("--start-at", type=float, help="Unix time of the start (default: now)")
        parser.add_argument("--json", required=True)

    def handle(self, *args, **options):
        plan = json.loads(Path(options["plan"]).read_text())
        seconds = options["seconds"] or plan["seconds"]
        self.moderator, self.editor = _staff(MODERATOR), _staff(EDITOR)
        events = sorted(
            [("decision", w["at"], w["film"]) for w in plan["decisions"]]
            + [("save", w["at"], w["film"]) for w in plan["saves"]],
            key=lambda event: event[1],
        )
        events = [event for event in events if event[1] < seconds]
        start = options["start_at"] or time.time()
        while time.time() < start:
            time.sleep(min(0.05, start - time.time()))
        writes = []
        for number, (kind, at, film_id) in enumerate(events):
            delay = start + at - time.time()
            if delay > 0:
                time.sleep(delay)
            late_ms = max(0.0, (time.time() - start - at) * 1000)
            began = time.perf_counter()
            record = {"kind": kind, "at": at, "film": film_id, "late_ms": round(late_ms, 1)}
            try:
                record.update(self._decide(film_id) if kind == "decision" else self._save(film_id, number))
            except Exception as error:  # noqa: BLE001 - a failed write is a result to report
                record.update(outcome="failed", error=" ".join(f"{type(error).__name__}: {error}".split())[:300])
                self.stderr.write(f"  {kind} on film {film_id} FAILED: {record['error']}")
            record["ms"] = round((time.perf_counter() - began) * 1000, 2)
            writes.append(record)
        elapsed = time.time() - start
        result = {
            "seconds": seconds,
            "elapsed": round(elapsed, 2),
            "decisions": _summary([w for w in writes if w["kind"] == "decision"]),
            "saves": _summary([w for w in writes if w["kind"] == "save"]),
            "writes": writes,
        }
        Path(options["json"]).write_text(json.dumps(result, indent=2))
        self.stdout.write(self.style.SUCCESS(
            f"{result['decisions']['made']} of {result['decisions']['scheduled']} decisions and "
            f"{result['saves']['made']} of {result['saves']['scheduled']} saves made in {elapsed:.1f} s."
        ))

    def _decide(self, film_id):
        submission = Submission.objects.pending().filter(film_id=film_id).order_by("created_at", "pk").first()
        if submission is None:
            return {"outcome": "nothing to do"}
        decide(submission, moderator=self.moderator, to_state=Submission.State.APPROVED)
        return {"outcome": "made", "submission": submission.pk, "tags": 1}

    def _save(self, film_id, number):
        # As the admin's change view: one transaction, a revision, FilmAdmin.save_model then save_related.
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(self.editor)
            reversion.set_comment("Changed Logline.")
            before = film_state(film_id)
            film = Film.objects.get(pk=film_id)
            base = film.logline.split(LOGLINE_MARK)[0]
            suffix = f"{LOGLINE_MARK}{number}."
            film.logline = base[: Film._meta.get_field("logline").max_length - len(suffix)] + suffix
            film.save()
            changed = film_change_tags(before, film_state(film_id))
            tags.invalidate(changed)
        return {"outcome": "made", "tags": len(changed)}
