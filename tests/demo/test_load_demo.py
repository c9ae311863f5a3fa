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


def load_demo(*args):
    """Runs it; what it printed."""
    printed = StringIO()
    call_command("load_demo", *args, stdout=printed, stderr=StringIO())
    return printed.getvalue()


# One test, because generating the demo images is the slowest thing in the suite.
def test_load_demo_twice_is_idempotent_and_drive_ends_fully_authored(reader, media_root):
    load_demo()
    first = snapshot(media_root)

    printed = load_demo("--served-at", "http://127.0.0.1:8401")  # make demo PORT=8401
    second = snapshot(media_root)

    assert first[0]["Film"] >= 2
    assert first[1], "the demo writes its images to MEDIA_ROOT"
    assert second == first
    assert "Admin:   http://127.0.0.1:8401/admin/\n" in printed, "the address actually served"
    assert "Dossier: http://127.0.0.1:8401/films/drive/\n" in printed

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

    # Issue 17's demo: the plot behind its warning, trivia from a list with its repeats grouped,
    # Drive's French, and a film that stays English-only.
    page = page_of(response)
    plot = page.by_id("plot")
    assert plot.find("details") is not None and "Shannon" in plot.find("details").text
    trivia = drive.trivia.all()
    assert trivia.count() >= 20
    repeats = {item.similarity for item in trivia if item.duplicate_of_id}
    assert 100 in repeats, "the file's word-for-word repeat is grouped"
    assert any(85 <= score < 100 for score in repeats), "and so is its reworded one"
    shown = page.by_id("trivia")
    assert shown is not None and shown.find("details") is not None, "a spoiler item behind a reveal"

    french = page_of(reader.get("/fr" + drive.get_absolute_url()))
    assert french.find("html").attrs["lang"] == "fr"
    assert drive.logline_fr and drive.logline_fr in french.text
    for section in ("why-it-matters", "craft-read"):
        assert not any(node.attrs.get("lang") == "en" for node in french.by_id(section).iter()), section
    assert any(node.attrs.get("lang") == "en" for node in french.by_id("production-notes").iter())

    english_only = Film.objects.exclude(pk=drive.pk).filter(status=Film.Status.LIVE).first()
    assert english_only.logline and not english_only.logline_fr
    assert not DossierEntry.objects.filter(film=english_only, body_fr__gt="").exists()
