"""Fixtures for the performance tests: Drive as a live dossier, anonymous visitors whose browsers
keep cookies and CSRF checks honest, and clocks the test moves (site time and the submissions' clock)."""

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
        client_hash="0" * 64,
        fingerprint="",
    )


class Clock:
    """Stands in for a `now()`: time moves only when the test says so."""

    def __init__(self, start):
        self.current = start

    def now(self):
        return self.current

    def advance(self, delta):
        self.current += delta


@pytest.fixture
def site_clock(monkeypatch):
    """`django.utils.timezone.now` for the whole site (visibility and the content version read it)."""
    clock = Clock(timezone.now().replace(microsecond=0))
    monkeypatch.setattr("django.utils.timezone.now", clock.now)
    return clock


@pytest.fixture
def form_clock(monkeypatch):
    """`submissions.clock.now`, in seconds: the reader forms' fill-time tokens read it."""
    clock = Clock(1_800_000_000.0)
    monkeypatch.setattr("submissions.clock.now", clock.now)
    return clock
