"""Uploads are stored clean: the original is re-encoded from its pixels, with no metadata but
its colour profile, under the extension of what it really is; so is every rendition.

Real files built with Pillow, sent through the film's admin change form as an editor does
(a behind-the-scenes photo in the inline, or the backdrop), or saved on the model directly
as a script would. Stored files are read back with Pillow and as raw bytes: what Pillow does
not report (a chunk it skips, bytes after the image) must not be there either.
"""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageChops

from films import images
from films.models import BehindTheScenesPhoto, Film
from tests.factories import make_film
from tests.navigation.forms import form_errors
from tests.performance.uploads import (
    COMMENT,
    GPS_IFD,
    PNG_TEXT,
    TRAILING_HTML,
    assert_named_for_its_bytes,
    jpeg_with_comment,
    plain_jpeg,
    png_claiming,
    png_with_html,
    png_with_text,
    post_with_backdrop,
    post_with_new_photo,
    rendition_names,
    rgba_gradient,
    srgb_profile,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db

PRIVATE_INFO = {"comment", "exif", "xmp", "XML:com.adobe.xmp", "photoshop", *PNG_TEXT}


@pytest.fixture
def film(db):
    """A live film with no images yet, so anything in MEDIA_ROOT came from the upload under test."""
    return make_film("Drive")


def photo_upload(client, film, image_file):
    response = post_with_new_photo(client, film, image_file)
    assert response.status_code == 302, form_errors(response)
    photo = BehindTheScenesPhoto.objects.get(film=film)
    return photo.image.name, photo.renditions


def backdrop_upload(client, film, image_file):
    response = post_with_backdrop(client, film, image_file)
    assert response.status_code == 302, form_errors(response)
    film = Film.objects.get(pk=film.pk)
    return film.backdrop.name, film.backdrop_renditions


UPLOAD_TARGETS = pytest.mark.parametrize("send", [photo_upload, backdrop_upload], ids=["bts photo", "backdrop"])


def folder_of(name):
    return name.rsplit("/", 1)[0]


def raw(name):
    with default_storage.open(name, "rb") as stored:
        return stored.read()


def metadata_of(name):
    """What Pillow finds in a stored file that could say who, where or with what."""
    with Image.open(io.BytesIO(raw(name))) as image:
        return {
            "info": set(image.info) & PRIVATE_INFO,
            "exif": dict(image.getexif()),
            "text": dict(getattr(image, "text", {})),
        }


CLEAN = {"info": set(), "exif": {}, "text": {}}


def test_the_test_files_really_carry_what_they_should_not_leave_behind():
    with Image.open(io.BytesIO(jpeg_with_comment())) as image:
        assert image.info["comment"] == COMMENT.encode()
        assert image.getexif().get_ifd(GPS_IFD)[1] == "N"
        assert image.info["icc_profile"] == srgb_profile()
    data = png_with_text()
    with Image.open(io.BytesIO(data)) as image:
        assert image.text == PNG_TEXT
    for chunk in (b"tEXt", b"iTXt", b"zTXt"):
        assert chunk in data
    data = png_with_html()
    assert data.endswith(TRAILING_HTML)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"  # what the form and Pillow see: a valid PNG


@pytest.mark.all_image_formats  # AVIF and WebP renditions too
@UPLOAD_TARGETS
def test_a_jpeg_comment_and_exif_are_in_neither_the_original_nor_any_rendition(editor_client, film, send):
    name, renditions = send(editor_client, film, upload("elevator.jpg", jpeg_with_comment(1000, 562)))

    assert_named_for_its_bytes(name, f"{folder_of(name)}/elevator", ".jpg")
    assert len(rendition_names(renditions)) > 1
    for stored in [name, *rendition_names(renditions)]:
        assert metadata_of(stored) == CLEAN, stored
        assert COMMENT.encode() not in raw(stored), stored
        assert b"Field camera" not in raw(stored), stored
        with Image.open(io.BytesIO(raw(stored))) as image:
            assert image.info.get("icc_profile") == srgb_profile(), f"{stored} lost its colour profile"


@pytest.mark.all_image_formats
@UPLOAD_TARGETS
def test_png_text_chunks_are_in_neither_the_original_nor_any_rendition(editor_client, film, send):
    name, renditions = send(editor_client, film, upload("still.png", png_with_text(1000, 562), "image/png"))

    assert_named_for_its_bytes(name, f"{folder_of(name)}/still", ".png")
    for stored in [name, *rendition_names(renditions)]:
        data = raw(stored)
        assert metadata_of(stored) == CLEAN, stored
        for key, value in PNG_TEXT.items():
            assert key.encode() not in data and value.encode() not in data, f"{stored} still names its {key}"
        for chunk in (b"tEXt", b"iTXt", b"zTXt"):
            assert chunk not in data, stored


def test_a_png_original_is_re_encoded_losslessly_transparency_included(editor_client, film):
    name, _ = photo_upload(editor_client, film, upload("still.png", png_with_text(320, 180), "image/png"))

    with Image.open(io.BytesIO(raw(name))) as image:
        assert (image.format, image.mode) == ("PNG", "RGBA")
        assert ImageChops.difference(image, rgba_gradient(320, 180)).getbbox() is None, "pixels changed"


@UPLOAD_TARGETS
@pytest.mark.parametrize("filename", ["photo.pdf", "photo.gif", "photo.html", "photo"])
def test_a_png_with_html_appended_is_stored_as_a_png_without_it(editor_client, film, media_root, send, filename):
    name, renditions = send(editor_client, film, upload(filename, png_with_html(), "application/pdf"))

    assert_named_for_its_bytes(name, f"{folder_of(name)}/photo", ".png")
    data = raw(name)
    assert b"<script" not in data and b"<html" not in data
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert (image.format, image.size) == ("PNG", (800, 450))
    assert renditions["source"] == name
    assert stored_files(media_root) == sorted([name, *rendition_names(renditions)]), "the upload was left behind"


def photo_saved_by_a_script(film, filename, data):
    photo = BehindTheScenesPhoto(film=film, alt_text="On set", title="On set", why_it_matters="It is.")
    photo.image.save(filename, ContentFile(data), save=False)
    photo.save()
    return photo


@pytest.mark.parametrize(
    "filename, data, stem, extension",
    [("photo.pdf", png_with_html(), "bts/photo", ".png"), ("still.png", plain_jpeg(), "bts/still", ".jpg")],
    ids=["PNG as .pdf", "JPEG as .png"],
)
def test_the_model_points_at_the_renamed_original_and_is_not_processed_again(film, media_root, filename, data,
                                                                              stem, extension):
    photo = photo_saved_by_a_script(film, filename, data)
    stored_as = photo.image.name
    assert_named_for_its_bytes(stored_as, stem, extension)
    files = {path: (media_root / path).stat().st_mtime_ns for path in stored_files(media_root)}

    assert photo.image.name == photo.renditions["source"] == stored_as  # the instance in hand
    stored = BehindTheScenesPhoto.objects.get(pk=photo.pk)
    assert stored.image.name == stored.renditions["source"] == stored_as  # and the database
    assert sorted(files) == sorted([stored_as, *rendition_names(photo.renditions)])

    photo.save()
    stored.title = "Edited"
    stored.save()

    assert BehindTheScenesPhoto.objects.get(pk=photo.pk).image.name == stored_as
    assert {path: (media_root / path).stat().st_mtime_ns for path in stored_files(media_root)} == files


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # Pillow's own alarm: expected
def test_an_image_over_the_pixel_budget_is_refused_from_its_header_on_any_path(film):
    """A script (or a field assigned without the form) gets no further than the header either."""
    name = default_storage.save("bts/bomb.png", ContentFile(png_claiming(12_000, 12_000)))

    with pytest.raises(ValidationError, match="12000×12000 pixels"):
        images.process_image(BehindTheScenesPhoto(image=name).image)
