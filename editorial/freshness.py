"""The content version that keeps cached public pages fresh (see ContentVersion).

`bump()` is called whenever something public may have changed: by the signal
handlers in editorial/signals.py for every save or delete of film and editorial
content, and by the submissions service when a moderator decides.
"""

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from editorial.models import ContentVersion
from films.models import Film


def current():
    """(number, changed_at) of the content version: one small query.

    A scheduled dossier goes live without any save, so the same query asks for
    the first go-live time since the last change: once that time has passed,
    the version moves and cached pages show the newly public dossier.
    """
    first_go_live_since = (
        Film.objects.filter(status=Film.Status.LIVE, go_live_at__gt=OuterRef("changed_at"))
        .order_by("go_live_at")
        .values("go_live_at")[:1]
    )
    row = (
        ContentVersion.objects.filter(pk=1)
        .annotate(first_go_live_since=Subquery(first_go_live_since))
        .values_list("number", "changed_at", "first_go_live_since")
        .first()
    )
    if row is None:  # a flushed database (transactional tests) has lost the row
        bump()
        return _read()
    number, changed_at, first_go_live_since = row
    if first_go_live_since is not None and first_go_live_since <= timezone.now():
        bump()
        return _read()
    return number, changed_at


def bump():
    """Move the version on: one UPDATE (every save of public content calls this)."""
    now = timezone.now()
    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now):
        ContentVersion.objects.get_or_create(pk=1, defaults={"changed_at": now})


def _read():
    return ContentVersion.objects.filter(pk=1).values_list("number", "changed_at").get()
