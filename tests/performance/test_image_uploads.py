"""Editors' uploads: refused when they are not a sane image, cleaned of private metadata, rendered once.

Every upload goes through the film's admin change form, as an editor makes it:
a behind-the-scenes photo in the inline, or the film's backdrop. (Comments, PNG text
chunks and mislabelled files: tests/security/test_clean_uploads.py.)
"""

import io

import pytest
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageChops, ImageStat, features

from films import images
from films.models import BehindTheScenesPhoto, Film
from tests.factories import make_film
from tests.html import page_of
from tests.navigation.forms import form_errors
from tests.performance.uploads import (
    GPS_IFD,
    error_messages,
    jpeg_with_gps,
    noisy_png,
    plain_jpeg,
    png_claiming,
    post_with_backdrop,
    post_with_new_photo,
    assert_named_for_its_bytes,
    rendition_names,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = "This file is not an image we can read. Upload a JPEG, PNG or WebP."
EXPECTED_TYPES = ["image/avif", "image/webp", "image/jpeg"] if features.check("avif") else ["image/webp", "image/jpeg"]
PIL_FORMATS = {"image/avif": "AVIF", "image/webp": "WEBP", "image/jpeg": "JPEG"}


@pytest.fixture
def film(db):
    """A live film with no images yet, so anything in MEDIA_ROOT came from the upload under test."""
    return make_film("Drive")


def photo_upload(client, film, image_file):
    return post_with_new_photo(client, film, image_file)


def backdrop_upload(client, film, image_file):
    return post_with_backdrop(client, film, image_file)


UPLOAD_TARGETS = pytest.mark.parametrize("send", [photo_upload, backdrop_upload], ids=["bts photo", "backdrop"])


def assert_refused(response, film, media_root, message):
    assert response.status_code == 200, "the form should come back with the problem, not save"
    message = " ".join(message.split())  # the page's text has its (non-breaking) spaces normalised
    assert message in error_messages(response), error_messages(response) or form_errors(response)
    assert not BehindTheScenesPhoto.objects.filter(film=film).exists()
    assert not Film.objects.get(pk=film.pk).backdrop
    assert stored_files(media_root) == [], "a refused upload left files behind"


# Refusals ----------------------------------------------------------------------------


@UPLOAD_TARGETS
def test_a_text_file_named_like_a_photo_is_refused(editor_client, film, media_root, send):
    text = upload("photo.jpg", b"Call sheet, day 14: elevator, night.\n" * 20)

    response = send(editor_client, film, text)

    assert_refused(response, film, media_root, NOT_AN_IMAGE)


@UPLOAD_TARGETS
def test_a_file_over_the_byte_limit_is_refused_with_its_size(editor_client, film, media_root, monkeypatch, send):
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 4 * 1024)
    data = noisy_png(64, 64)
    assert len(data) > 4 * 1024

    response = send(editor_client, film, upload("still.png", data, "image/png"))

    assert_refused(
        response, film, media_root,
        f"This file is {filesizeformat(len(data))}; images may be at most {filesizeformat(4 * 1024)}.",
    )


@UPLOAD_TARGETS
@pytest.mark.parametrize("side", [12_000, 20_000])
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # Pillow's own alarm: expected here
def test_a_decompression_bomb_is_refused_by_its_pixel_count(editor_client, film, media_root, send, side):
    """A few kilobytes on disk, side × side pixels once decoded: refused from the header alone."""
    data = png_claiming(side, side)
    assert len(data) < 64 * 1024
    assert side * side > images.MAX_PIXELS

    response = send(editor_client, film, upload("bomb.png", data, "image/png"))

    limit = images.MAX_PIXELS // 1_000_000
    if side * side > 2 * Image.MAX_IMAGE_PIXELS:  # Pillow will not even report the size of these
        message = f"This image has far too many pixels; at most {limit} megapixels are accepted."
    else:
        message = f"This image is {side}×{side} pixels; at most {limit} megapixels are accepted."
    assert_refused(response, film, media_root, message)


# Metadata ----------------------------------------------------------------------------


def exif_of(storage_name):
    with default_storage.open(storage_name, "rb") as stored, Image.open(stored) as image:
        exif = image.getexif()
        return dict(exif), dict(exif.get_ifd(GPS_IFD)), set(image.info) & {"exif", "xmp", "XML:com.adobe.xmp"}


def stored_photo(film):
    return BehindTheScenesPhoto.objects.get(film=film)


def test_the_gps_test_photo_really_carries_gps():
    with Image.open(io.BytesIO(jpeg_with_gps())) as image:
        assert image.getexif().get_ifd(GPS_IFD)[1] == "N"


def test_gps_exif_is_stripped_from_the_stored_photo_and_every_rendition(editor_client, film):
    response = post_with_new_photo(editor_client, film, upload("elevator.jpg", jpeg_with_gps()))

    assert response.status_code == 302, form_errors(response)
    photo = stored_photo(film)
    assert photo.renditions["source"] == photo.image.name
    for name in [photo.image.name, *rendition_names(photo.renditions)]:
        assert exif_of(name) == ({}, {}, set()), f"{name} still carries metadata"


def test_gps_exif_is_stripped_from_an_uploaded_backdrop(editor_client, film):
    response = post_with_backdrop(editor_client, film, upload("traffic.jpg", jpeg_with_gps()))

    assert response.status_code == 302, form_errors(response)
    film.refresh_from_db()
    for name in [film.backdrop.name, *rendition_names(film.backdrop_renditions)]:
        assert exif_of(name) == ({}, {}, set()), f"{name} still carries metadata"


