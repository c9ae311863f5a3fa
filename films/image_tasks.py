"""Renditions are made by a task, after the upload is stored (films.signals enqueues it).

The request that stores an upload only cleans it (one re-encode, so its metadata is never
stored, let alone served) and records the original's size: until the task has run, pages show
the cleaned original at that size (films.templatetags.images). The task writes the renditions,
records them on the row if it still holds that upload, and empties the pages that show it.
A failed attempt is tried again later (films.task_retries).
"""

import logging

from django.apps import apps
from django.tasks import task

from films import images
from films.models import BehindTheScenesPhoto, Credit, Film, Person, SceneClip
from films.task_retries import retry_later
from pagecache import tags

logger = logging.getLogger(__name__)

# Each model with an uploaded image: (image field, where its renditions are kept).
IMAGE_FIELDS = {
    Film: ("backdrop", "backdrop_renditions"),
    Person: ("portrait", "portrait_renditions"),
    BehindTheScenesPhoto: ("image", "renditions"),
    SceneClip: ("poster", "poster_renditions"),
}


@task
def render_image(model_label, pk, source, attempt=1):
    """Make the renditions of `source`, the upload the row `pk` of `model_label` held when this
    was enqueued; returns them (None when the row has moved on to another image, or is gone)."""
    model = apps.get_model(model_label)
    field_name, renditions_name = IMAGE_FIELDS[model]
    still_shown = model.objects.filter(pk=pk, **{field_name: source})
    if not still_shown.exists():
        return None
    try:
        renditions = images.make_renditions(model._meta.get_field(field_name).storage, source)
    except Exception:
        if retry_later(render_image, model_label, pk, source, attempt=attempt):
            logger.warning("Renditions of %s failed (attempt %s); trying again later", source, attempt)
        raise  # recorded as this attempt's failure
    if still_shown.update(**{renditions_name: renditions}):
        tags.invalidate(pages_showing(model, pk))
    return renditions


def pages_showing(model, pk):
    """The cached pages that show this row's image. (A film's tag is on its cards too.)"""
    if model is Person:
        films = Credit.objects.filter(person=pk).values_list("film_id", flat=True)
        return {tags.person(pk), tags.CATALOG, *(tags.film(film) for film in films)}
    if model is Film:
        return {tags.film(pk)}
    return {tags.film(film) for film in model.objects.filter(pk=pk).values_list("film_id", flat=True)}
