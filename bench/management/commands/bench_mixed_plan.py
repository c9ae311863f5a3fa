"""Plan the benchmark's mixed workload (`make bench`): who reads what, and what the writer changes when.

The readers' pool is --films live films in a seeded random order, ranked: the film of
rank r is read with a weight of 1 / r ** --exponent (Zipf-like: with 2,000 films and
an exponent of 1, most reads fall on the first few hundred). The plan holds:

- `--paths`: --reads dossier paths drawn with those weights, one a line; the reader
  (wrk with bench/mixed.lua) walks this list, each thread from its own offset;
- the writer's schedule (`bench_writes`): one moderation decision every
  1 / --decisions-per-second seconds and one editor save every --save-every seconds,
  each on a film drawn from the same pool with the same weights.

So that every decision finds a pending submission of its film, films drawn more often
than they have pending submissions get the shortfall added here, in bulk (pending
submissions are shown on no public page, so no cached page is touched); the plan says
how many.
"""

import collections
import hashlib
import json
import random
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count

from films.models import Film
from submissions import tallies
from submissions.models import Submission


def zipf_weights(count, exponent):
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


def schedule(seconds, every):
    """Times (s from the start) of a write every `every` seconds, each in the middle of its slot."""
    times = []
    at = every / 2
    while at < seconds:
        times.append(round(at, 3))
        at += every
    return times


class Command(BaseCommand):
    help = "Plan the mixed workload: the readers' skewed list of dossier paths and the writer's schedule (JSON out)."

    def add_arguments(self, parser):
        parser.add_argument("--films", type=int, default=2000, help="live films in the readers' pool")
        parser.add_argument("--exponent", type=float, default=1.0, help="Zipf exponent of the films' popularity")
        parser.add_argument("--reads", type=int, default=100_000, help="length of the readers' path list")
        parser.add_argument("--seconds", type=float, default=60)
        parser.add_argument("--decisions-per-second", type=float, default=1.0)
        parser.add_argument("--save-every", type=float, default=10.0, help="seconds between editor saves")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--json", required=True, help="where to write the plan")
        parser.add_argument("--paths", required=True, help="where to write the readers' path list")

    def handle(self, *args, **options):
        rng = random.Random(f"mixed:{options['seed']}")
        live = list(Film.objects.live().order_by("pk").values_list("pk", "slug"))
        if not live:
            raise CommandError("No live film: run generate_catalog first.")
        rng.shuffle(live)
        pool = live[: options["films"]]
        urls = {pk: Film(pk=pk, slug=slug).get_absolute_url() for pk, slug in pool}
        ids = [pk for pk, _slug in pool]
        weights = zipf_weights(len(ids), options["exponent"])

        ranks = rng.choices(range(len(ids)), weights=weights, k=options["reads"])
        Path(options["paths"]).write_text("".join(urls[ids[rank]] + "\n" for rank in ranks))
        counted = collections.Counter(ranks)

        def share_of_top(top):
            return round(sum(counted[rank] for rank in range(min(top, len(ids)))) / len(ranks), 4)

        decision_times = schedule(options["seconds"], 1 / options["decisions_per_second"])
        save_times = schedule(options["seconds"], options["save_every"])

        def writes(times):
            drawn = rng.choices(range(len(ids)), weights=weights, k=len(times))
            return [{"at": at, "film": ids[rank]} for at, rank in zip(times, drawn, strict=True)]

        decisions, saves = writes(decision_times), writes(save_times)
        added = self._top_up_pending(collections.Counter(d["film"] for d in decisions), options["seed"])

        plan = {
            "films": len(ids),
            "live_films": len(live),
            "exponent": options["exponent"],
            "reads": len(ranks),
            "distinct_in_reads": len(counted),
            "share_of_reads": {"top 10": share_of_top(10), "top 100": share_of_top(100), "top 300": share_of_top(300)},
            "seconds": options["seconds"],
            "decisions_per_second": options["decisions_per_second"],
            "save_every": options["save_every"],
            "decisions": decisions,
            "saves": saves,
            "pending_added": added,
            "pool": [{"id": pk, "url": urls[pk]} for pk in ids],
            "paths_file": str(options["paths"]),
        }
        Path(options["json"]).write_text(json.dumps(plan, indent=2))
        self.stdout.write(self.style.SUCCESS(
            f"Planned {len(ranks):,} reads over {len(counted):,} of {len(ids):,} films (top 300: "
            f"{plan['share_of_reads']['top 300']:.0%} of reads), {len(decisions)} decisions and {len(saves)} saves "
            f"in {options['seconds']:g} s; {added} pending submissions added."
        ))

    def _top_up_pending(self, needed, seed):
        """Bulk-add pending submissions to films the writer decides on more often than they have some."""
        pending = dict(
            Submission.objects.pending().filter(film_id__in=needed).order_by().values_list("film_id")
            .annotate(total=Count("pk"))
        )
        rows = []
        for film_id, count in sorted(needed.items()):
            for n in range(max(0, count - pending.get(film_id, 0))):
                rows.append(Submission(
                    film_id=film_id,
                    kind=Submission.Kind.DEFENSE,
                    underrated=Submission.Underrated.values[n % len(Submission.Underrated.values)],
                    body="A case for this film, queued for the benchmark's moderator.",
                    display_name="Bench reader",
                    client_key=hashlib.sha256(f"bench-writer:{film_id}".encode()).hexdigest(),
                    fingerprint=hashlib.sha256(f"bench-writer:{seed}:{film_id}:{n}".encode()).hexdigest(),
                ))
        if rows:
            with transaction.atomic():
                Submission.objects.bulk_create(rows)
                tallies.add(Submission.State.PENDING, len(rows))  # bulk inserts send no signals
        return len(rows)
