"""Image uploads in the admin: cleaned and stored while the form is checked, so that an upload
that cannot be stored is an error on its field, and nothing stays stored for a form not saved.

Storing while the form is checked puts the error where Django puts every other one: next to
the field, the form shown again with everything the editor typed, nothing saved. A file stored
for a form that is then not saved (an error elsewhere on the page, a save that failed) would be
an orphan: when the admin view ends, it deletes every file its forms stored that no row names.

`ImageUploadsAdmin` goes on every admin and inline with an image field (films.admin,
editorial.admin): the one place this rule lives.
"""

import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models

from films.images import UNREADABLE, CheckedImageFormField, clean_image

logger = logging.getLogger(__name__)

# What a storage that cannot store raises: local files (a full or read-only disk), or object
# storage (MEDIA_STORAGE_URL: its endpoint down, its bucket missing, access refused), whose
# errors are botocore's own, not OSError.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)

NOT_STORED = ("This image could not be stored, so nothing was saved. Please try again; if it keeps "
              "failing, the site's file storage needs looking at (the error is in the server's log).")


class StoredImageFormField(CheckedImageFormField):
    """An image upload, checked (CheckedImageFormField), cleaned of everything but its pixels and
    stored; its cleaned value is the stored file's name."""

    def __init__(self, *, model_field, stored, **kwargs):
        super().__init__(**kwargs)
        self.model_field = model_field
        self.stored = stored  # (model field, name) of each file stored by this request's forms

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if not isinstance(value, UploadedFile):
            return value  # no new upload: the image already stored, or False to clear it
        try:
            cleaned, _ = clean_image(value, value.name)
        except (OSError, ValueError):  # a header that reads, over pixels that do not (a truncated file)
            raise ValidationError(UNREADABLE, code="invalid_image") from None
        field, storage = self.model_field, self.model_field.storage
        name = field.generate_filename(None, cleaned.name)
        try:
            # Asking whether the name is free is the storage's first contact: it can fail too.
            name = storage.get_available_name(name, max_length=field.max_length)
            name = storage.save(name, cleaned, max_length=field.max_length)
        except STORAGE_ERRORS:
            logger.exception("Could not store the upload %s", name)
            delete_quietly(storage, name)  # whatever part of it was written
            raise ValidationError(NOT_STORED, code="not_stored") from None
        self.stored.append((field, name))
        return name


def delete_quietly(storage, name):
    try:
        if storage.exists(name):
            storage.delete(name)
    except STORAGE_ERRORS:
        logger.exception("Could not delete %s", name)


def stored_by(request):
    return request.__dict__.setdefault("_image_uploads_stored", [])


def delete_unsaved(stored):
    """Delete each of these stored uploads that no saved row names."""
    for field, name in stored:
        if not field.model._default_manager.filter(**{field.name: name}).exists():
            delete_quietly(field.storage, name)
    stored.clear()


class ImageUploadsAdmin:
    """For a ModelAdmin or an inline: its image fields store their uploads as they are checked
    (StoredImageFormField); a change form's view deletes, when it ends, what was not saved."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.ImageField):
            kwargs = {"form_class": StoredImageFormField, "model_field": db_field, "stored": stored_by(request),
                      **kwargs}
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # After the view's transaction: a row it rolled back names nothing.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        finally:
            delete_unsaved(stored_by(request))
