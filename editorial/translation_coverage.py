"""How much of a dossier is written in each language besides English: for the film page's
coverage panel, so an editor sees what a French reader would still read in English."""

from dataclasses import dataclass

from django.conf import settings

from editorial.models import DossierEntry, TriviaItem
from films.models import BehindTheScenesPhoto, SceneClip, ThemedFilm


@dataclass(frozen=True)
class LanguageCoverage:
    code: str
    name: str
    translated: int
    total: int
    missing: list  # what is still English only, e.g. "Plot synopsis", "Craft read (2)"

    @property
    def percent(self):
        return round(100 * self.translated / self.total) if self.total else 100


def _texts(film):
    """(label, object, field) for every text of the dossier written in English."""
    texts = [("Logline", film, "logline"), ("Plot synopsis", film, "plot"), ("Backdrop description", film, "backdrop_alt")]
    for entry in DossierEntry.objects.filter(film=film):
        for name in ("heading", "body", "quote"):
            texts.append((entry.get_section_display(), entry, name))
    for link in ThemedFilm.objects.filter(content_object=film).select_related("tag"):
        texts.append(("Themes", link.tag, "name"))
    for clip in SceneClip.objects.filter(film=film):
        texts += [("Scene shelf", clip, name) for name in ("label", "title", "note", "poster_alt")]
    for photo in BehindTheScenesPhoto.objects.filter(film=film, is_reviewed=True):
        texts += [("Behind the movie", photo, name) for name in ("title", "why_it_matters", "caption", "alt_text")]
    for item in TriviaItem.objects.filter(film=film, status=TriviaItem.Status.PUBLISHED):
        texts.append(("Trivia", item, "text"))
    return [text for text in texts if getattr(text[1], f"{text[2]}_{settings.LANGUAGE_CODE}", None)]


def translation_coverage(film):
    """Each other language's share of the dossier's English texts that are translated."""
    if film is None or film.pk is None:
        return []
    texts = _texts(film)
    coverage = []
    for code, name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        missing = {}
        for label, obj, field in texts:
            if not getattr(obj, f"{field}_{code}", None):
                missing[label] = missing.get(label, 0) + 1
        labels = [label if count == 1 else f"{label} ({count})" for label, count in missing.items()]
        coverage.append(LanguageCoverage(code, name, len(texts) - sum(missing.values()), len(texts), labels))
    return coverage
