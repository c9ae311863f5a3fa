"""Renditions are made by the worker, not the editor's save; an upload that cannot be stored is a
message on the form, not a 500, and leaves nothing behind.

The worker tests use the database backend and the real worker (`db_worker --batch`), in
transactional tests: the editor's save really commits, as the worker needs it to.
"""

import os
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from films import images
from films.admin_uploads import NOT_STORED
from films.models import BehindTheScenesPhoto, Film, Person
from films.task_retries import RETRY_DELAYS
from tests.factories import make_film, make_person
from tests.html import page_of
from tests.navigation.forms import form_data, form_errors
from tests.performance.uploads import (
    error_messages,
    plain_jpeg,
    post_with_backdrop,
    post_with_new_photo,
    rendition_names,
    stored_files,
    upload,
)
from tests.tasks import DATABASE_BACKEND, failed, make_due, run_worker, waiting

transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def film(db):
    """A live film with no images yet, so anything in MEDIA_ROOT came from the upload under test."""
    return make_film("Drive")


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_BACKEND


def hero_img(client, film):
    page = page_of(client.get(film.get_absolute_url()))
    picture = page.find("header", class_="hero hero--backdrop").find("picture")
    return picture, picture.find("img")


# The worker makes the renditions ---------------------------------------------------------


@transactional
def test_the_page_shows_the_original_until_the_worker_has_made_the_renditions(
    editor_client, reader, film, media_root, database_tasks
):
    response = post_with_backdrop(editor_client, film, upload("traffic.jpg", plain_jpeg(1600, 900)))

    assert response.status_code == 302, form_errors(response)
    film.refresh_from_db()
    assert film.backdrop_renditions == {"source": film.backdrop.name, "width": 1600, "height": 900, "formats": {}}
    assert stored_files(media_root) == [film.backdrop.name], "the save made no rendition itself"
    assert waiting("render_image") == [("render_image", None)]
    picture, img = hero_img(reader, film)
    assert img.attrs["src"] == film.backdrop.url, "the cleaned original, until its renditions exist"
    assert (img.attrs["width"], img.attrs["height"]) == ("1600", "900")
    assert "srcset" not in img.attrs and picture.find("source") is None

    run_worker()

    film.refresh_from_db()
    names = rendition_names(film.backdrop_renditions)
    assert [source["width"] for source in film.backdrop_renditions["formats"]["image/jpeg"]] == [480, 960, 1600]
    assert stored_files(media_root) == sorted([film.backdrop.name, *names])
    picture, img = hero_img(reader, film)
    assert img.attrs["src"] == default_storage.url(film.backdrop_renditions["formats"]["image/jpeg"][1]["name"])
    assert img.attrs["srcset"].count("/media/renditions/backdrops/") == 3
    assert (img.attrs["width"], img.attrs["height"]) == ("1600", "900")
    assert waiting() == [] and failed() == []


