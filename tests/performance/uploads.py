"""Images an editor might upload, and the film change form posted with one attached.

The builders make real files with Pillow: a photo carrying GPS EXIF, a plain JPEG,
a noisy PNG of a given byte size, a PNG whose header claims a huge canvas
while the file itself is only a few kilobytes (a decompression bomb), a JPEG with
a comment, a PNG with text chunks, and a PNG with an HTML page appended.
"""

import hashlib
import io
import os
import re
from functools import cache

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from films.models import BehindTheScenesPhoto
from tests.html import page_of
from tests.navigation.forms import form_data, inline_prefix

GPS_IFD = 0x8825
MAKE = 0x010F
GPS_POSITION = {1: "N", 2: (59.0, 20.0, 0.0), 3: "E", 4: (18.0, 4.0, 0.0)}  # Stockholm


def change_url(film):
    return f"/admin/films/film/{film.pk}/change/"


def _gradient(width, height):
    """An RGB image with detail in it, so every width of it is a distinct picture."""
    image = Image.linear_gradient("L").resize((width, height))
    return Image.merge("RGB", (image, image.transpose(Image.Transpose.FLIP_LEFT_RIGHT), image.rotate(180)))


def jpeg_with_gps(width=1200, height=675):
    exif = Image.Exif()
    exif[MAKE] = "Field camera"
    exif[GPS_IFD] = GPS_POSITION
    buffer = io.BytesIO()
    _gradient(width, height).save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def plain_jpeg(width=1200, height=675):
    buffer = io.BytesIO()
    _gradient(width, height).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def noisy_png(width=64, height=64):
    """Random pixels do not compress: a PNG of roughly width × height × 3 bytes."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(buffer, "PNG")
    return buffer.getvalue()


@cache
def png_claiming(width, height):
    """A real, valid 1-bit PNG of width × height pixels that compresses to a few kilobytes."""
    buffer = io.BytesIO()
    Image.new("1", (width, height), 0).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


COMMENT = "Shot from the neighbours' balcony at 14 Elm Street"
PNG_TEXT = {  # each in a different chunk: tEXt, iTXt, zTXt
    "Author": "Jane Roe <jane.roe@example.test>",
    "Location": "14 Elm Street, second floor",
    "Software": "Secret Grade 3.1 (licensed to Studio Nine)",
}
TRAILING_HTML = b"<html><script>alert(1)</script></html>"


@cache
def srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def jpeg_with_comment(width=1200, height=675):
    """A JPEG with a COM comment, GPS EXIF and an (sRGB) ICC colour profile."""
    exif = Image.Exif()
    exif[MAKE] = "Field camera"
    exif[GPS_IFD] = GPS_POSITION
    buffer = io.BytesIO()
    _gradient(width, height).save(
        buffer, "JPEG", quality=90, comment=COMMENT, exif=exif.tobytes(), icc_profile=srgb_profile()
    )
    return buffer.getvalue()


def rgba_gradient(width, height):
    """The gradient with a gradient of transparency over it: a PNG with every kind of pixel."""
    image = _gradient(width, height).convert("RGBA")
    image.putalpha(Image.linear_gradient("L").resize((width, height)).rotate(90))
    return image


def png_with_text(width=1200, height=675):
    info = PngInfo()
    info.add_text("Author", PNG_TEXT["Author"])
    info.add_itxt("Location", PNG_TEXT["Location"], lang="en", tkey="Location")
    info.add_text("Software", PNG_TEXT["Software"], zip=True)
    buffer = io.BytesIO()
    rgba_gradient(width, height).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def png_with_html(width=800, height=450):
    """A valid PNG with an HTML page after its end: a browser sniffing it might run the script."""
    buffer = io.BytesIO()
    _gradient(width, height).save(buffer, "PNG")
    return buffer.getvalue() + TRAILING_HTML


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _post(client, film, data):
    data["_continue"] = ["Save and continue editing"]
    return client.post(change_url(film), data)


def post_with_new_photo(client, film, image_file, *, title="Rehearsing the elevator", extra=None):
    """Add one reviewed behind-the-scenes photo to the film through its admin change form
    (with `extra` fields of the film's form changed too)."""
    page = client.get(change_url(film))
    assert page.status_code == 200
    data = form_data(page)
    prefix = inline_prefix(page, BehindTheScenesPhoto)
    index = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]
    data.update(
        {
            f"{prefix}-{index}-id": [""],
            f"{prefix}-{index}-film": [str(film.pk)],
            f"{prefix}-{index}-image": image_file,
            f"{prefix}-{index}-alt_text_en": ["Refn and Gosling rehearsing in the elevator"],
            f"{prefix}-{index}-title_en": [title],
            f"{prefix}-{index}-why_it_matters_en": ["The blocking is the whole scene."],
            f"{prefix}-{index}-caption_en": ["On set, 2010."],
            f"{prefix}-{index}-source_name": ["Press kit"],
            f"{prefix}-{index}-source_url": [""],
            f"{prefix}-{index}-is_reviewed": ["on"],
            f"{prefix}-{index}-position": ["0"],
        }
    )
    data.update(extra or {})
    return _post(client, film, data)


def post_with_backdrop(client, film, image_file, *, extra=None):
    """Set the film's backdrop through its admin change form (with `extra` fields changed too)."""
    page = client.get(change_url(film))
    assert page.status_code == 200
    data = form_data(page)
    data["backdrop"] = image_file
    data["backdrop_alt"] = ["Night traffic on the 110, seen from above"]
    data.update(extra or {})
    return _post(client, film, data)


def error_messages(response):
    """Every error message the re-rendered admin form shows the editor."""
    return [item.text for item in page_of(response).find_all("li") if _in_errorlist(item)]


def _in_errorlist(element):
    parent = element.parent
    return parent is not None and parent.tag == "ul" and "errorlist" in parent.attrs.get("class", "").split()


def rendition_names(renditions):
    return [source["name"] for sources in renditions["formats"].values() for source in sources]


def stored_files(media_root):
    return sorted(path.relative_to(media_root).as_posix() for path in media_root.rglob("*") if path.is_file())


def assert_named_for_its_bytes(name, stem, extension):
    """Uploads are served as immutable: a stored original is named for its bytes (the first 12
    hex digits of their SHA-256), so no URL ever comes to hold other bytes."""
    match = re.fullmatch(rf"{re.escape(stem)}-(?P<digest>[0-9a-f]{{12}}){re.escape(extension)}", name)
    assert match, f"{name} is not {stem}-<digest>{extension}"
    with default_storage.open(name, "rb") as stored:
        assert match["digest"] == hashlib.sha256(stored.read()).hexdigest()[:12], f"{name} does not hold its bytes"
