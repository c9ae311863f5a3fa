"""Uploaded images: checked on the way in, cleaned, and rendered once at several widths.

- `validate_image_upload` refuses what is not a real, reasonably sized image
  (format, bytes, and pixels — the last before decoding, against decompression bombs).
- `clean_image` re-encodes the uploaded original from its decoded pixels, so nothing
  of the uploaded file survives but the picture and its colour profile: no EXIF (GPS
  positions), XMP, IPTC, comments, PNG text chunks, nor bytes appended after the image
  (HTML, a ZIP). The original is named for its real format (`.jpg`, `.png`, `.webp`),
  whatever the uploader called it, and for the digest of its bytes (`content_name`).
  This happens before the upload is stored (the form field, or the model's save), so
  the uploaded bytes never reach storage.
- `make_renditions` writes renditions at RENDITION_WIDTHS in AVIF (when this Pillow can
  write it), WebP and JPEG. They are made once per upload, by a task
  (films.image_tasks), and stored; a page never triggers image work.
"""

import hashlib
import re
from io import BytesIO
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError, features

# Each accepted format: the extension its stored original gets, and how it is re-encoded
# (PNG losslessly; JPEG and WebP, lossy already, at a quality that adds no visible loss).
ORIGINAL_FORMATS = {
    "JPEG": (".jpg", {"quality": 92}),
    "PNG": (".png", {}),
    "WEBP": (".webp", {"quality": 90, "method": 4}),
}
ALLOWED_FORMATS = set(ORIGINAL_FORMATS)
UNREADABLE = "This file is not an image we can read. Upload a JPEG, PNG or WebP."
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000  # e.g. 8000 × 5000
RENDITION_WIDTHS = (480, 960, 1600)
HASH_LENGTH = 12
# A cleaned original's stem ends in the digest of its bytes, perhaps followed by the suffix
# Django's storage adds to a name already taken ("_" and seven letters or digits).
CLEAN_STEM = re.compile(rf"-(?P<digest>[0-9a-f]{{{HASH_LENGTH}}})(?:_[A-Za-z0-9]{{7}})?$")
RENDITION_FORMATS = [
    # speed 8: a quarter of the default encode time, still well under the WebP size.
    *([("avif", "AVIF", "image/avif", {"quality": 55, "speed": 8})] if features.check("avif") else []),
    ("webp", "WEBP", "image/webp", {"quality": 80, "method": 4}),
    ("jpg", "JPEG", "image/jpeg", {"quality": 82, "optimize": True, "progressive": True}),
]


def rendition_formats():
    """The formats renditions are made in: all of RENDITION_FORMATS, or those named in the
    IMAGE_RENDITION_FORMATS setting (tests where formats do not matter make JPEG only)."""
    wanted = getattr(settings, "IMAGE_RENDITION_FORMATS", None)
    return [entry for entry in RENDITION_FORMATS if wanted is None or entry[0] in wanted]


def validate_image_upload(file):
    """Model-field validator: a clear message for anything we will not store.

    Returns the image's format, which the upload form field names the file after."""
    if getattr(file, "_committed", False):
        return  # already stored, so it passed on its way in
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"This file is {filesizeformat(file.size)}; images may be at most {filesizeformat(MAX_UPLOAD_BYTES)}."
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        # Image.open reads only the header: the size is known before any pixel is decoded.
        with Image.open(file) as image:
            width, height, image_format = image.width, image.height, image.format
    except Image.DecompressionBombError:  # Pillow's own ceiling, far above ours
        raise ValidationError(
            f"This image has far too many pixels; at most {MAX_PIXELS // 1_000_000} megapixels are accepted."
        ) from None
    except (UnidentifiedImageError, OSError):
        raise ValidationError(UNREADABLE) from None
    finally:
        file.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(f"{image_format} images are not accepted. Upload a JPEG, PNG or WebP.")
    _check_pixels(width, height)
    return image_format


def _check_pixels(width, height):
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"This image is {width}×{height} pixels; at most {MAX_PIXELS // 1_000_000} megapixels are accepted."
        )


def _encode(image, pil_format, options, icc_profile=None):
    buffer = BytesIO()
    if pil_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
        icc_profile = None  # it described the pixels before the conversion, not these
    if icc_profile:
        options = {**options, "icc_profile": icc_profile}  # colour, not private: kept
    # Nothing else is passed, and image.info was emptied, so no metadata is written.
    image.save(buffer, pil_format, **options)
    return buffer.getvalue()