def test_a_plain_jpeg_is_re_encoded_with_no_visible_loss(editor_client, film):
    """Even a file with nothing to strip is re-encoded (what Pillow does not report, it cannot
    vouch for), at a quality that leaves the picture as it was."""
    data = plain_jpeg()

    response = post_with_new_photo(editor_client, film, upload("elevator.jpg", data))

    assert response.status_code == 302, form_errors(response)
    name = stored_photo(film).image.name
    assert_named_for_its_bytes(name, "bts/elevator", ".jpg")
    with default_storage.open(name, "rb") as stored, Image.open(stored) as image:
        image.load()
    uploaded = Image.open(io.BytesIO(data))
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", uploaded.size)
    difference = ImageStat.Stat(ImageChops.difference(uploaded.convert("RGB"), image))
    assert max(difference.mean) < 1.5, difference.mean  # out of 255


# Renditions --------------------------------------------------------------------------


@pytest.mark.all_image_formats
def test_renditions_are_stored_in_every_format_at_every_width(editor_client, film):
    response = post_with_new_photo(editor_client, film, upload("elevator.jpg", plain_jpeg(1200, 675)))

    assert response.status_code == 302, form_errors(response)
    photo = stored_photo(film)
    assert (photo.width, photo.height) == (1200, 675)
    assert (photo.renditions["width"], photo.renditions["height"]) == (1200, 675)
    assert sorted(photo.renditions["formats"]) == sorted(EXPECTED_TYPES)  # jsonb keeps no key order
    for mime, sources in photo.renditions["formats"].items():
        assert [source["width"] for source in sources] == [480, 960, 1200], mime
        for source in sources:
            with default_storage.open(source["name"], "rb") as stored, Image.open(stored) as image:
                assert image.format == PIL_FORMATS[mime]
                assert image.size == (source["width"], round(675 * source["width"] / 1200))


def test_an_image_narrower_than_a_rendition_width_is_never_upscaled(editor_client, film):
    response = post_with_new_photo(editor_client, film, upload("elevator.jpg", plain_jpeg(700, 394)))

    assert response.status_code == 302, form_errors(response)
    for mime, sources in stored_photo(film).renditions["formats"].items():
        assert [source["width"] for source in sources] == [480, 700], mime


def srcset_of(sources):
    return ", ".join(f"{default_storage.url(source['name'])} {source['width']}w" for source in sources)


def assert_picture_lists(picture, renditions):
    formats = renditions["formats"]
    assert [(source.attrs["type"], source.attrs["srcset"]) for source in picture.find_all("source")] == [
        (mime, srcset_of(formats[mime])) for mime in EXPECTED_TYPES if mime != "image/jpeg"
    ]
    img = picture.find("img")
    assert img.attrs["srcset"] == srcset_of(formats["image/jpeg"])
    assert img.attrs["src"] == default_storage.url(formats["image/jpeg"][1]["name"])
    assert (img.attrs["width"], img.attrs["height"]) == (str(renditions["width"]), str(renditions["height"]))
    assert img.attrs["sizes"] == picture.find("source").attrs["sizes"]


@pytest.mark.all_image_formats
def test_dossier_photo_picture_lists_every_rendition(editor_client, reader, film):
    post_with_new_photo(editor_client, film, upload("elevator.jpg", plain_jpeg(1200, 675)))
    photo = stored_photo(film)

    page = page_of(reader.get(film.get_absolute_url()))

    picture = page.by_id("behind-the-movie").find("picture")
    assert picture is not None
    assert_picture_lists(picture, photo.renditions)
    assert picture.find("img").attrs["alt"] == "Refn and Gosling rehearsing in the elevator"
    assert picture.find("img").attrs["loading"] == "lazy"


@pytest.mark.all_image_formats
def test_dossier_backdrop_picture_lists_every_rendition(editor_client, reader, film):
    post_with_backdrop(editor_client, film, upload("traffic.jpg", plain_jpeg(1600, 900)))
    film.refresh_from_db()
    assert [source["width"] for source in film.backdrop_renditions["formats"]["image/jpeg"]] == [480, 960, 1600]

    page = page_of(reader.get(film.get_absolute_url()))

    picture = page.find("header", class_="hero hero--backdrop").find("picture")
    assert_picture_lists(picture, film.backdrop_renditions)
    assert picture.find("img").attrs["sizes"] == "100vw"
    assert picture.find("img").attrs["fetchpriority"] == "high"


@pytest.mark.all_image_formats
# The admin's save really commits: the page cache is emptied on commit. (Serialized rollback
# brings back the editors' group the migrations made.)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_photo_shows_on_the_cached_dossier_at_once(editor_client, reader, film, page_cache_on):
    url = film.get_absolute_url()
    assert [reader.get(url)["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]

    post_with_new_photo(editor_client, film, upload("elevator.jpg", plain_jpeg(1200, 675)))

    response = reader.get(url)
    assert response["X-Page-Cache"] == "miss"
    picture = page_of(response).by_id("behind-the-movie").find("picture")
    assert_picture_lists(picture, stored_photo(film).renditions)


def test_picture_alt_text_is_escaped(editor_client, reader, film):
    post_with_backdrop(editor_client, film, upload("traffic.jpg", plain_jpeg(1600, 900)))
    film.refresh_from_db()
    film.backdrop_alt = 'The "Driver" <b>waits</b> & watches'
    film.save()

    response = reader.get(film.get_absolute_url())

    assert b"<b>waits</b>" not in response.content
    img = page_of(response).find("header", class_="hero hero--backdrop").find("picture").find("img")
    assert img.attrs["alt"] == 'The "Driver" <b>waits</b> & watches'
    assert img.attrs["decoding"] == "async"
