"""Publishing: list actions and change-form buttons take a dossier live or back; editors preview drafts; old slugs redirect."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from reversion.models import Version

from films.models import Film, FormerSlug
from tests.factories import make_draft_film, make_film, make_full_dossier
from tests.html import page_of
from tests.navigation.forms import form_data, form_errors

pytestmark = pytest.mark.django_db

FILM_LIST_URL = "/admin/films/film/"
ATOM = "{http://www.w3.org/2005/Atom}"


def change_url(film):
    return f"/admin/films/film/{film.pk}/change/"


def run_action(client, action, films):
    return client.post(FILM_LIST_URL, {"action": action, "_selected_action": [str(film.pk) for film in films]})


def status_of(film):
    return Film.objects.get(pk=film.pk).status


def is_public(client, film):
    status = client.get(film.get_absolute_url()).status_code
    assert status in (200, 404)
    return status == 200


# List actions -------------------------------------------------------------------------


def test_publish_action_takes_the_selected_drafts_live(reader, editor_client):
    drive = make_draft_film("Drive")
    bronson = make_draft_film("Bronson")
    untouched = make_draft_film("Valhalla Rising")
    assert not is_public(reader, drive)

    response = run_action(editor_client, "publish_selected", [drive, bronson])

    assert response.status_code == 302
    assert response.url == FILM_LIST_URL
    assert (status_of(drive), status_of(bronson), status_of(untouched)) == ("live", "live", "draft")
    assert is_public(reader, drive) and is_public(reader, bronson)
    assert not is_public(reader, untouched)
    messages = [str(m) for m in editor_client.get(FILM_LIST_URL).context["messages"]]
    assert sorted(messages) == [
        'Published: “Bronson (2011)”. <a href="/films/bronson/">View the live page</a>',
        'Published: “Drive (2011)”. <a href="/films/drive/">View the live page</a>',
    ]


def test_unpublish_action_takes_live_films_back_to_draft(reader, editor_client):
    drive = make_film("Drive")
    bronson = make_film("Bronson")
    assert is_public(reader, drive)

    run_action(editor_client, "unpublish_selected", [drive])

    assert (status_of(drive), status_of(bronson)) == ("draft", "live")
    assert not is_public(reader, drive)
    assert is_public(reader, bronson)


def test_publish_action_counts_only_the_films_it_changed(editor_client):
    drive = make_film("Drive")
    bronson = make_draft_film("Bronson")

    run_action(editor_client, "publish_selected", [drive, bronson])

    messages = [str(m) for m in editor_client.get(FILM_LIST_URL).context["messages"]]
    assert messages == ['Published: “Bronson (2011)”. <a href="/films/bronson/">View the live page</a>']


def test_publish_action_on_films_already_live_says_nothing_changed(editor_client):
    drive = make_film("Drive")

    run_action(editor_client, "publish_selected", [drive])

    messages = [str(m) for m in editor_client.get(FILM_LIST_URL).context["messages"]]
    assert messages == ["Nothing was published: the selected films already were."]


def test_publish_action_is_recorded_in_the_films_history(editor_client):
    drive = make_draft_film("Drive")

    run_action(editor_client, "publish_selected", [drive])

    version = Version.objects.get_for_object(drive).get()
    assert version.revision.user.username == "editor"
    assert version.revision.get_comment() == "Published."
    assert LogEntry.objects.get(object_id=str(drive.pk)).get_change_message() == "Published."


def test_publish_action_stamps_the_publication_time(editor_client, clock):
    drive = make_draft_film("Drive")
    assert Film.objects.get(pk=drive.pk).published_at is None

    run_action(editor_client, "publish_selected", [drive])

    assert Film.objects.get(pk=drive.pk).published_at == clock.now()


def test_films_published_by_the_action_lead_the_feed_and_home_newest_first(reader, editor_client, clock):
    drive = make_draft_film("Drive", year=2011)  # written first, published last
    bronson = make_draft_film("Bronson", year=2008)
    make_film("Valhalla Rising", year=2009)  # live from the start
    clock.advance(timedelta(hours=1))
    run_action(editor_client, "publish_selected", [bronson])
    clock.advance(timedelta(hours=1))

    run_action(editor_client, "publish_selected", [drive])

    entries = ElementTree.fromstring(reader.get("/feeds/latest/").content).findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "Drive (2011)",
        "Bronson (2008)",
        "Valhalla Rising (2009)",
    ]
    assert all(entry.find(f"{ATOM}published") is not None for entry in entries)
    assert [film.title for film in reader.get("/").context["latest"]] == ["Drive", "Bronson", "Valhalla Rising"]


def test_publishing_a_scheduled_draft_keeps_it_hidden_until_its_time(reader, editor_client, clock):
    drive = make_draft_film("Drive", go_live_at=clock.now() + timedelta(days=1))

    run_action(editor_client, "publish_selected", [drive])

    assert status_of(drive) == "live"
    assert Film.objects.get(pk=drive.pk).published_at == drive.go_live_at
    assert not is_public(reader, drive)
    clock.advance(timedelta(days=1))
    assert is_public(reader, drive)


def test_moderator_cannot_publish(moderator_client):
    drive = make_draft_film("Drive")

    response = run_action(moderator_client, "publish_selected", [drive])

    assert response.status_code == 403
    assert status_of(drive) == "draft"


# Change-form buttons ------------------------------------------------------------------


def press(client, film, button, **changes):
    page = client.get(change_url(film))
    assert page.status_code == 200
    data = form_data(page)
    data.update({name: [value] for name, value in changes.items()})
    data[button] = ["pressed"]
    return client.post(change_url(film), data)


def buttons_on(client, film):
    form = page_of(client.get(change_url(film))).find("form", id="film_form")
    return {element.attrs["name"]: element.attrs["value"] for element in form.find_all("input", type="submit")}


def test_draft_change_form_offers_save_and_publish(editor_client):
    buttons = buttons_on(editor_client, make_draft_film("Drive"))

    assert buttons["_publish"] == "Save and publish"
    assert "_unpublish" not in buttons


def test_live_change_form_offers_save_and_unpublish(editor_client):
    buttons = buttons_on(editor_client, make_film("Drive"))

    assert buttons["_unpublish"] == "Save and unpublish"
    assert "_publish" not in buttons


def test_save_and_publish_saves_the_edit_and_takes_the_film_live(reader, editor_client):
    drive = make_full_dossier("Drive", status=Film.Status.DRAFT)

    response = press(editor_client, drive, "_publish", logline_en="Published with a fresh logline.")

    assert response.status_code == 302, form_errors(response)
    assert status_of(drive) == "live"
    page = page_of(reader.get(drive.get_absolute_url()))
    assert page.find("p", class_="hero__logline").text == "Published with a fresh logline."


def test_save_and_unpublish_takes_the_film_back_to_draft(reader, editor_client):
    drive = make_full_dossier("Drive")
    assert is_public(reader, drive)

    response = press(editor_client, drive, "_unpublish")

    assert response.status_code == 302, form_errors(response)
    assert status_of(drive) == "draft"
    assert not is_public(reader, drive)


def test_plain_save_keeps_the_status(editor_client):
    drive = make_draft_film("Drive")

    response = press(editor_client, drive, "_save")

    assert response.status_code == 302, form_errors(response)
    assert status_of(drive) == "draft"


# Preview ------------------------------------------------------------------------------


def preview_url(film):
    return f"/films/{film.slug}/preview/"


def test_editor_previews_a_draft_with_a_banner_and_no_caching(editor_client):
    draft = make_full_dossier("Drive", status=Film.Status.DRAFT)

    response = editor_client.get(preview_url(draft))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    page = page_of(response)
    banner = page.find("div", class_="preview-banner")
    assert banner is not None
    assert banner.text.startswith("Draft preview.")
    assert "it is not published" in banner.text
    assert page.find("h1").text == "Drive"
    assert page.find("meta", name="robots").attrs["content"] == "noindex"
    assert response["X-Robots-Tag"] == "noindex"


def test_editor_previews_a_scheduled_dossier_with_its_go_live_time(editor_client, clock):
    scheduled = make_film("Drive", go_live_at=clock.now() + timedelta(days=2))

    response = editor_client.get(preview_url(scheduled))

    assert response.status_code == 200
    assert "it goes live on" in page_of(response).find("div", class_="preview-banner").text


def test_editor_previews_a_live_dossier_too(editor_client):
    live = make_full_dossier("Drive")

    response = editor_client.get(preview_url(live))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert page_of(response).find("div", class_="preview-banner") is not None


def test_public_page_has_no_preview_banner(reader):
    live = make_full_dossier("Drive")

    assert page_of(reader.get(live.get_absolute_url())).find("div", class_="preview-banner") is None


@pytest.mark.parametrize("who", ["reader", "moderator_client", "outsider_client"])
def test_preview_is_404_for_anyone_but_editors(request, who):
    client = request.getfixturevalue(who)
    draft = make_full_dossier("Drive", status=Film.Status.DRAFT)
    live = make_film("Bronson")

    assert client.get(preview_url(draft)).status_code == 404
    assert client.get(preview_url(live)).status_code == 404


def test_preview_of_an_unknown_slug_is_404_for_editors(editor_client):
    assert editor_client.get("/films/no-such-film/preview/").status_code == 404


# Former slugs -------------------------------------------------------------------------


def rename(film, slug):
    film.slug = slug
    film.save()


def test_old_slug_redirects_permanently_to_the_new_one(reader):
    drive = make_film("Drive", slug="drive")

    rename(drive, "drive-2011")

    response = reader.get("/films/drive/")
    assert response.status_code == 301
    assert response.url == "/films/drive-2011/"
    assert reader.get("/films/drive-2011/").status_code == 200


def test_slug_changed_in_the_admin_redirects(reader, editor_client):
    drive = make_full_dossier("Drive", slug="drive")

    response = press(editor_client, drive, "_save", slug="drive-2011")

    assert response.status_code == 302, form_errors(response)
    response = reader.get("/films/drive/")
    assert response.status_code == 301
    assert response.url == "/films/drive-2011/"


def test_every_old_slug_redirects_straight_to_the_current_one(reader):
    drive = make_film("Drive", slug="drive")
    rename(drive, "drive-2011")
    rename(drive, "drive-refn")

    for old in ("drive", "drive-2011"):
        response = reader.get(f"/films/{old}/")
        assert (response.status_code, response.url) == (301, "/films/drive-refn/")


def test_renaming_back_to_an_old_slug_serves_it_again(reader):
    drive = make_film("Drive", slug="drive")
    rename(drive, "drive-2011")
    rename(drive, "drive")

    assert reader.get("/films/drive/").status_code == 200
    response = reader.get("/films/drive-2011/")
    assert (response.status_code, response.url) == (301, "/films/drive/")


def test_old_slug_of_a_draft_is_404(reader):
    drive = make_draft_film("Drive", slug="drive")
    rename(drive, "drive-2011")

    assert reader.get("/films/drive/").status_code == 404


def test_old_slug_stops_redirecting_when_the_film_is_unpublished(reader):
    drive = make_film("Drive", slug="drive")
    rename(drive, "drive-2011")
    assert reader.get("/films/drive/").status_code == 301

    drive.status = Film.Status.DRAFT
    drive.save()

    assert reader.get("/films/drive/").status_code == 404


def test_old_slug_of_a_scheduled_film_redirects_only_once_it_is_live(reader, clock):
    drive = make_film("Drive", slug="drive", go_live_at=clock.now() + timedelta(hours=3))
    rename(drive, "drive-2011")
    assert reader.get("/films/drive/").status_code == 404

    clock.advance(timedelta(hours=4))

    response = reader.get("/films/drive/")
    assert (response.status_code, response.url) == (301, "/films/drive-2011/")


def test_new_film_reusing_an_old_slug_takes_it_over(reader):
    drive = make_film("Drive", slug="drive")
    rename(drive, "drive-2011")

    remake = make_film("Drive", slug="drive", year=2027, logline_en="The remake.")

    response = reader.get("/films/drive/")
    assert response.status_code == 200
    assert response.context["dossier"].film == remake
    assert not FormerSlug.objects.filter(slug="drive").exists()
    assert reader.get("/films/drive-2011/").status_code == 200


def test_draft_reusing_an_old_slug_ends_the_redirect(reader):
    drive = make_film("Drive", slug="drive")
    rename(drive, "drive-2011")

    make_draft_film("Drive", slug="drive", year=2027)

    assert reader.get("/films/drive/").status_code == 404


# What publishing says, and what history keeps --------------------------------------------


def history_comments(film):
    return [version.revision.get_comment() for version in Version.objects.get_for_object(film)]


def messages_after(client, response):
    return [str(message) for message in client.get(response.url).context["messages"]]


def test_save_and_publish_says_so_with_a_link_to_the_live_page_and_history_names_it(editor_client):
    drive = make_full_dossier("Drive", status=Film.Status.DRAFT)

    response = press(editor_client, drive, "_publish")

    assert response.url == change_url(drive)
    assert messages_after(editor_client, response) == [
        'Published. <a href="/films/drive/">View the live page</a>'
    ]
    assert history_comments(drive)[0].startswith("Published.")
    entry = LogEntry.objects.filter(object_id=str(drive.pk)).latest("action_time")
    assert entry.get_change_message().startswith("Published.")
    assert entry.user.username == "editor"


def test_save_and_unpublish_says_so_with_a_link_to_the_preview_and_history_names_it(editor_client):
    drive = make_full_dossier("Drive")

    response = press(editor_client, drive, "_unpublish")

    assert messages_after(editor_client, response) == [
        'Unpublished. <a href="/films/drive/preview/">Open the preview</a>'
    ]
    assert history_comments(drive)[0].startswith("Unpublished.")


def test_scheduling_says_when_and_history_names_it(editor_client, clock):
    drive = make_full_dossier("Drive", status=Film.Status.DRAFT)
    tomorrow = timezone.localtime(clock.now() + timedelta(days=1))

    response = press(editor_client, drive, "_publish", go_live_at_0=tomorrow.strftime("%Y-%m-%d"),
                     go_live_at_1=tomorrow.strftime("%H:%M:%S"))

    [message] = messages_after(editor_client, response)
    assert message.startswith("Scheduled to go live ")
    assert 'href="/films/drive/preview/"' in message
    assert history_comments(drive)[0].startswith("Scheduled to go live ")


def test_the_film_list_says_draft_scheduled_with_the_time_or_live(editor_client, clock):
    make_film("Drive")
    make_draft_film("Bronson")
    make_film("Valhalla Rising", go_live_at=clock.now() + timedelta(days=2))

    response = editor_client.get(FILM_LIST_URL)

    rows = {row.find("th").text.strip(): row.find("td", class_="field-publication_status").text.strip()
            for row in page_of(response).by_id("result_list").find("tbody").find_all("tr")}
    assert rows["Drive"] == "Live"
    assert rows["Bronson"] == "Draft"
    assert rows["Valhalla Rising"].startswith("Scheduled · ")


def restore(client, film, version):
    url = f"/admin/films/film/{film.pk}/history/{version.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    return page, client.post(url, {**form_data(page), "_save": ["Save"]})


def test_restoring_a_version_saved_as_a_draft_keeps_a_live_film_live_and_says_what_changed(editor_client):
    drive = make_full_dossier("Drive", status=Film.Status.DRAFT)
    press(editor_client, drive, "_save", logline_en="The draft's logline.")
    draft_version = Version.objects.get_for_object(drive).first()
    press(editor_client, drive, "_publish", logline_en="The published logline.")

    page, response = restore(editor_client, drive, draft_version)

    assert page.context["adminform"].form.initial["status"] == "live"  # the form shows it will stay live
    assert response.status_code == 302, form_errors(response)
    film = Film.objects.get(pk=drive.pk)
    assert film.logline == "The draft's logline."
    assert film.status == Film.Status.LIVE
    [message] = messages_after(editor_client, response)
    assert "Restored an earlier version of “Drive (2011)”: logline." in message
    assert "Publication kept: live." in message
    assert history_comments(drive)[0].startswith("Reverted to previous version")


def test_a_restore_can_take_the_film_back_to_draft_when_the_editor_says_so(editor_client):
    drive = make_full_dossier("Drive", status=Film.Status.DRAFT)
    press(editor_client, drive, "_save")
    draft_version = Version.objects.get_for_object(drive).first()
    press(editor_client, drive, "_publish")
    url = f"/admin/films/film/{drive.pk}/history/{draft_version.pk}/"
    page = editor_client.get(url)

    editor_client.post(url, {**form_data(page), "status": ["draft"], "_save": ["Save"]})

    assert status_of(drive) == "draft"


def test_view_on_site_opens_a_drafts_preview_and_a_live_films_page(editor_client):
    draft = make_draft_film("Drive")
    live = make_film("Bronson")

    def view_on_site(film):
        return editor_client.get(f"/admin/r/{ContentType.objects.get_for_model(Film).pk}/{film.pk}/")

    assert view_on_site(draft).url == "/films/drive/preview/"
    assert view_on_site(live).url.endswith("/films/bronson/")
    assert editor_client.get(view_on_site(draft).url).status_code == 200


def test_the_site_wide_audit_log_lists_who_published_what(editor_client):
    drive = make_full_dossier("Drive", status=Film.Status.DRAFT)
    press(editor_client, drive, "_publish")
    run_action(editor_client, "unpublish_selected", [drive])

    page = editor_client.get("/admin/admin/logentry/")

    assert page.status_code == 200
    rows = [row.text for row in page_of(page).by_id("result_list").find("tbody").find_all("tr")]
    assert any("Drive (2011)" in row and row.strip().endswith("Unpublished.") for row in rows), rows
    assert any("Drive (2011)" in row and "Published." in row and "editor" in row for row in rows), rows
    assert editor_client.post("/admin/admin/logentry/add/", {}).status_code == 403
