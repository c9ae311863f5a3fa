"""Fixtures for the performance tests: Drive as a live dossier, anonymous visitors whose browsers
keep cookies and CSRF checks honest, and a site clock the test moves."""

import time
import types
from datetime import timedelta

import pytest
from django.utils import timezone

from films.models import Film
from submissions.models import Submission
from tests.clients import browser
from tests.factories import make_full_dossier


@pytest.fixture
def drive(db):
    """Drive, live, with every dossier section filed."""
    return make_full_dossier("Drive")


@pytest.fixture
def draft_drive(db):
    """Drive, fully authored but still a draft."""
    return make_full_dossier("Drive", status=Film.Status.DRAFT)


@pytest.fixture
def visitor():
    """An anonymous reader whose browser is checked for CSRF, as a real one is."""
    return browser(enforce_csrf_checks=True)


@pytest.fixture
def another_visitor():
    return browser(enforce_csrf_checks=True)


@pytest.fixture
def pending_defense(drive):
    """A reader's defense of Drive, waiting in the review queue."""
    return Submission.objects.create(
        film=drive,
        kind=Submission.Kind.DEFENSE,
        underrated=Submission.Underrated.ENDING,
        body="The ending is a quiet promise kept: he drives on, and the city keeps its secret.",
        display_name="Night driver",
        client_key="0" * 64,
        fingerprint="",
    )


class SiteClock:
    """The site's time, ahead of the real time by as much as the test has moved it.

    It keeps running (a page rendered after a change is later than the change, as on a real
    server); `advance` jumps it forward.
    """

    def __init__(self, real_now, real_time):
        self._real_now, self._real_time = real_now, real_time
        self.offset = 0.0

    def now(self):
        """For `django.utils.timezone.now`: what the models (go-live times) read."""
        return self._real_now() + timedelta(seconds=self.offset)

    def time(self):
        """For `time.time` as the page cache reads it: when a page was rendered, a tag
        invalidated, a stored page expires."""
        return self._real_time() + self.offset

    def advance(self, delta):
        self.offset += delta.total_seconds()


@pytest.fixture
def site_clock(monkeypatch):
    """One clock for the whole site: `django.utils.timezone.now` and the page cache's `time.time`
    both move with it, so a stored page's expiry (a go-live time) passes when the go-live does."""
    clock = SiteClock(timezone.now, time.time)
    monkeypatch.setattr("django.utils.timezone.now", clock.now)
    page_cache_time = types.SimpleNamespace(time=clock.time)
    monkeypatch.setattr("pagecache.middleware.time", page_cache_time)
    monkeypatch.setattr("pagecache.tags.time", page_cache_time)
    return clock