@transactional
def test_a_cached_dossier_shows_the_renditions_once_the_worker_has_made_them(
    editor_client, reader, film, database_tasks, page_cache_on
):
    post_with_new_photo(editor_client, film, upload("elevator.jpg", plain_jpeg(1200, 675)))
    url = film.get_absolute_url()
    assert [reader.get(url)["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]
    photo = BehindTheScenesPhoto.objects.get(film=film)
    img = page_of(reader.get(url)).by_id("behind-the-movie").find("img")
    assert img.attrs["src"] == photo.image.url

    run_worker()

    response = reader.get(url)
    assert response["X-Page-Cache"] == "miss", "the worker emptied the pages showing the photo"
    img = page_of(response).by_id("behind-the-movie").find("img")
    assert img.attrs["src"].startswith("/media/renditions/bts/")


@transactional
def test_renditions_that_failed_are_made_on_a_later_attempt(editor_client, reader, film, media_root, database_tasks):
    post_with_backdrop(editor_client, film, upload("traffic.jpg", plain_jpeg(1000, 562)))
    (media_root / "renditions").write_text("in the way")  # no folder can be made under it, even by root
    before = timezone.now()

    run_worker()

    assert failed() == ["render_image"]
    [(task, run_after)] = waiting()
    assert task == "render_image" and run_after > before + timedelta(seconds=RETRY_DELAYS[0] - 1)
    film.refresh_from_db()
    assert film.backdrop_renditions["formats"] == {}
    _, img = hero_img(reader, film)
    assert img.attrs["src"] == film.backdrop.url, "still the original: no broken image"

    (media_root / "renditions").unlink()
    make_due()
    run_worker()

    film.refresh_from_db()
    assert [source["width"] for source in film.backdrop_renditions["formats"]["image/jpeg"]] == [480, 960, 1000]
    assert waiting() == []


@transactional
def test_a_worker_late_for_an_image_since_replaced_leaves_the_new_one_alone(editor_client, film, database_tasks):
    post_with_backdrop(editor_client, film, upload("traffic.jpg", plain_jpeg(800, 450)))
    post_with_backdrop(editor_client, film, upload("traffic.jpg", plain_jpeg(640, 360)))

    run_worker()

    film.refresh_from_db()
    assert film.backdrop_renditions["width"] == 640
    assert all(name.startswith(f"renditions/{film.backdrop.name.rsplit('.', 1)[0]}") for name in
               rendition_names(film.backdrop_renditions))


def test_a_re_upload_never_reuses_a_url(editor_client, film, media_root):
    """Uploads are served as immutable: a URL, once used, must never hold other bytes, even
    when the editor uploads another picture under the same file name."""
    post_with_backdrop(editor_client, film, upload("traffic.jpg", plain_jpeg(800, 450)))
    film.refresh_from_db()
    first = {film.backdrop.name, *rendition_names(film.backdrop_renditions)}
    first_bytes = {name: (media_root / name).read_bytes() for name in first}
    for name in first:
        (media_root / name).unlink()  # even with the old files gone, their names stay theirs

    post_with_backdrop(editor_client, film, upload("traffic.jpg", plain_jpeg(800, 449)))
    film.refresh_from_db()
    second = {film.backdrop.name, *rendition_names(film.backdrop_renditions)}

    assert first.isdisjoint(second)
    assert len(first) == len(second) == 3  # the original, and its JPEGs 480 and 800 wide
    assert all(first_bytes[name] for name in first)


# An upload that cannot be stored ---------------------------------------------------------


@pytest.fixture
def unwritable_media(settings, tmp_path):
    """MEDIA_ROOT where nothing can be written: a read-only folder, or, for root (whom a mode
    does not stop), a folder under a regular file."""
    if os.geteuid() == 0:
        (tmp_path / "not-a-folder").write_text("")
        settings.MEDIA_ROOT = tmp_path / "not-a-folder" / "media"
    else:
        settings.MEDIA_ROOT = tmp_path / "read-only"
        settings.MEDIA_ROOT.mkdir()
        settings.MEDIA_ROOT.chmod(0o500)
    yield settings.MEDIA_ROOT
    if os.geteuid() != 0:
        settings.MEDIA_ROOT.chmod(0o700)


def assert_told_and_nothing_saved(response, typed):
    assert response.status_code == 200
    assert " ".join(NOT_STORED.split()) in error_messages(response)
    assert typed in response.content.decode(), "the form comes back with what the editor typed"


@pytest.mark.django_db
def test_a_backdrop_that_cannot_be_stored_is_a_message_on_the_form(editor_client, film, unwritable_media, tmp_path):
    response = post_with_backdrop(editor_client, film, upload("traffic.jpg", plain_jpeg(800, 450)),
                                  extra={"backdrop_alt_en": ["Night traffic on the 110, seen from above"]})

    assert_told_and_nothing_saved(response, "Night traffic on the 110, seen from above")
    film.refresh_from_db()
    assert not film.backdrop and film.backdrop_alt == ""
    assert not list(tmp_path.rglob("*.jpg"))


@pytest.mark.django_db
def test_a_photo_that_cannot_be_stored_is_a_message_on_its_inline(editor_client, film, unwritable_media, tmp_path):
    response = post_with_new_photo(editor_client, film, upload("elevator.jpg", plain_jpeg(800, 450)),
                                   title="Rehearsing the elevator")

    assert_told_and_nothing_saved(response, "Rehearsing the elevator")
    assert not BehindTheScenesPhoto.objects.filter(film=film).exists()
    assert not list(tmp_path.rglob("*.jpg"))


@pytest.mark.django_db
def test_a_portrait_that_cannot_be_stored_is_a_message_on_the_form(editor_client, unwritable_media, tmp_path):
    person = make_person("Ryan Gosling")
    url = f"/admin/films/person/{person.pk}/change/"
    data = form_data(editor_client.get(url), form_id="person_form")
    data["portrait"] = upload("gosling.jpg", plain_jpeg(400, 600))
    data["bio_en"] = ["Canadian actor, the Driver."]

    response = editor_client.post(url, data)

    assert_told_and_nothing_saved(response, "Canadian actor, the Driver.")
    assert not Person.objects.get(pk=person.pk).portrait
    assert not list(tmp_path.rglob("*.jpg"))


@pytest.mark.django_db
def test_a_truncated_jpeg_is_refused_on_the_form(editor_client, film, media_root):
    """Its header reads (size, format), its pixels do not: refused when cleaned, nothing stored."""
    data = plain_jpeg(800, 450)

    response = post_with_backdrop(editor_client, film, upload("traffic.jpg", data[: len(data) // 2]))

    assert response.status_code == 200
    assert images.UNREADABLE in error_messages(response)
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_an_upload_stored_for_a_form_that_is_not_saved_is_deleted(editor_client, film, media_root):
    """The backdrop can be stored, the photo beside it cannot (its folder is a file): the form
    comes back, nothing is saved, and the backdrop stored a moment before is gone too."""
    media_root.mkdir(parents=True, exist_ok=True)
    (media_root / "bts").write_text("in the way")
    response = post_with_new_photo(editor_client, film, upload("elevator.jpg", plain_jpeg(800, 450)),
                                   extra={"backdrop": upload("traffic.jpg", plain_jpeg(800, 450))})

    assert response.status_code == 200
    assert " ".join(NOT_STORED.split()) in error_messages(response)
    assert not Film.objects.get(pk=film.pk).backdrop
    assert stored_files(media_root) == ["bts"], "the backdrop stored for the unsaved form was left behind"
