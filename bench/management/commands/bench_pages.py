"""Measure pages in-process: render time (median, p90) and query count, for `make bench`.

Every page is requested through the whole middleware stack with Django's test
client: 3 warm-up requests, then --runs timed requests (time.perf_counter
around `client.get`), then one more request inside CaptureQueriesContext to
count the queries. The timed runs are made outside CaptureQueriesContext,
because capturing forces query logging on (DEBUG-style) and that costs time;
run this with DEBUG off.

Public pages are measured with the page cache off (uncached rendering); the
dossier is measured once more with the page cache on and warmed (a cache hit).
The admin changelists are requested as a superuser (created if missing).

Which film, person, theme, genre and collection to request is decided from the
data: the dossier of the live film with the most approved reader answers among
those that pass all 13 coverage checks, the director with the most live films,
the theme and genre that most live films carry, the largest live collection.
The filtered catalog is measured on the deepest page its genre fills (up to page
5), so that every scale draws a full page of films.
"""

import json
import math
import platform
import sqlite3
import statistics
import sys
import time
from pathlib import Path

import django
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from taggit.models import Tag

from editorial.coverage import CHECKS
from editorial.models import Collection
from films.models import Credit, Film, Genre, Person
from pagecache.tags import purge_all
from public.views import CATALOG_PAGE_SIZE
from submissions.models import Submission

BENCH_ADMIN = "bench-admin"


def _database_version():
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        major, rest = divmod(connection.pg_version, 10000)  # e.g. 170002 -> 17.2
        return f"{major}.{rest}"
    return sqlite3.sqlite_version


