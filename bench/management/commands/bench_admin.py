"""Measure the staff pages issue 16 set targets for, in-process: the film change form opened and
saved unchanged, the films search and the review queue search (median ms, query count).

Run on a generated catalog with DEBUG off, e.g.
    manage.py generate_catalog --films 10000 --settings bench.settings
    manage.py bench_admin --settings bench.settings
The figures go to docs/admin-benchmarks.md by hand: `make bench` measures the GET pages too
(bench_pages), but not the save.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.management.commands.bench_pages import BENCH_ADMIN
from editorial.coverage import CHECKS
from films.models import Film
from tests.navigation.forms import form_data


class Command(BaseCommand):
    help = "Time the film change form (open, save unchanged) and the admin searches; print a table."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15)
        parser.add_argument("--search", default="night")

    def handle(self, *args, runs, search, **options):
        film = Film.objects.filter(coverage_score=len(CHECKS)).order_by("pk").first()
        if film is None:
            raise CommandError("No fully authored film: run generate_catalog first.")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(self._superuser())
        change = f"/admin/films/film/{film.pk}/change/"
        unchanged = self._unchanged(client, change)
        rows = [
            ("film change form, open", lambda: client.get(change)),
            ("film change form, save unchanged", lambda: client.post(change, unchanged)),
            ("films search (title, people)", lambda: client.get("/admin/films/film/", {"q": search})),
            ("review queue search (text)", lambda: client.get("/admin/submissions/submission/", {"q": search})),
        ]
        self.stdout.write("| page | median ms | queries |\n|---|--:|--:|")
        for name, request in rows:
            self.stdout.write(f"| {name} | {self._median_ms(request, runs):.1f} | {self._queries(request)} |")

    @staticmethod
    def _unchanged(client, url):
        # Without the time the form was opened, so that saving it again and again is not
        # refused as a save over newer changes (editorial.film_form).
        data = {**form_data(client.get(url)), "_save": ["Save"]}
        data.pop("opened_at", None)
        return data

    @staticmethod
    def _median_ms(request, runs):
        times = []
        for _ in range(runs + 3):
            start = time.perf_counter()
            request()
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times[3:])  # after three warm-up requests

    @staticmethod
    def _queries(request):
        with CaptureQueriesContext(connection) as queries:
            request()
        return len(queries)

    @staticmethod
    def _superuser():
        user, _ = get_user_model().objects.get_or_create(
            username=BENCH_ADMIN, defaults={"is_staff": True, "is_superuser": True}
        )
        return user
