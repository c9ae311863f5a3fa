"""Uploaded images: checked on the way in, cleaned, and rendered once at several widths.

- `validate_image_upload` refuses what is not a real, reasonably sized image
  (format, bytes, and pixels — the last before decoding, against decompression bombs).
- `process_image` strips EXIF and other metadata from the stored original
  (GPS positions included) and writes renditions at RENDITION_WIDTHS in AVIF (when
  this Pillow can write it), WebP and JPEG. They are generated once, when the
  image is saved, and stored; a page never triggers image work.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError, features

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
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
    """Model-field validator: a clear message for anything we will not store."""
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
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"This image is {width}×{height} pixels; at most {MAX_PIXELS // 1_000_000} megapixels are accepted."
        )


def _encode(image, pil_format, options):
    buffer = BytesIO()
    if pil_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.save(buffer, pil_format, **options)  # no exif= passed: metadata is not written
    return buffer.getvalue()


PRIVATE_METADATA = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop")


def _clean_original(field_file):
    """Rewrite the stored original without EXIF/XMP (GPS, camera, owner), upright.

    An original with no such metadata is left byte for byte as it was.
    """
    storage, name = field_file.storage, field_file.name
    with storage.open(name, "rb") as stored, Image.open(stored) as image:
        has_private_metadata = bool(image.getexif()) or any(key in image.info for key in PRIVATE_METADATA)
        pil_format = image.format if image.format in ALLOWED_FORMATS else "JPEG"
        icc_profile = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
        upright.load()
    if not has_private_metadata:
        return upright, name
    options = {"quality": 92} if pil_format in ("JPEG", "WEBP") else {}
    if icc_profile:
        options["icc_profile"] = icc_profile  # colour, not private: keep it
    data = _encode(upright, pil_format, options)
    storage.delete(name)
    return upright, storage.save(name, ContentFile(data))


def process_image(field_file):
    """Strip the original's metadata and write its renditions; returns what templates need."""
    image, name = _clean_original(field_file)
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
            stored = field_file.storage.save(target, ContentFile(_encode(resized, pil_format, options)))
            sources.append({"name": stored, "width": width})
        renditions["formats"][mime] = sources
    return renditions


def needs_processing(field_file, renditions):
    return bool(field_file) and (renditions or {}).get("source") != field_file.name


class CheckedImageFormField(forms.ImageField):
    """Runs our checks before Django's own, whose message for an oversized image is a vague
    "not a valid image" (Pillow refuses to open it at all)."""

    def to_python(self, data):
        if data is not None and hasattr(data, "size") and not getattr(data, "_committed", False):
            validate_image_upload(data)
        return super().to_python(data)


# For ModelAdmin.formfield_overrides on every admin that takes an image upload.
IMAGE_UPLOAD_OVERRIDES = {models.ImageField: {"form_class": CheckedImageFormField}}
