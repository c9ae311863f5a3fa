"""Admin for the authored sections (as inlines of the film page) and collections."""

from django import forms
from django.contrib import admin
from django.db import models

from editorial.models import (
    AfterlifeEntry,
    CaseFileLens,
    Collection,
    CollectionItem,
    CraftNote,
    EndingRead,
    ProductionFileEntry,
    ProductionNote,
    QuoteRead,
    SceneArchitectureEntry,
    SignatureScene,
    Steelman,
    WatchNextPick,
    WhyItMatters,
)

SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}
ESSAY_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 5, "cols": 90})}}


class ListSectionInline(admin.TabularInline):
    """An ordered list section: a labelled or titled note per row."""

    fields = ["position", "heading", "body"]
    formfield_overrides = SHORT_TEXT
    extra = 0
    classes = ["collapse"]


class SingleSectionInline(admin.StackedInline):
    """A section that holds one entry per film: the essay and the four modules."""

    fields = ["heading", "body"]
    formfield_overrides = ESSAY_TEXT
    extra = 0
    max_num = 1
    classes = ["collapse"]


class WhyItMattersInline(SingleSectionInline):
    model = WhyItMatters
    fields = ["body"]


class CraftNoteInline(ListSectionInline):
    model = CraftNote


class ProductionNoteInline(ListSectionInline):
    model = ProductionNote
    fields = ["position", "body"]


class CaseFileLensInline(ListSectionInline):
    model = CaseFileLens


class ProductionFileInline(ListSectionInline):
    model = ProductionFileEntry


class SceneArchitectureInline(ListSectionInline):
    model = SceneArchitectureEntry


class AfterlifeInline(ListSectionInline):
    model = AfterlifeEntry


class SignatureSceneInline(SingleSectionInline):
    model = SignatureScene


class QuoteReadInline(SingleSectionInline):
    model = QuoteRead
    fields = ["heading", "quote", "body"]


class EndingReadInline(SingleSectionInline):
    model = EndingRead


class SteelmanInline(SingleSectionInline):
    model = Steelman


AUTHORED_SECTION_INLINES = [
    WhyItMattersInline,
    CraftNoteInline,
    ProductionNoteInline,
    CaseFileLensInline,
    ProductionFileInline,
    SceneArchitectureInline,
    AfterlifeInline,
    SignatureSceneInline,
    QuoteReadInline,
    EndingReadInline,
    SteelmanInline,
]


class WatchNextPickInline(admin.TabularInline):
    """Pinned picks override the computed watch-next continuation of their pathway."""

    model = WatchNextPick
    fk_name = "film"
    fields = ["pathway", "target_film", "target_collection", "reason"]
    autocomplete_fields = ["target_film", "target_collection"]
    extra = 0
    max_num = len(WatchNextPick.Pathway.choices)
    classes = ["collapse"]
    verbose_name_plural = "watch-next pathway: pinned picks"


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    fields = ["position", "film", "note"]
    autocomplete_fields = ["film"]
    extra = 0


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "film_count", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "argument"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CollectionItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(film_total=models.Count("items"))

    @admin.display(description="films", ordering="film_total")
    def film_count(self, collection):
        return collection.film_total
