"""Film history: every admin save is a version with its editor; an earlier version can be restored whole."""

import re

import pytest

from editorial.models import CraftNote
from reversion.models import Version
from tests.factories import make_full_dossier
from tests.html import page_of
from tests.navigation.forms import form_data, form_errors, inline_prefix, inline_row

pytestmark = pytest.mark.django_db

FIRST_LOGLINE = "A getaway driver who keeps his own rules, until a neighbour breaks them."
SECOND_LOGLINE = "A stuntman with a toothpick and a scorpion jacket falls for the wrong family."
FIRST_MOOD = "A synth-pop lullaby over empty freeways."
SECOND_MOOD = "Pastel neon turning into arterial red."


def change_url(film):
    return f"/admin/films/film/{film.pk}/change/"


def history_url(film):
    return f"/admin/films/film/{film.pk}/history/"


def edit_through_admin(client, film, *, logline, mood):
    """What an editor does: open the film, change the logline and the Mood note, press Save."""
    page = client.get(change_url(film))
    assert page.status_code == 200
    data = form_data(page)
    data["logline_en"] = [logline]
    craft = inline_prefix(page, CraftNote)
    data[f"{craft}-{inline_row(data, craft, heading_en='Mood')}-body_en"] = [mood]
    data["_save"] = ["Save"]

    response = client.post(change_url(film), data)

    assert response.status_code == 302, form_errors(response)
    assert response.url == "/admin/films/film/"


def history_rows(response):
    """(version id, user) for each row of the history table, as listed (newest first)."""
    table = page_of(response).find("table", id="change-history")
    columns = [cell.text for cell in table.find("thead").find("tr").children if not isinstance(cell, str)]
    listed = []
    for row in table.find("tbody").find_all("tr"):
        cells = [cell for cell in row.children if not isinstance(cell, str)]
        link = cells[columns.index("Date/time")].find("a")
        version_id = int(re.fullmatch(r"/admin/films/film/\d+/history/(\d+)/", link.attrs["href"]).group(1))
        listed.append((version_id, cells[columns.index("User")].text))
    return listed


def public_text(client, film):
    page = page_of(client.get(film.get_absolute_url()))
    return page.find("p", class_="hero__logline").text, page.by_id("craft-read").text


@pytest.fixture
def drive():
    return make_full_dossier("Drive")


@pytest.fixture
def edited_twice(editor_client, drive):
    edit_through_admin(editor_client, drive, logline=FIRST_LOGLINE, mood=FIRST_MOOD)
    edit_through_admin(editor_client, drive, logline=SECOND_LOGLINE, mood=SECOND_MOOD)
    return drive


def test_each_admin_save_shows_on_the_public_page(reader, editor_client, drive):
    edit_through_admin(editor_client, drive, logline=FIRST_LOGLINE, mood=FIRST_MOOD)

    logline, craft = public_text(reader, drive)

    assert logline == FIRST_LOGLINE
    assert FIRST_MOOD in craft
    assert "Neon calm." not in craft


def test_history_lists_each_version_with_its_editor(editor_client, edited_twice):
    response = editor_client.get(history_url(edited_twice))

    assert response.status_code == 200
    rows = history_rows(response)
    assert [user for _version, user in rows] == ["editor", "editor"]
    stored = list(Version.objects.get_for_object(edited_twice).order_by("-pk").values_list("pk", flat=True))
    assert [version for version, _user in rows] == stored


