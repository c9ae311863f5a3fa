"""Which catalog text is written per language (django-modeltranslation adds a column per language,
e.g. logline_en and logline_fr, on the same row, so a page reads a translation with no extra
query). Titles and names are not translated: they are the film's and the person's own."""

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from modeltranslation.translator import TranslationOptions, register
from taggit.models import Tag

from films.models import BehindTheScenesPhoto, Film, Person, SceneClip


@register(Film)
class FilmTranslation(TranslationOptions):
    fields = ("logline", "plot", "backdrop_alt")


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("bio",)


@register(SceneClip)
class SceneClipTranslation(TranslationOptions):
    fields = ("label", "title", "note", "poster_alt")


@register(BehindTheScenesPhoto)
class PhotoTranslation(TranslationOptions):
    fields = ("title", "why_it_matters", "caption", "alt_text")


# Themes are taggit's tags: their columns are added by this project's copy of taggit's
# migrations (settings.MIGRATION_MODULES), since a migration cannot be written into taggit itself.
@register(Tag)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


def in_page_language(field):
    """`field` in the page's language, falling back to the English, as an SQL expression, for a
    value read in a subquery or an aggregate, where modeltranslation's fallback cannot reach."""
    language = get_language()
    if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return F(field)
    return Coalesce(NullIf(F(f"{field}_{language}"), Value("")), F(field))


def with_translations(*fields):
    """`fields` and each one's column per language ("logline" -> logline, logline_en, logline_fr),
    for an only() across a relation ("film__logline"), which modeltranslation does not extend."""
    return [name for field in fields for name in (field, *(f"{field}_{code}" for code, _name in settings.LANGUAGES))]


def shows_english(obj, field):
    """True when `obj.<field>` is shown in English on a page in another language (modeltranslation
    fell back to the English because the field has no translation yet)."""
    language = get_language()
    if obj is None or language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return False
    return not getattr(obj, f"{field}_{language}", None) and bool(getattr(obj, field, None))


def english_if(shown_in_english):
    """The `lang` a text shown in English needs on a page in another language ("" when none)."""
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE if shown_in_english else ""