def clean_image(file, name):
    """The image in `file` as its pixels alone, upright, re-encoded in its own format: a
    ContentFile named for those bytes (`content_name`), and its (width, height).

    Always re-encoded, never kept: a file with no metadata Pillow reports may still carry
    bytes after the image, or chunks Pillow does not read.
    """
    file.seek(0)
    with Image.open(file) as image:
        _check_pixels(*image.size)  # before decoding, on any path that did not go through the form
        pil_format = image.format if image.format in ORIGINAL_FORMATS else "JPEG"
        icc_profile = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
        upright.load()
    # Pillow writes some of image.info back by default (a JPEG's comment, a PNG's ICC profile),
    # and resize() copies it to every rendition: only transparency, which is pixels, stays.
    upright.info = {key: value for key, value in upright.info.items() if key == "transparency"}
    extension, options = ORIGINAL_FORMATS[pil_format]
    data = _encode(upright, pil_format, options, icc_profile)
    return ContentFile(data, name=content_name(PurePosixPath(name).name, data, extension)), upright.size


def _digest(data, length=HASH_LENGTH):
    return hashlib.sha256(data).hexdigest()[:length]


def content_name(name, data, extension):
    """`elevator.jpg` → `elevator-<12 hex digits of these bytes' SHA-256>.jpg`.

    Uploaded media is served as immutable: a URL must never come to hold other bytes. Named
    for their content, a re-upload, or a photo deleted and uploaded again, gets a URL of its own.
    A name already carrying a digest (a file cleaned again) loses it first."""
    stem = CLEAN_STEM.sub("", PurePosixPath(name).stem) or "image"
    return f"{stem}-{_digest(data)}{extension}"


def is_clean(name, data):
    """Whether the stored `data` is what clean_image wrote under `name`: the name carries the
    digest of exactly these bytes (the storage may have added its own suffix after it)."""
    match = CLEAN_STEM.search(PurePosixPath(name).stem)
    return bool(match) and match["digest"] == _digest(data)


def clean_stored(storage, name):
    """Make sure the stored original `name` is clean: it is kept if it is (an upload the form or
    the model's save cleaned), replaced by its cleaned copy if not (a file a script stored).
    Returns the original's name, width and height."""
    with storage.open(name, "rb") as stored:
        data = stored.read()
    if is_clean(name, data):
        with Image.open(BytesIO(data)) as image:
            return name, image.width, image.height
    cleaned, (width, height) = clean_image(BytesIO(data), name)
    storage.delete(name)
    return storage.save(str(PurePosixPath(name).parent / cleaned.name), cleaned), width, height


def original_only(name, width, height):
    """What templates get for an image whose renditions are not made yet: the cleaned original."""
    return {"source": name, "width": width, "height": height, "formats": {}}


def make_renditions(storage, name):
    """Write the renditions of the clean original `name`; returns what templates need.

    Each rendition is named for its own bytes too, so a rendition already stored (an attempt
    that stopped half way, run again) is found and kept, and none is ever overwritten."""
    with storage.open(name, "rb") as stored, Image.open(stored) as image:
        _check_pixels(*image.size)
        icc_profile = image.info.get("icc_profile")
        image.load()
    image.info = {key: value for key, value in image.info.items() if key == "transparency"}
    folder, stem = PurePosixPath(name).parent.name, PurePosixPath(name).stem
    renditions = original_only(name, image.width, image.height)
    widths = [width for width in RENDITION_WIDTHS if width < image.width] + [image.width]
    for extension, pil_format, mime, options in rendition_formats():
        sources = []
        for width in sorted(set(widths)):
            height = round(image.height * width / image.width)
            resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
            data = _encode(resized, pil_format, options, icc_profile)
            target = f"renditions/{folder}/{stem}-{width}w-{_digest(data, 8)}.{extension}"
            if not storage.exists(target):
                target = storage.save(target, ContentFile(data))
            sources.append({"name": target, "width": width})
        renditions["formats"][mime] = sources
    return renditions


def process_image(field_file):
    """Clean the original and write its renditions at once (scripts and the benchmark's
    catalog; uploads get theirs from films.image_tasks). field_file.name is updated to the
    cleaned original's name, which the returned "source" also is."""
    field_file.name, _, _ = clean_stored(field_file.storage, field_file.name)
    return make_renditions(field_file.storage, field_file.name)


def needs_processing(field_file, renditions):
    return bool(field_file) and (renditions or {}).get("source") != field_file.name


class CheckedImageFormField(forms.ImageField):
    """Runs our checks before Django's own, whose message for an oversized image is a vague
    "not a valid image" (Pillow refuses to open it at all).

    The upload is then named for what it is (a PNG sent as photo.pdf becomes photo.png), before
    Django's extension check, which goes by the name alone: the content decides what is accepted,
    and the file never sits in storage under the uploader's extension.
    """

    def to_python(self, data):
        if data is not None and hasattr(data, "size") and not getattr(data, "_committed", False):
            image_format = validate_image_upload(data)
            data.name = str(PurePosixPath(data.name).with_suffix(ORIGINAL_FORMATS[image_format][0]))
        return super().to_python(data)