def percentile(values, fraction):
    """Nearest-rank percentile of a list of numbers."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


class Command(BaseCommand):
    help = "Time the public pages and the admin changelists in-process (median, p90, query count); JSON out."

    def add_arguments(self, parser):
        parser.add_argument("--label", required=True, help="A name for this run, e.g. the scale.")
        parser.add_argument("--json", required=True, help="Where to write the results.")
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--search", default="night", help="The word to search for.")

    def handle(self, *args, **options):
        if settings.DEBUG:
            self.stderr.write(self.style.WARNING(
                "DEBUG is on: templates and queries cost more than in production. Run with DEBUG=off."
            ))
        self.runs, self.warmup = options["runs"], options["warmup"]
        host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*", "") and not h.startswith(".")), "127.0.0.1")
        self.host = host.strip("[]") if host.startswith("[") else host
        reader = Client(HTTP_HOST=self.host)
        admin = Client(HTTP_HOST=self.host)
        admin.force_login(self._superuser())

        picked = self._pick(options["search"])
        public = [
            ("dossier", picked["dossier"]),
            ("catalog", "/films/"),
            ("catalog, filtered, deep page", f"/films/?genre={picked['genre']}&sort=year&page={picked['genre page']}"),
            ("search", f"/search/?q={options['search']}"),
            ("person (director)", picked["person"]),
            ("theme", picked["theme"]),
            ("collection", picked["collection"]),
            ("home", "/"),
        ]
        admin_pages = [
            ("admin: films changelist", "/admin/films/film/"),
            ("admin: review queue changelist", "/admin/submissions/submission/"),
            ("admin: film change form (the dossier's film)", f"/admin/films/film/{picked['dossier pk']}/change/"),
            ("admin: films search (title, people)", f"/admin/films/film/?q={options['search']}"),
            ("admin: review queue search (text)", f"/admin/submissions/submission/?q={options['search']}"),
        ]

        results = []
        with override_settings(PAGE_CACHE=False):
            for name, url in public:
                results.append(self._measure(name, url, reader))
            for name, url in admin_pages:
                results.append(self._measure(name, url, admin))
        with override_settings(PAGE_CACHE=True):
            purge_all()
            # A page rendered within PAGE_CACHE_CLOCK_SKEW of an invalidation is not trusted
            # (pagecache.middleware): let the purge age first, so the first warm-up stores a page
            # the next requests hit.
            time.sleep(settings.PAGE_CACHE_CLOCK_SKEW + 0.05)
            results.append(self._measure("dossier (page cache on)", picked["dossier"], reader, expect_cache="hit"))
            purge_all()
        # The floor of the stack (middleware, one SELECT 1): a reference, not a page with a target.
        reference = self._measure("/healthz (reference)", "/healthz", reader)
        reference["reference"] = True
        results.append(reference)

        database_version = _database_version()
        report = {
            "label": options["label"],
            "runs": self.runs,
            "warmup": self.warmup,
            "debug": settings.DEBUG,
            "counts": {
                "live films": Film.objects.live().count(),
                "people": Person.objects.count(),
                "credits": Credit.objects.count(),
                "submissions": Submission.objects.count(),
                "pending submissions": Submission.objects.pending().count(),
            },
            "picked": picked,
            "versions": {
                "python": platform.python_version(),
                "django": django.get_version(),
                "database": f"{connection.vendor} {database_version}",
            },
            "pages": results,
        }
        Path(options["json"]).write_text(json.dumps(report, indent=2))
        self.stdout.write(self.style.SUCCESS(f"Wrote {options['json']}"))

    # ------------------------------------------------------------------ what to request

    def _superuser(self):
        User = get_user_model()
        user = User.objects.filter(username=BENCH_ADMIN).first()
        if user is None:
            user = User(username=BENCH_ADMIN, email="bench@example.org", is_staff=True, is_superuser=True)
            user.set_unusable_password()  # force_login only: nobody signs in as this account
            user.save()
        return user

    def _pick(self, word):
        live = Film.objects.live()
        fully_authored = live.filter(coverage_score=len(CHECKS)).values("pk")
        busiest = (
            live.filter(pk__in=fully_authored)
            .annotate(approved=Count("submissions", filter=Q(submissions__state=Submission.State.APPROVED)))
            .order_by("-approved", "pk")
            .first()
        )
        if busiest is None:
            raise CommandError("No live film passes every coverage check: run generate_catalog first.")
        director = (
            Person.objects.filter(credits__role=Credit.Role.DIRECTOR, credits__film__in=live)
            .annotate(films=Count("credits"))
            .order_by("-films", "pk")
            .first()
        )
        theme = (
            Tag.objects.filter(films_themedfilm_items__content_object__in=live)
            .annotate(films=Count("films_themedfilm_items"))
            .order_by("-films", "pk")
            .first()
        )
        genre = Genre.objects.filter(films__in=live).annotate(live_films=Count("films")).order_by("-live_films", "pk").first()
        collection = (
            Collection.objects.live().annotate(size=Count("items")).order_by("-size", "pk").first()
        )
        if not (director and theme and genre and collection):
            raise CommandError("The catalog lacks a director, theme, genre or collection: run generate_catalog.")
        return {
            "dossier": busiest.get_absolute_url(),
            "dossier pk": busiest.pk,
            "dossier approved answers": busiest.approved,
            "person": director.get_absolute_url(),
            "person live films": director.films,
            "theme": f"/themes/{theme.slug}/",
            "theme live films": theme.films,
            "genre": genre.slug,
            "genre live films": genre.live_films,
            # The deepest page the genre fills, up to 5, so that every scale draws a full page
            # rather than one past the end (the report says which page each scale measured).
            "genre page": max(1, min(5, genre.live_films // CATALOG_PAGE_SIZE)),
            "collection": collection.get_absolute_url(),
            "collection films": collection.size,
            "search": word,
        }

    # ------------------------------------------------------------------ measuring

    def _get(self, client, url):
        response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"GET {url} answered {response.status_code}, not 200.")
        return response

    def _measure(self, name, url, client, expect_cache=None):
        """Time one page; a page that fails is reported as failed (with why), and the run goes on."""
        try:
            return self._time(name, url, client, expect_cache)
        except Exception as error:  # noqa: BLE001 - any failure of the page is a result to report
            message = " ".join(f"{type(error).__name__}: {error}".split())[:300]
            self.stderr.write(self.style.ERROR(f"  {name:<34} FAILED: {message}  {url}"))
            return {"name": name, "url": url, "error": message, "median_ms": None, "p90_ms": None,
                    "min_ms": None, "max_ms": None, "queries": None, "query_ms": None, "bytes": None, "sql": [],
                    "times_ms": []}

    def _time(self, name, url, client, expect_cache):
        # A cached page needs two: the first renders and stores it, the next must be a hit.
        for _ in range(max(self.warmup, 2 if expect_cache else 1)):
            response = self._get(client, url)
        if expect_cache and response.get("X-Page-Cache") != expect_cache:
            raise CommandError(f"GET {url}: expected a page-cache {expect_cache}, got {response.get('X-Page-Cache')!r}.")
        times = []
        for _ in range(self.runs):
            started = time.perf_counter()
            self._get(client, url)
            times.append((time.perf_counter() - started) * 1000)
        # Counted apart from the timing: capturing queries turns query logging on.
        with CaptureQueriesContext(connection) as captured:
            response = self._get(client, url)
        queries = [{"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"][:20000]} for q in captured.captured_queries]
        result = {
            "name": name,
            "url": url,
            "median_ms": round(statistics.median(times), 2),
            "p90_ms": round(percentile(times, 0.9), 2),
            "min_ms": round(min(times), 2),
            "max_ms": round(max(times), 2),
            "queries": len(queries),
            "query_ms": round(sum(q["ms"] for q in queries), 2),
            "bytes": len(response.content),
            "sql": queries,
            "times_ms": [round(value, 3) for value in times],
        }
        self.stdout.write(
            f"  {name:<34} {result['median_ms']:8.2f} ms median {result['p90_ms']:8.2f} ms p90 "
            f"{result['queries']:3d} queries ({result['query_ms']:.1f} ms in SQL)  {url}"
        )
        sys.stdout.flush()
        return result
