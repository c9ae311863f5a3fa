"""Publishing a dossier: the one path for taking a film live or back to draft, with its history
and the cached pages it empties."""

import reversion
from django.db import transaction

from editorial.page_tags import film_change_tags, film_state
from films.models import Film
from pagecache import tags


def _set_status(films, status, *, user, comment):
    changed = 0
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        for film in films:
            if film.status != status:
                before = film_state(film.pk)
                film.status = status
                # published_at is stamped on the way to live (films.signals).
                film.save(update_fields=["status", "published_at", "updated_at"])
                tags.invalidate(film_change_tags(before, film_state(film.pk)))
                changed += 1
    return changed


def publish(films, *, user):
    """Make films live (at their go-live time, if one is set). Returns how many changed."""
    return _set_status(films, Film.Status.LIVE, user=user, comment="Published")


def unpublish(films, *, user):
    """Take films back to draft: they disappear from every public page at once."""
    return _set_status(films, Film.Status.DRAFT, user=user, comment="Unpublished")
