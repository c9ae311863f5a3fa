"""Any save or delete of public content moves the content version, so no cached page outlives it,
and keeps the stored coverage score of the films it touches in step."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from editorial import freshness
from editorial.coverage import refresh_scores
from editorial.models import Collection
from films.models import Film, Genre

# Reader submissions are not here: a pending one changes nothing public; the
# moderation service bumps the version when it decides.
CONTENT_APPS = {"films", "editorial", "taggit"}
NOT_CONTENT = {"editorial.contentversion"}


def is_public_content(model):
    return model._meta.app_label in CONTENT_APPS and model._meta.label_lower not in NOT_CONTENT


def films_touched(instance, pk_set=None):
    """The films whose coverage a change to `instance` may move (pk_set: an m2m change's other side)."""
    if isinstance(instance, Film):
        return [instance.pk]
    if isinstance(instance, Collection):  # its status decides whether it counts as a live shelf
        return list(instance.items.values_list("film_id", flat=True))
    if isinstance(instance, Genre):  # deleted: its links go without signals of their own
        return getattr(instance, "films_before_delete", [])
    if pk_set:  # genre.films.add(...): the other side of a film's m2m; its pk_set holds films
        return list(pk_set)
    # A dossier part (entry, credit, photo, clip, shelf item, genre link) or a theme link.
    film_id = getattr(instance, "film_id", None) or getattr(instance, "content_object_id", None)
    return [film_id] if film_id else []


def invalidate_public_pages(sender, instance=None, pk_set=None, action=None, **kwargs):
    if not is_public_content(sender) or (action is not None and not action.startswith("post_")):
        return
    freshness.bump()
    films = films_touched(instance, pk_set)
    if films:
        refresh_scores(films)


def remember_films_of_genre(sender, instance, **kwargs):
    # Django deletes the rows of an auto-created m2m table without signals: note the films first.
    instance.films_before_delete = list(instance.films.values_list("pk", flat=True))


def connect():
    pre_delete.connect(remember_films_of_genre, sender=Genre, dispatch_uid="editorial.remember_films_of_genre")
    for model in apps.get_models(include_auto_created=True):
        if is_public_content(model):
            uid = f"editorial.invalidate_public_pages.{model._meta.label_lower}"
            post_save.connect(invalidate_public_pages, sender=model, dispatch_uid=uid + ".save")
            post_delete.connect(invalidate_public_pages, sender=model, dispatch_uid=uid + ".delete")
            m2m_changed.connect(invalidate_public_pages, sender=model, dispatch_uid=uid + ".m2m")
