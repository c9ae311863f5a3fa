"""`load_demo` fills an empty site with a fully authored Drive, and running it again changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from editorial.coverage import coverage_of
from editorial.models import Collection, CollectionItem, DossierEntry
from films.models import BehindTheScenesPhoto, Credit, Film, Genre, Person, SceneClip, ThemedFilm, VideoSignal
from submissions import tallies
from submissions.models import Decision, Submission
from tests.html import page_of

pytestmark = pytest.mark.django_db

COUNTED = [Film, Person, Credit, Genre, ThemedFilm, VideoSignal, BehindTheScenesPhoto, SceneClip,
           DossierEntry, Collection, CollectionItem, User, Group, Submission, Decision]


def snapshot(media_root):
    """Row counts per model and the files under MEDIA_ROOT."""
    rows = {model.__name__: model.objects.count() for model in COUNTED}
    files = sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file())
    return rows, files


def load_demo():
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


# One test, because generating the demo images is the slowest thing in the suite.
def test_load_demo_twice_is_idempotent_and_drive_ends_fully_authored(reader, media_root):
    load_demo()
    first = snapshot(media_root)

    load_demo()
    second = snapshot(media_root)

    assert first[0]["Film"] >= 2
    assert first[1], "the demo writes its images to MEDIA_ROOT"
    assert second == first

    drive = Film.objects.get(title="Drive")
    coverage = coverage_of(drive)
    assert drive.status == Film.Status.LIVE
    assert [check.label for check in coverage.missing] == []
    assert (coverage.score, coverage.total, coverage.tier.name) == (13, 13, "fully authored")

    response = reader.get(drive.get_absolute_url())
    assert response.status_code == 200
    section = page_of(response).by_id("coverage")
    assert "13/13" in section.text
    assert "fully authored" in section.text

    # The queue is at work from the first run: every state, tallies that match, answers on the page.
    states = set(Submission.objects.values_list("state", flat=True))
    assert states == set(Submission.State.values)
    assert tallies.counts() == {state: Submission.objects.filter(state=state).count()
                                for state in Submission.State.values}
    assert "The ending refuses the rescue we want" in response.content.decode()
    assert "Cheap watches" not in response.content.decode()
