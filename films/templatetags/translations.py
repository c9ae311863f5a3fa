"""Marking text shown in English on a page in another language (a field not yet translated).

modeltranslation falls back to the English when a field has no translation; the page must then
say so, for screen readers (`lang="en"`) and for readers (a note), which these tags tell."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


def shows_english(obj, field):
    """True when `obj.<field>` is shown in English on a page in another language."""
    language = get_language()
    if obj is None or language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return False
    return not getattr(obj, f"{field}_{language}", None) and bool(getattr(obj, field, None))


@register.simple_tag
def fallback_lang(obj, field):
    """` lang="en"` inside the tag that shows `obj.<field>`, when it falls back to the English."""
    return mark_safe(f' lang="{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"') if shows_english(obj, field) else ""


@register.simple_tag
def any_in_english(field, *objects):
    """True when any of `objects` shows `field` in English: `{% any_in_english "body" entry as untranslated %}`."""
    return any(shows_english(obj, field) for obj in objects)
