"""The content version that keeps cached public pages fresh (see ContentVersion).

`bump()` is called whenever something public may have changed: by the signal
handlers in editorial/signals.py for every save or delete of film and editorial
content, and by the submissions service when a moderator decides.

`current()` is read on every cached page view, so it is one hand-written
single-row SELECT (building it with the ORM cost more than running it), and a
request reads it at most once.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection
from django.db.models import F, Subquery
from django.utils import timezone

from editorial.models import ContentVersion
from films.models import Film


@dataclass(frozen=True)
class Version:
    number: int
    changed_at: datetime  # the pages' Last-Modified

    @property
    def key(self):
        """Unique to this version, also across a database that was emptied and restarted at 1."""
        return f"{self.number}.{self.changed_at.timestamp():.6f}"


def _current_sql():
    table, pk = ContentVersion._meta.db_table, ContentVersion._meta.pk.column
    return f"SELECT number, changed_at, next_go_live_at FROM {table} WHERE {pk} = 1"


def current(request=None):
    """The content version now: one single-row read, once per request when given the request.

    A scheduled dossier goes live without any save, so the row also keeps the
    next go-live time: once that has passed, the version moves and cached pages
    show the newly public dossier.
    """
    remembered = getattr(request, "_content_version", None)
    if remembered is not None:
        return remembered
    with connection.cursor() as cursor:
        cursor.execute(_current_sql())
        row = cursor.fetchone()
    if row is None:  # a flushed database (transactional tests) has lost the row
        bump()
        version = _read()
    else:
        number, changed_at, next_go_live_at = row
        version = Version(number, _aware(changed_at))
        if next_go_live_at is not None and _aware(next_go_live_at) <= timezone.now():
            bump()
            version = _read()
    if request is not None:
        request._content_version = version
    return version


def bump():
    """Move the version on, and note the next go-live: one UPDATE (every save of public content calls this)."""
    now = timezone.now()
    next_go_live_at = Subquery(
        Film.objects.filter(status=Film.Status.LIVE, go_live_at__gt=now).order_by("go_live_at").values("go_live_at")[:1]
    )
    moved = ContentVersion.objects.filter(pk=1).update(
        number=F("number") + 1, changed_at=now, next_go_live_at=next_go_live_at
    )
    if not moved:
        ContentVersion.objects.get_or_create(pk=1, defaults={"changed_at": now})
        bump()


def _read():
    return Version(*ContentVersion.objects.filter(pk=1).values_list("number", "changed_at").get())


def _aware(value):
    """A raw cursor on SQLite returns naive UTC datetimes (the ORM would convert them)."""
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value
