"""Fixtures for reader submissions: a clock the test controls, Drive and Thief.

(Every test already has an empty cache of its own, so rate-limit counts never leak: tests/conftest.py.)
"""

import pytest

from films.models import Credit
from tests.factories import make_film, make_full_dossier

# A moment at the very start of a rate-limit window (a multiple of 600 seconds).
CLOCK_START = 1_800_000_000.0


class ControlledClock:
    """Stands in for `submissions.clock.now`: time moves only when the test says so."""

    def __init__(self, start):
        self.current = start

    def now(self):
        return self.current

    def advance(self, seconds):
        self.current += seconds


@pytest.fixture
def controlled_clock(monkeypatch):
    clock = ControlledClock(CLOCK_START)
    monkeypatch.setattr("submissions.clock.now", clock.now)
    return clock


@pytest.fixture
def drive(db):
    """Drive with every section filed: three shelf clips and a live collection (a watch-next pathway)."""
    return make_full_dossier("Drive")


@pytest.fixture
def thief(drive):
    """Another live dossier by the same director, to be suggested as a next pick."""
    refn = drive.credits.get(role=Credit.Role.DIRECTOR).person
    return make_film("Thief", year=1981, director=refn)
