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
from django.db.models import F
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
    version, film = ContentVersion._meta, Film._meta
    return (
        f"SELECT v.number, v.changed_at, (SELECT MIN(f.go_live_at) FROM {film.db_table} f "
        f"WHERE f.status = %s AND f.go_live_at > v.changed_at) "
        f"FROM {version.db_table} v WHERE v.{version.pk.column} = 1"
    )


def current(request=None):
    """The content version now: one small query, once per request when given the request.

    A scheduled dossier goes live without any save, so the same query asks for
    the first go-live time since the last change: once that time has passed,
    the version moves and cached pages show the newly public dossier.
    """
    remembered = getattr(request, "_content_version", None)
    if remembered is not None:
        return remembered
    with connection.cursor() as cursor:
        cursor.execute(_current_sql(), [Film.Status.LIVE])
        row = cursor.fetchone()
    if row is None:  # a flushed database (transactional tests) has lost the row
        bump()
        version = _read()
    else:
        number, changed_at, first_go_live_since = row
        version = Version(number, _aware(changed_at))
        if first_go_live_since is not None and _aware(first_go_live_since) <= timezone.now():
            bump()
            version = _read()
    if request is not None:
        request._content_version = version
    return version


def bump():
    """Move the version on: one UPDATE (every save of public content calls this)."""
    now = timezone.now()
    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now):
        ContentVersion.objects.get_or_create(pk=1, defaults={"changed_at": now})


def _read():
    return Version(*ContentVersion.objects.filter(pk=1).values_list("number", "changed_at").get())


def _aware(value):
    """A raw cursor on SQLite returns naive UTC datetimes (the ORM would convert them)."""
    if isinstance(value, str):  # SQLite without type detection
        value = datetime.fromisoformat(value)
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value
