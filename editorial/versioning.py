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
