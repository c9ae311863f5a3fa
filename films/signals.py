"""Signal handlers of the films app, named for what they keep true."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.tasks import TaskResultStatus
from django.utils import timezone
from modeltranslation.translator import translator
from taggit.models import Tag

from films.image_tasks import IMAGE_FIELDS, render_image
from films.images import clean_image, clean_stored, needs_processing, original_only
from films.models import Film, FormerSlug, theme_slug


@receiver(pre_save, sender=Film, dispatch_uid="films.remember_former_slug")
def remember_former_slug(sender, instance, raw=False, **kwargs):
    """When a film's slug changes, keep the old one so its links redirect (301) to the new one.

    Raw saves count too: restoring an older version from history saves raw, and
    the slug it replaces must keep working.
    """
    # A slug in use by a film is never a redirect, whoever used it before.
    FormerSlug.objects.filter(slug=instance.slug).delete()
    if instance.pk is None:
        return
    previous = Film.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if previous and previous != instance.slug:
        FormerSlug.objects.update_or_create(slug=previous, defaults={"film": instance})


@receiver(pre_save, sender=Film, dispatch_uid="films.stamp_publication_time")
def stamp_publication_time(sender, instance, raw=False, **kwargs):
    """A live film carries the moment it became public: its go-live time, or now.

    Feeds, the home page and "newest" sorting read it. It is set when the film
    goes live and follows the go-live time while the film is scheduled.
    """
    if raw or instance.status != Film.Status.LIVE:
        return
    if instance.published_at is None or instance.published_at > timezone.now():
        instance.published_at = instance.go_live_at or timezone.now()


@receiver(pre_save, sender=Tag, dispatch_uid="films.ascii_theme_slug")
def give_a_new_theme_an_ascii_slug(sender, instance, raw=False, **kwargs):
    """taggit slugs a new tag keeping its script ("孤独"), which no theme URL can carry: a theme
    made anywhere (a film's themes field, a script) gets an ASCII slug instead."""
    if raw or instance.pk is not None:
        return
    try:
        validate_slug(instance.slug)
    except ValidationError:
        instance.slug = theme_slug(instance.name)


@receiver(pre_save, dispatch_uid="films.clean_uploaded_image")
def clean_uploaded_image(sender, instance, raw=False, **kwargs):
    """A new image is stored clean, and the row records the cleaned original until its
    renditions exist.

    An upload still in memory (a script's) is cleaned before Django stores it; one already
    stored is kept if the admin's form cleaned it, cleaned in place if not (a script's).
    """
    if raw or sender not in IMAGE_FIELDS:
        return
    field_name, renditions_name = IMAGE_FIELDS[sender]
    image = getattr(instance, field_name)
    if not needs_processing(image, getattr(instance, renditions_name)):
        return
    if image._committed:
        name, width, height = clean_stored(image.storage, image.name)
        if name != image.name:
            setattr(instance, field_name, name)
    else:
        cleaned, (width, height) = clean_image(image.file, image.name)
        image.save(cleaned.name, cleaned, save=False)
        name = image.name
    setattr(instance, renditions_name, original_only(name, width, height))


@receiver(post_save, dispatch_uid="films.make_image_renditions")
def make_image_renditions(sender, instance, raw=False, **kwargs):
    """An image without renditions gets them from a task.

    Enqueued inside the save's transaction: with the database backend the task is stored with
    the row, or not at all; the immediate backend makes them now, and this instance gets them.
    A save from an instance read before the task finished writes back the original alone:
    the renditions are made again (their files, named for their bytes, are found and kept).
    """
    if raw or sender not in IMAGE_FIELDS:
        return
    field_name, renditions_name = IMAGE_FIELDS[sender]
    image = getattr(instance, field_name)
    if not image or (getattr(instance, renditions_name) or {}).get("formats"):
        return
    result = render_image.enqueue(sender._meta.label, instance.pk, image.name)
    if result.status == TaskResultStatus.SUCCESSFUL and result.return_value:
        setattr(instance, renditions_name, result.return_value)


@receiver(pre_save, dispatch_uid="films.keep_original_column_english")
def keep_original_column_english(sender, instance, raw=False, **kwargs):
    """A translated field keeps its original column (`logline` beside `logline_en` and
    `logline_fr`), which modeltranslation fills with whichever language was last set. It is kept
    the English here, so that what reads the column in SQL (the search document, a shelf's title
    in a subquery) reads the English, as it did before there was a second language."""
    model = sender._meta.concrete_model  # a section's proxy (editorial.models) saves its entry's row
    if model not in translator.get_registered_models():
        return
    for name in translator.get_options_for_model(model).all_fields:
        english = instance.__dict__.get(f"{name}_en")
        if english not in (None, ""):
            instance.__dict__[name] = english
