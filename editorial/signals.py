"""Any save or delete of public content moves the content version, so no cached page outlives it."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from editorial import freshness

# Reader submissions are not here: a pending one changes nothing public; the
# moderation service bumps the version when it decides.
CONTENT_APPS = {"films", "editorial", "taggit"}
NOT_CONTENT = {"editorial.contentversion"}


def is_public_content(model):
    return model._meta.app_label in CONTENT_APPS and model._meta.label_lower not in NOT_CONTENT


def invalidate_public_pages(sender, **kwargs):
    if is_public_content(sender):
        freshness.bump()


def connect():
    for model in apps.get_models(include_auto_created=True):
        if is_public_content(model):
            uid = f"editorial.invalidate_public_pages.{model._meta.label_lower}"
            post_save.connect(invalidate_public_pages, sender=model, dispatch_uid=uid + ".save")
            post_delete.connect(invalidate_public_pages, sender=model, dispatch_uid=uid + ".delete")
            m2m_changed.connect(invalidate_public_pages, sender=model, dispatch_uid=uid + ".m2m")
