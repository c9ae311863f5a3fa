"""Uploaded images: checked on the way in, cleaned, and rendered once at several widths.

- `validate_image_upload` refuses what is not a real, reasonably sized image
  (format, bytes, and pixels — the last before decoding, against decompression bombs).
- `process_image` re-encodes the stored original from its decoded pixels, so nothing
  of the uploaded file survives but the picture and its colour profile: no EXIF (GPS
  positions), XMP, IPTC, comments, PNG text chunks, nor bytes appended after the image
  (HTML, a ZIP). The original is named for its real format (`.jpg`, `.png`, `.webp`),
  whatever the uploader called it. It then writes renditions at RENDITION_WIDTHS in
  AVIF (when this Pillow can write it), WebP and JPEG. They are generated once, when
  the image is saved, and stored; a page never triggers image work.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
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
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000  # e.g. 8000 × 5000
RENDITION_WIDTHS = (480, 960, 1600)
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
        raise ValidationError("This file is not an image we can read. Upload a JPEG, PNG or WebP.") from None
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


def _clean_original(field_file):
    """Replace the stored original with its pixels alone, upright, re-encoded in its own format
    under that format's extension. Returns the decoded image, its ICC profile and its new name.

    Always re-encoded, never kept: a file with no metadata Pillow reports may still carry
    bytes after the image, or chunks Pillow does not read.
    """
    storage, name = field_file.storage, field_file.name
    with storage.open(name, "rb") as stored, Image.open(stored) as image:
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
    storage.delete(name)
    field_file.name = storage.save(str(PurePosixPath(name).with_suffix(extension)), ContentFile(data))
    return upright, icc_profile, field_file.name


def process_image(field_file):
    """Clean the original and write its renditions; returns what templates need.

    The original may be renamed (a PNG uploaded as .pdf becomes .png): field_file.name is
    updated, and the returned "source" is the name to store in the model's field.
    """
    image, icc_profile, name = _clean_original(field_file)
    folder, stem = PurePosixPath(name).parent.name, PurePosixPath(name).stem
    renditions = {"source": name, "width": image.width, "height": image.height, "formats": {}}
    widths = [width for width in RENDITION_WIDTHS if width < image.width] + [image.width]
    for extension, pil_format, mime, options in rendition_formats():
        sources = []
        for width in sorted(set(widths)):
            height = round(image.height * width / image.width)
            resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
            target = f"renditions/{folder}/{stem}-{width}.{extension}"
            field_file.storage.delete(target)
            stored = field_file.storage.save(target, ContentFile(_encode(resized, pil_format, options, icc_profile)))
            sources.append({"name": stored, "width": width})
        renditions["formats"][mime] = sources
    return renditions


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


# For ModelAdmin.formfield_overrides on every admin that takes an image upload.
IMAGE_UPLOAD_OVERRIDES = {models.ImageField: {"form_class": CheckedImageFormField}}
