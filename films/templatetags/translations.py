"""Marking text shown in English on a page in another language (a field not yet translated).

modeltranslation falls back to the English when a field has no translation; the page must then
say so, for screen readers (`lang="en"`) and for readers (a note), which these tags tell."""

from django import template
from django.conf import settings
from django.db.models import QuerySet
from django.utils.safestring import mark_safe

from films.translation import shows_english

register = template.Library()


@register.simple_tag
def fallback_lang(obj, field):
    """` lang="en"` inside the tag that shows `obj.<field>`, when it falls back to the English."""
    return mark_safe(f' lang="{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"') if shows_english(obj, field) else ""


def _flatten(objects):
    for obj in objects:
        if isinstance(obj, (list, tuple, QuerySet)):
            yield from obj
        elif obj is not None:
            yield obj


def any_shows_english(fields, *objects):
    """True when any of `objects` (or of the lists among them) shows one of `fields` in English."""
    names = [name.strip() for name in fields.split(",")]
    return any(shows_english(obj, name) for obj in _flatten(objects) for name in names)


@register.inclusion_tag("films/dossier/_untranslated_note.html")
def untranslated_note(fields, *objects):
    """The reader's note that a section is shown in English: `{% untranslated_note "heading,body" entries %}`."""
    return {"shown": any_shows_english(fields, *objects)}
