"""Fixtures for the public navigation: a clock the test controls, and a small catalog around one dossier."""

import time
import types
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from editorial import publishing
from editorial.models import Collection
from films.models import Credit, Film, Person
from tests.factories import add_credit, make_collection, make_film, make_person


class Clock:
    """Stands in for `django.utils.timezone.now`: the models' now moves only when the test says so.

    The page cache's `time.time` is set to the same moment at each move but keeps running from
    there, as on a real server: a page rendered after a change is later than the change, and a
    page stored before a go-live time has expired once the clock is moved past it.
    """

    def __init__(self, start):
        self.move_to(start)

    def now(self):
        return self.current

    def time(self):
        return time.time() + self._offset

    def move_to(self, moment):
        self.current = moment
        self._offset = moment.timestamp() - time.time()

    def advance(self, delta):
        self.move_to(self.current + delta)


@pytest.fixture
def clock(monkeypatch):
    """Now is frozen near the real time (so signed-in sessions stay valid) until the test moves it."""
    clock = Clock(timezone.now().replace(microsecond=0))
    # Every reader of the time calls `timezone.now()` at query time: patching it moves them all.
    monkeypatch.setattr("django.utils.timezone.now", clock.now)
    page_cache_time = types.SimpleNamespace(time=clock.time)
    monkeypatch.setattr("pagecache.middleware.time", page_cache_time)
    monkeypatch.setattr("pagecache.tags.time", page_cache_time)
    return clock


@dataclass
class Catalog:
    """Drive is live; Only God Forgives (same director, a shared theme, the same shelf, featured) is under test."""

    refn: Person
    drive: Film
    film: Film  # Only God Forgives, in whatever state the fixture left it
    actor: Person  # credited on Only God Forgives alone
    shelf: Collection
    shared_theme: str = "loneliness"
    own_theme: str = "revenge"  # carried by Only God Forgives alone
    own_genre: str = "Thriller"  # Only God Forgives alone

    # Through the service the admin uses, which empties the cached pages that show the film once
    # its transaction commits. The test's own transaction never does: the callbacks run as the
    # service returns, where a real commit would run them.
    def publish(self):
        with TestCase.captureOnCommitCallbacks(execute=True):
            publishing.publish([self.film], user=None)

    def unpublish(self):
        with TestCase.captureOnCommitCallbacks(execute=True):
            publishing.unpublish([self.film], user=None)


def build_catalog(status, go_live_at=None):
    refn = make_person("Nicolas Winding Refn")
    drive = make_film("Drive", year=2011, director=refn, genres=["Crime"], themes=["loneliness", "neon"])
    film = make_film(
        "Only God Forgives",
        status=status,
        go_live_at=go_live_at,
        year=2013,
        director=refn,
        logline="A drug smuggler in Bangkok is pushed to avenge his brother.",
        genres=["Thriller"],
        themes=["loneliness", "revenge"],
        is_featured=True,
    )
    actor = make_person("Kristin Scott Thomas")
    add_credit(film, actor, role=Credit.Role.CAST, character="Crystal", billing_order=1)
    shelf = make_collection("Night drives", films=[drive, film])
    return Catalog(refn=refn, drive=drive, film=film, actor=actor, shelf=shelf)


@pytest.fixture
def draft_catalog(db):
    return build_catalog(Film.Status.DRAFT)


GO_LIVE_IN = timedelta(days=1)


@pytest.fixture
def scheduled_catalog(db, clock):
    """Only God Forgives is live but scheduled a day after the clock's now."""
    return build_catalog(Film.Status.LIVE, go_live_at=clock.now() + GO_LIVE_IN)


@pytest.fixture(params=["page cache off", "page cache on"])
def either_page_cache(request):
    """Run once reading fresh pages, once through the anonymous page cache production runs with."""
    if request.param == "page cache on":
        request.getfixturevalue("page_cache_on")
    return request.param
