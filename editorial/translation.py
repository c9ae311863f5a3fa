"""Which editorial text is written per language (see films.translation)."""

from modeltranslation.translator import TranslationOptions, register, translator

from editorial.models import Collection, CollectionItem, DossierEntry, SectionEntry, TriviaItem, WatchNextPick


@register(DossierEntry)
class DossierEntryTranslation(TranslationOptions):
    fields = ("heading", "body", "quote")


class SectionProxyTranslation(TranslationOptions):
    fields = ()  # the entry's, inherited


# Each section's proxy (editorial.models) is registered too, or its rows would not know the columns.
for proxy in [SectionEntry, *SectionEntry.__subclasses__()]:
    translator.register(proxy, SectionProxyTranslation)


@register(Collection)
class CollectionTranslation(TranslationOptions):
    fields = ("title", "argument")


@register(CollectionItem)
class CollectionItemTranslation(TranslationOptions):
    fields = ("note",)


@register(WatchNextPick)
class WatchNextPickTranslation(TranslationOptions):
    fields = ("reason",)


@register(TriviaItem)
class TriviaItemTranslation(TranslationOptions):
    fields = ("text",)
