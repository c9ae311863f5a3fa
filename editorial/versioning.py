"""What the film history (django-reversion) keeps: a film together with every section of its dossier.

A revision is a snapshot of the film and all rows that follow it, so restoring
an earlier version brings back the sections exactly as they were, and removes
rows added since.
"""

import reversion

from editorial.models import DossierEntry, WatchNextPick
from films.models import BehindTheScenesPhoto, Credit, Film, SceneClip, ThemedFilm, VideoSignal

FOLLOWED = {
    "credits": Credit,
    "video_signals": VideoSignal,
    "entries": DossierEntry,
    "photos": BehindTheScenesPhoto,
    "scene_clips": SceneClip,
    "theme_links": ThemedFilm,
    "watch_next_picks": WatchNextPick,
}


def register_film_history():
    for model in FOLLOWED.values():
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(Film):
        reversion.register(Film, follow=list(FOLLOWED))


# What a restore reports as changed: the film's own fields, and how many rows each part has.
RESTORED_FIELDS = ["title", "slug", "logline", "year", "runtime_minutes", "rating", "certification", "backdrop_alt"]


def restorable_state(film_pk):
    """What a restore may change, as stored now: fields, the number of rows of each part, and
    the publication, as (status, go_live_at). None for no such film."""
    film = Film.objects.filter(pk=film_pk).first()
    if film is None:
        return None
    return {
        "fields": {name: getattr(film, name) for name in RESTORED_FIELDS},
        "parts": {name: getattr(film, name).count() for name in FOLLOWED},
        "publication": (film.status, film.go_live_at),
    }


def describe_changes(before, after):
    """'logline, title; craft notes 3 → 2' for what differs between two restorable states."""
    if before is None or after is None:
        return ""
    fields = [Film._meta.get_field(name).verbose_name for name, value in before["fields"].items()
              if after["fields"][name] != value]
    parts = [f"{FOLLOWED[name]._meta.verbose_name_plural} {count} → {after['parts'][name]}"
             for name, count in before["parts"].items() if after["parts"][name] != count]
    return "; ".join(filter(None, [", ".join(fields), ", ".join(parts)]))
