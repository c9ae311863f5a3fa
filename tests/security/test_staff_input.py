"""What staff type or paste into the admin is answered with a field error, a message or a 400, and
what a reader types with a control character in it gets a field error with the text kept."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from films.models import Credit, Film
from submissions.models import Submission
from tests.factories import make_full_dossier
from tests.navigation.forms import form_data as admin_form_data
from tests.navigation.forms import inline_prefix, inline_row
from tests.submissions.factories import READER_TEXT, form_data, form_url, make_submission

pytestmark = pytest.mark.django_db

VERTICAL_TAB = "\x0b"  # what a paste from a word processor leaves behind; XML cannot carry it


@pytest.fixture
def drive():
    return make_full_dossier("Drive")


def change_form(editor_client, film):
    path = reverse("admin:films_film_change", args=[film.pk])
    page = editor_client.get(path)
    assert page.status_code == 200
    return path, page, {**admin_form_data(page), "_save": ["Save"]}


@pytest.mark.parametrize("field", ["title", "logline_en"])
def test_a_control_character_in_a_film_field_is_a_field_error_and_keeps_the_form(editor_client, drive, field):
    path, _page, data = change_form(editor_client, drive)
    data[field] = [f"Night{VERTICAL_TAB} drive"]

    response = editor_client.post(path, data)

    assert response.status_code == 200
    assert "control character" in str(response.context["adminform"].form.errors[field])
    drive.refresh_from_db()
    assert VERTICAL_TAB not in getattr(drive, field)


def test_a_control_character_in_an_inline_is_a_field_error(editor_client, drive):
    path, page, data = change_form(editor_client, drive)
    prefix = inline_prefix(page, Credit)
    row = inline_row(data, prefix, character="Driver")
    data[f"{prefix}-{row}-character"] = [f"Dri{VERTICAL_TAB}ver"]

    response = editor_client.post(path, data)

    assert response.status_code == 200
    errors = [inline.formset.errors for inline in response.context["inline_admin_formsets"]
              if inline.formset.prefix == prefix][0]
    assert "control character" in str(errors[row]["character"])
    assert Credit.objects.filter(film=drive, character="Driver").exists()


def test_text_without_control_characters_still_saves(editor_client, drive):
    path, _page, data = change_form(editor_client, drive)
    data["logline_en"] = ["A driver\twith\nno name, « and » a scorpion ★"]

    assert editor_client.post(path, data).status_code == 302
    drive.refresh_from_db()
    assert drive.logline == "A driver\twith\nno name, « and » a scorpion ★"


@pytest.mark.parametrize("lookup", ["logline__startswith=A", "pk__range=1", "title__regex=("])
def test_a_lookup_the_changelist_does_not_offer_is_a_400(editor_client, drive, lookup):
    response = editor_client.get(f"/admin/films/film/?{lookup}")

    assert response.status_code == 400


def test_a_filter_the_changelist_offers_still_filters(editor_client, drive):
    response = editor_client.get("/admin/films/film/?status__exact=live")

    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [drive]


@pytest.mark.parametrize("selection", ["x", "1 OR 1=1", "9" * 40])
def test_an_action_on_a_selection_that_is_not_ids_says_so_and_changes_nothing(editor_client, drive, selection):
    before = Film.objects.values_list("status", flat=True).get()

    response = editor_client.post(
        "/admin/films/film/", {"action": "unpublish_selected", "_selected_action": [selection]}, follow=True
    )

    assert response.status_code == 200
    assert "could not be read" in response.content.decode()
    assert Film.objects.values_list("status", flat=True).get() == before


def test_a_control_character_in_a_reader_form_is_a_field_error_with_the_text_kept(client, drive):
    body = f"{READER_TEXT}{VERTICAL_TAB}And the jacket."

    response = client.post(form_url(drive, "defend"), form_data(drive, "defend", body=body))

    assert response.status_code == 400  # a refused form, as for any other field error
    html = response.content.decode()
    assert "control character" in html
    assert escape(READER_TEXT) in html and "And the jacket." in html
    assert Submission.objects.count() == 0


def test_a_control_character_in_a_review_note_keeps_the_note_and_decides_nothing(moderator_client, drive):
    submission = make_submission(drive)

    response = moderator_client.post(
        f"/admin/submissions/submission/{submission.pk}/review/",
        {"decision": "approve", "seen_state": "pending", "seen_featured": "0", "note": f"Sharp{VERTICAL_TAB} read."},
    )

    assert response.status_code == 400
    assert "control character" in response.content.decode()
    assert f"Sharp{VERTICAL_TAB} read." in response.content.decode()
    submission.refresh_from_db()
    assert submission.state == Submission.State.PENDING


def test_a_review_post_with_a_made_up_state_decides_nothing(moderator_client, drive):
    submission = make_submission(drive)

    response = moderator_client.post(
        f"/admin/submissions/submission/{submission.pk}/review/",
        {"decision": "approve", "seen_state": "pending\x00", "note": "Fine."},
    )

    assert response.status_code == 400
    submission.refresh_from_db()
    assert submission.state == Submission.State.PENDING