def test_restoring_the_first_version_brings_its_text_back_to_the_public_page(reader, editor_client, edited_twice):
    film = edited_twice
    assert public_text(reader, film)[0] == SECOND_LOGLINE
    first_version = history_rows(editor_client.get(history_url(film)))[-1][0]
    revert_url = f"/admin/films/film/{film.pk}/history/{first_version}/"

    revert_form = editor_client.get(revert_url)
    assert revert_form.status_code == 200
    data = form_data(revert_form)
    assert data["logline_en"] == [FIRST_LOGLINE], "the revert form shows the version being restored"
    data["_save"] = ["Save"]
    response = editor_client.post(revert_url, data)

    assert response.status_code == 302, form_errors(response)
    logline, craft = public_text(reader, film)
    assert logline == FIRST_LOGLINE
    assert FIRST_MOOD in craft
    assert SECOND_MOOD not in craft
    film.refresh_from_db()
    assert film.logline == FIRST_LOGLINE
    assert CraftNote.objects.get(film=film, heading="Mood").body == FIRST_MOOD


def test_viewing_an_old_version_changes_nothing(reader, editor_client, edited_twice):
    first_version = history_rows(editor_client.get(history_url(edited_twice)))[-1][0]

    assert editor_client.get(f"/admin/films/film/{edited_twice.pk}/history/{first_version}/").status_code == 200

    assert public_text(reader, edited_twice)[0] == SECOND_LOGLINE


def test_the_restore_is_itself_a_version_in_the_history(editor_client, edited_twice):
    film = edited_twice
    first_version = history_rows(editor_client.get(history_url(film)))[-1][0]
    revert_url = f"/admin/films/film/{film.pk}/history/{first_version}/"
    data = form_data(editor_client.get(revert_url))
    editor_client.post(revert_url, {**data, "_save": ["Save"]})

    response = editor_client.get(history_url(film))

    assert len(history_rows(response)) == 3
    newest = page_of(response).find("table", id="change-history").find("tbody").find("tr")
    assert "Reverted to previous version" in newest.text


def test_moderator_cannot_see_a_films_history(moderator_client, edited_twice):
    assert moderator_client.get(history_url(edited_twice)).status_code == 403


def test_moderator_cannot_open_or_restore_a_version(moderator_client, editor_client, edited_twice):
    first_version = history_rows(editor_client.get(history_url(edited_twice)))[-1][0]
    revert_url = f"/admin/films/film/{edited_twice.pk}/history/{first_version}/"

    assert moderator_client.get(revert_url).status_code == 403
    assert moderator_client.post(revert_url, {"logline_en": "Vandalised", "_save": "Save"}).status_code == 403
    edited_twice.refresh_from_db()
    assert edited_twice.logline == SECOND_LOGLINE


def test_readers_are_sent_to_the_admin_login_for_history(reader, drive):
    response = reader.get(history_url(drive))

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_restoring_a_version_with_an_older_slug_keeps_the_newer_links_working(reader, editor_client, drive):
    """Restoring is a slug change made through the admin: the slug it replaces must redirect like any other."""
    edit_through_admin(editor_client, drive, logline=FIRST_LOGLINE, mood=FIRST_MOOD)  # version 1, at /films/drive/
    page = editor_client.get(change_url(drive))
    response = editor_client.post(change_url(drive), {**form_data(page), "slug": ["drive-2011"], "_save": ["Save"]})
    assert response.status_code == 302, form_errors(response)
    first_version = history_rows(editor_client.get(history_url(drive)))[-1][0]
    revert_url = f"/admin/films/film/{drive.pk}/history/{first_version}/"

    response = editor_client.post(revert_url, {**form_data(editor_client.get(revert_url)), "_save": ["Save"]})

    assert response.status_code == 302, form_errors(response)
    assert reader.get("/films/drive/").status_code == 200
    moved = reader.get("/films/drive-2011/")
    assert (moved.status_code, moved.get("Location")) == (301, "/films/drive/")


def test_saving_a_film_with_a_stored_photo_keeps_the_photo(reader, editor_client, drive):
    """The photo inline posts no file when the editor does not replace it: the stored one stays."""
    photo = drive.photos.get()

    edit_through_admin(editor_client, drive, logline=FIRST_LOGLINE, mood=FIRST_MOOD)

    assert drive.photos.get().image.name == photo.image.name
    assert page_of(reader.get(drive.get_absolute_url())).by_id("behind-the-movie") is not None
