"""Publishing a dossier: the one path for taking a film live or back to draft, with its history
and the cached pages it empties."""

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from editorial.page_tags import film_change_tags, film_state
from films.models import Film
from pagecache import tags


def publication(status, go_live_at):
    """Where a dossier stands: "draft", "scheduled" (live from a time still to come) or "live"."""
    if status != Film.Status.LIVE:
        return "draft"
    return "scheduled" if go_live_at is not None and go_live_at > timezone.now() else "live"


def when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def publication_change(before, after):
    """What a save did to a dossier's publication, as history names it, or "" if nothing.

    `before` and `after` are (status, go_live_at); `before` is None for a new film.
    """
    was = publication(*before) if before else "draft"
    now, go_live_at = publication(*after), after[1]
    if now == "scheduled" and (was != "scheduled" or before[1] != go_live_at):
        return f"{'Rescheduled' if was == 'scheduled' else 'Scheduled'} to go live {when(go_live_at)}"
    if now == was:
        return ""
    return {"live": "Published", "draft": "Unpublished" if was == "live" else "Unscheduled (back to draft)"}[now]


def _set_status(films, status, *, user):
    """Move each film to `status`, each in a revision of its own that names what happened.
    Returns [(film, what happened)] for the films that changed."""
    changed = []
    with transaction.atomic():
        for film in films:
            if film.status == status:
                continue
            before = film_state(film.pk)
            action = publication_change((film.status, film.go_live_at), (status, film.go_live_at))
            with reversion.create_revision():
                reversion.set_user(user)
                reversion.set_comment(f"{action}.")
                film.status = status
                # published_at is stamped on the way to live (films.signals).
                film.save(update_fields=["status", "published_at", "updated_at"])
            tags.invalidate(film_change_tags(before, film_state(film.pk)))
            changed.append((film, action))
    return changed


def publish(films, *, user):
    """Make films live (at their go-live time, if one is set). Returns [(film, what happened)]."""
    return _set_status(films, Film.Status.LIVE, user=user)


def unpublish(films, *, user):
    """Take films back to draft: they disappear from every public page at once."""
    return _set_status(films, Film.Status.DRAFT, user=user)
