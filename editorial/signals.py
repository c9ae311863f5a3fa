"""Keeps each film's stored coverage (editorial.coverage) in step with the rows it counts.

Coverage is data, not a page: it must follow every write, from the admin's inlines,
history restores and scripts alike, so it is kept by signal handlers on exactly the
models its facts count. (Cached pages are not kept here: the services that change
content name the pages they touch, see pagecache.tags.)
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from editorial.coverage import refresh_coverage
from editorial.models import Collection, CollectionItem, DossierEntry
from films.models import BehindTheScenesPhoto, Credit, Film, Genre, SceneClip, ThemedFilm

# A row of each of these belongs to one film (its `film_id`, or `content_object_id` for a theme link).
FILM_PARTS = [DossierEntry, Credit, BehindTheScenesPhoto, SceneClip, ThemedFilm, CollectionItem]


def _film_of(part):
    return getattr(part, "film_id", None) or getattr(part, "content_object_id", None)


def film_part_changed(sender, instance, raw=False, **kwargs):
    if not raw and _film_of(instance):
        refresh_coverage([_film_of(instance)])


def film_saved(sender, instance, raw=False, **kwargs):
    # Raw saves too: restoring a version from history saves the film raw.
    refresh_coverage([instance.pk])


def collection_changed(sender, instance, **kwargs):
    # Whether a shelf is live decides its films' "collection pathway live" check.
    refresh_coverage(list(instance.items.values_list("film_id", flat=True)))


def genres_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action.startswith("post_"):
        refresh_coverage(list(pk_set or []) if reverse else [instance.pk])


def remember_films_of_genre(sender, instance, **kwargs):
    # Django deletes the rows of an auto-created m2m table without signals: note the films first.
    instance.films_before_delete = list(instance.films.values_list("pk", flat=True))


def genre_deleted(sender, instance, **kwargs):
    refresh_coverage(instance.films_before_delete)


def _with_proxies(models):
    """The models and their proxies: Django sends a proxy's save and delete signals with the proxy
    as sender (each dossier section is a proxy of DossierEntry), never the concrete model."""
    return [model for model in apps.get_models() if model._meta.concrete_model in models]


def connect():
    for model in _with_proxies(FILM_PARTS):
        label = model._meta.label_lower
        post_save.connect(film_part_changed, sender=model, dispatch_uid=f"editorial.coverage.{label}.save")
        post_delete.connect(film_part_changed, sender=model, dispatch_uid=f"editorial.coverage.{label}.delete")
    post_save.connect(film_saved, sender=Film, dispatch_uid="editorial.coverage.film")
    post_save.connect(collection_changed, sender=Collection, dispatch_uid="editorial.coverage.collection")
    m2m_changed.connect(genres_changed, sender=Film.genres.through, dispatch_uid="editorial.coverage.genres")
    pre_delete.connect(remember_films_of_genre, sender=Genre, dispatch_uid="editorial.coverage.genre.pre_delete")
    post_delete.connect(genre_deleted, sender=Genre, dispatch_uid="editorial.coverage.genre.delete")
