"""The three paths people take, in a real browser: a moderator works the queue from the keyboard
alone, a reader sends a defense, an editor takes a new film from nothing to live."""

import pytest

from films.models import Film
from submissions.models import Decision, Submission
from tests.factories import make_full_dossier
from tests.submissions.factories import make_submission

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

KEYS = {"a": Submission.State.APPROVED, "r": Submission.State.REJECTED, "s": Submission.State.SPAM,
        "f": Submission.State.APPROVED}


def test_a_moderator_decides_twenty_submissions_with_the_keyboard_alone(browser_for, moderator):
    drive = make_full_dossier("Drive")
    for n in range(20):
        make_submission(drive, body=f"Case number {n}: the elevator scene is the whole film in one minute.")
    page = browser_for(moderator)
    page.goto("/admin/submissions/submission/review/next/")
    keys = "arsf" * 5

    for n, key in enumerate(keys):
        page.wait_for_selector(f"text=Case number {n}:")
        page.keyboard.press(key)
        page.wait_for_load_state("load")

    page.wait_for_selector("text=the queue is clear")
    decided = dict(Decision.objects.values_list("submission__body", "to_state"))
    assert len(decided) == 20
    assert [decided[f"Case number {n}: the elevator scene is the whole film in one minute."]
            for n in range(20)] == [KEYS[key] for key in keys]
    assert not Submission.objects.pending().exists()


def test_a_reader_sends_a_defense_and_is_thanked_with_a_status_link(browser_for):
    drive = make_full_dossier("Drive")
    page = browser_for()
    page.goto(f"/films/{drive.slug}/defend/")

    page.check("input[name=underrated][value=ending]")
    page.fill("textarea[name=body]", "He drives on, wounded, and the film lets the kindness be the point.")
    page.fill("input[name=display_name]", "Night driver")
    page.click(f"form[action=\"/films/{drive.slug}/defend/\"] button[type=submit]")

    page.wait_for_selector("p.form-thanks")
    page.click("p.form-thanks a")
    page.wait_for_selector("text=Your answer on Drive")
    assert "Waiting." in page.inner_text("main")
    assert Submission.objects.get().display_name == "Night driver"


def test_an_editor_takes_a_new_film_from_nothing_to_live(browser_for, editor):
    page = browser_for(editor)
    page.goto("/admin/films/film/add/")
    assert page.locator("section.coverage-panel").is_visible()

    page.locator("#id_title").press_sequentially("Le Cercle Rouge")  # typed, as the slug follows keystrokes
    assert page.input_value("#id_slug") == "le-cercle-rouge"  # filled from the title as it is typed
    page.fill("#id_logline_en", "A thief, a cop and an ex-convict meet at the one job none of them can refuse.")
    page.click("input[name=_publish]")

    page.wait_for_selector("text=Published.")
    film = Film.objects.get(title="Le Cercle Rouge")
    assert film.status == Film.Status.LIVE
    page.click("text=View the live page")
    page.wait_for_selector("h1:has-text('Le Cercle Rouge')")


def test_an_editor_reorders_craft_notes_by_dragging_and_the_order_is_saved(browser_for, editor):
    drive = make_full_dossier("Drive")
    headings = list(drive.entries.filter(section="craft").values_list("heading", flat=True))
    page = browser_for(editor)
    page.goto(f"/admin/films/film/{drive.pk}/change/")
    group = page.locator(".inline-group", has=page.locator("h2", has_text="Craft read notes"))
    group.locator("summary").first.click()  # the section is folded
    handles = group.locator(".reorder-handle")
    assert handles.count() == len(headings)

    handles.nth(0).focus()
    page.keyboard.press("ArrowDown")  # the first note moves below the second
    page.click("input[name=_save]")

    page.wait_for_selector("text=was changed successfully")
    after = list(drive.entries.filter(section="craft").order_by("position").values_list("heading", flat=True))
    assert after == [headings[1], headings[0], *headings[2:]]
