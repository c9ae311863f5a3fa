"""The editors' film page (the catalog facts, then one inline per dossier section) and collections."""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.db import models
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import smart_split, unescape_string_literal
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from reversion_compare.admin import CompareVersionAdmin

from editorial.coverage import CHECKS, TIERS, facts_of, filter_by_tier, tier_for
from editorial.film_form import FilmForm
from editorial.translation_coverage import translation_coverage
from editorial.models import (
    AfterlifeEntry,
    CaseFileLens,
    Collection,
    CollectionItem,
    CraftNote,
    EndingRead,
    Pathway,
    PreviewLink,
    ProductionFileEntry,
    ProductionNote,
    QuoteRead,
    SceneArchitectureEntry,
    SignatureScene,
    Steelman,
    WatchNextPick,
    WhyItMatters,
)
from editorial.page_tags import collection_films, collection_tags, film_change_tags, film_state
from editorial.publishing import publication, publication_change, publish, unpublish, when
from editorial.versioning import describe_changes, restorable_state
from films.admin import CreditInline, PhotoInline, SceneClipInline, VideoSignalInline, thumbnail
from films.admin_uploads import ImageUploadsAdmin
from films.autocomplete import PreloadedAutocompleteInline
from films.models import BehindTheScenesPhoto, Credit, Film, Person, SceneClip
from pagecache import tags
from pagecache.admin_mixins import InvalidatesPagesAdmin

SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}
ESSAY_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 5, "cols": 90})}}


class NamedFieldsInline:
    """Labels that name what a section's generic fields hold ("Craft note", not "Body")."""

    labels = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        # A translated field's column per language ("body_fr") is labelled as its field, with the language.
        name = getattr(getattr(db_field, "translated_field", db_field), "name", db_field.name)
        if formfield is not None and name in self.labels:
            language = getattr(db_field, "language", None)
            formfield.label = f"{self.labels[name]} [{language}]" if language else self.labels[name]
        return formfield


class ListSectionInline(NamedFieldsInline, TranslationTabularInline):
    """An ordered list section: a labelled or titled note per row."""

    fields = ["position", "heading", "body"]
    formfield_overrides = SHORT_TEXT
    extra = 0
    classes = ["collapse"]


class SingleSectionInline(NamedFieldsInline, TranslationStackedInline):
    """A section that holds one entry per film: the essay and the four modules."""

    fields = ["heading", "body", "credit", "contains_spoilers"]
    formfield_overrides = ESSAY_TEXT
    extra = 0
    max_num = 1
    classes = ["collapse"]


class WhyItMattersInline(SingleSectionInline):
    model = WhyItMatters
    fields = ["body"]
    labels = {"body": "Essay: why it matters"}


class CraftNoteInline(ListSectionInline):
    model = CraftNote
    labels = {"heading": "Aspect (e.g. Sound)", "body": "Craft note"}


class ProductionNoteInline(ListSectionInline):
    model = ProductionNote
    fields = ["position", "body"]
    labels = {"body": "Production note"}


class CaseFileLensInline(ListSectionInline):
    model = CaseFileLens
    labels = {"heading": "Lens (e.g. Core tension)", "body": "What it shows"}


class ProductionFileInline(ListSectionInline):
    model = ProductionFileEntry
    labels = {"heading": "Title", "body": "The story"}


class SceneArchitectureInline(ListSectionInline):
    model = SceneArchitectureEntry
    labels = {"heading": "Scene", "body": "What it builds"}


class AfterlifeInline(ListSectionInline):
    model = AfterlifeEntry
    labels = {"heading": "Trace (e.g. The jacket)", "body": "Its afterlife"}


class SignatureSceneInline(SingleSectionInline):
    model = SignatureScene
    labels = {"heading": "Scene", "body": "Why it is the film's signature"}


class QuoteReadInline(SingleSectionInline):
    model = QuoteRead
    fields = ["heading", "quote", "body", "credit", "contains_spoilers"]
    labels = {"heading": "Title", "quote": "The line", "body": "Why it carries forward"}


class EndingReadInline(SingleSectionInline):
    model = EndingRead
    labels = {"heading": "Title", "body": "Why the ending works"}


class SteelmanInline(SingleSectionInline):
    model = Steelman
    labels = {"heading": "The charge against the film", "body": "The best case for it"}


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


class WatchNextPickInline(PreloadedAutocompleteInline, TranslationTabularInline):
    """Pinned picks override the computed watch-next continuation of their pathway."""

    model = WatchNextPick
    fk_name = "film"
    fields = ["pathway", "target_film", "target_collection", "reason", "credit"]
    autocomplete_fields = ["target_film", "target_collection"]
    extra = 0
    max_num = len(Pathway.choices)
    classes = ["collapse"]
    verbose_name_plural = "watch-next pathway: pinned picks"


class CollectionItemInline(PreloadedAutocompleteInline, TranslationTabularInline):
    model = CollectionItem
    fields = ["position", "film", "note"]
    autocomplete_fields = ["film"]
    extra = 0


class PreviewLinkInline(admin.TabularInline):
    """Links that show the draft to someone without an account; each expires, and can be revoked."""

    model = PreviewLink
    fields = ["note", "expires_at", "revoked", "link", "created_by"]
    readonly_fields = ["link", "created_by"]
    extra = 0
    verbose_name_plural = "Shared preview links (no account needed; never indexed)"

    @admin.display(description="link")
    def link(self, preview_link):
        if preview_link.pk is None:
            return "Made when you save."
        state = "works" if preview_link.is_usable else "stopped working"
        return format_html('<a href="{}">{}</a> ({})', preview_link.get_absolute_url(),
                           "Open or copy the preview link", state)


class FilmCollectionInline(PreloadedAutocompleteInline, TranslationTabularInline):
    """The shelves a film is on, from the film's side: "Collection pathway live" is met here."""

    model = CollectionItem
    fields = ["collection", "position", "note"]
    autocomplete_fields = ["collection"]
    extra = 0
    verbose_name = "collection this film is on"
    verbose_name_plural = "Collections (shelves this film is on)"


@admin.register(Collection)
class CollectionAdmin(InvalidatesPagesAdmin, TranslationAdmin):
    list_display = ["title", "status", "film_count", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "argument"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CollectionItemInline]

    class Media:
        css = {"all": ["css/film-admin.css"]}
        js = ["js/inline-reorder.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(film_total=models.Count("items"))

    @admin.display(description="films", ordering="film_total")
    def film_count(self, collection):
        return collection.film_total

    def page_tags(self, collection):
        return collection_tags(collection.pk, collection_films(collection.pk))

    def save_model(self, request, obj, form, change):
        if change:  # the films on the shelf before this save (the mixin adds those after it)
            tags.invalidate(self.page_tags(obj))
        super().save_model(request, obj, form, change)


class TierFilter(admin.SimpleListFilter):
    title = "coverage tier"
    parameter_name = "tier"

    def lookups(self, request, model_admin):
        return [(tier.key, tier.name) for tier in TIERS]

    def queryset(self, request, queryset):
        if self.value() in {tier.key for tier in TIERS}:
            return filter_by_tier(queryset, self.value())
        return queryset


# Where on the film page each coverage fact is filed: a field (its name) or an inline (its model).
WHERE_FACTS_ARE_FILED = {
    "logline": "logline_en",
    "year": "year",
    "runtime": "runtime_minutes",
    "genres": "genres",
    "themes": "themes",
    "cast": Credit,
    "directors": Credit,
    "reviewed_photos": BehindTheScenesPhoto,
    "scene_clips": SceneClip,
    "live_collections": CollectionItem,
    "why_it_matters": WhyItMatters,
    "craft_notes": CraftNote,
    "production_notes": ProductionNote,
    "lenses": CaseFileLens,
    "signature_scene": SignatureScene,
    "quote_read": QuoteRead,
    "ending_read": EndingRead,
    "steelman": Steelman,
}


@admin.register(Film)
class FilmAdmin(ImageUploadsAdmin, TranslationAdmin, CompareVersionAdmin):
    """Every save (with its inlines) is a revision: editors see who changed what, compare and restore."""

    form = FilmForm  # refuses to save over another editor's changes (editorial.film_form)
    list_display = ["title", "year", "publication_status", "is_featured", "coverage", "updated_at"]

    class Media:
        css = {"all": ["css/film-admin.css"]}
        js = ["js/inline-reorder.js"]

    list_filter = ["status", TierFilter, "is_featured", "genres", "year"]
    actions = ["publish_selected", "unpublish_selected"]
    # Title and people, accents ignored: each served by a trigram index (films/0015, films/0013);
    # see get_search_results.
    search_fields = ["title__unaccented", "credits__person__name__unaccented"]
    # Each row computes its 13 coverage facts: 50 rows a page keep the list fast at
    # 10,000 films, and one count per page is enough (no second count of the table).
    list_per_page = 50
    show_full_result_count = False
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["genres"]
    readonly_fields = ["backdrop_preview"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "logline", "opened_at"]}),
        ("Plot synopsis", {"fields": ["plot"], "description": "Behind a spoiler warning on the page."}),
        ("Publishing", {"fields": [("status", "go_live_at"), "is_featured"]}),
        ("Facts", {"fields": [("year", "runtime_minutes", "rating", "certification"), "genres", "themes"]}),
        ("Backdrop", {"fields": [("backdrop", "backdrop_preview"), "backdrop_alt"]}),
    ]
    inlines = [
        CreditInline,
        VideoSignalInline,
        *AUTHORED_SECTION_INLINES,
        PhotoInline,
        SceneClipInline,
        WatchNextPickInline,
        FilmCollectionInline,
        PreviewLinkInline,
    ]

    def get_search_results(self, request, queryset, search_term):
        # Django's search joins every credit and person and then de-duplicates the films with
        # DISTINCT, which no index serves (1.6 s at 10,000 films). Each word here matches the
        # title or is one of the films of the people it matches, both through their indexes.
        for word in smart_split(search_term):
            word = unescape_string_literal(word) if word[0] in "\"'" and word[-1] == word[0] else word
            titled = Film.objects.filter(title__unaccented__icontains=word).values("pk")
            people = Person.objects.filter(name__unaccented__icontains=word)
            credited = Credit.objects.filter(person__in=people).values("film_id")
            queryset = queryset.filter(Q(pk__in=titled) | Q(pk__in=credited))
        return queryset, False

    @admin.display(description="coverage", ordering="coverage_score")
    def coverage(self, film):
        return f"{film.coverage_score}/{len(CHECKS)} · {tier_for(film.coverage_score).name}"

    def coverage_panel(self, film, inline_admin_formsets):
        """The checks still to meet, each with links to where on this page it is met, then those met."""
        facts = facts_of(film.pk if film else None)
        inline_groups = {inline.opts.model: f"#{inline.formset.prefix}-group" for inline in inline_admin_formsets}
        to_do, met = [], []
        for check in CHECKS:
            shortfalls = check.shortfalls(facts)
            if not shortfalls:
                met.append(check)
                continue
            fixes = [(shortfall, self._where_filed(shortfall.fact, inline_groups)) for shortfall in shortfalls]
            to_do.append((check, fixes))
        return {"to_do": to_do, "met": met, "score": len(met), "total": len(CHECKS), "tier": tier_for(len(met)),
                "languages": translation_coverage(film)}

    @staticmethod
    def _where_filed(fact, inline_groups):
        target = WHERE_FACTS_ARE_FILED[fact]
        return f"#id_{target}" if isinstance(target, str) else inline_groups.get(target, "")

    @admin.display(description="preview")
    def backdrop_preview(self, film):
        return thumbnail(film.backdrop, film.backdrop_alt)

    def save_model(self, request, obj, form, change):
        # The change form's "Save and publish" / "Save and unpublish" buttons.
        if "_publish" in request.POST:
            obj.status = Film.Status.LIVE
        elif "_unpublish" in request.POST:
            obj.status = Film.Status.DRAFT
        request.film_before = film_state(obj.pk) if change else None
        restoring = getattr(request, "before_restore", None)
        if restoring is not None:
            published_before = restoring["publication"]
        else:
            published_before = Film.objects.filter(pk=obj.pk).values_list("status", "go_live_at").first()
        super().save_model(request, obj, form, change)
        request.publication_action = publication_change(published_before, (obj.status, obj.go_live_at))

    # History (the admin's log and the film's versions) names a publish, unpublish or schedule.
    def log_addition(self, request, obj, message):
        return super().log_addition(request, obj, self._naming_publication(request, message))

    def log_change(self, request, obj, message):
        return super().log_change(request, obj, self._naming_publication(request, message))

    @staticmethod
    def _naming_publication(request, message):
        action = getattr(request, "publication_action", "")
        if not action:
            return message
        details = LogEntry(change_message=json.dumps(message) if isinstance(message, list) else message)
        details = details.get_change_message()
        return f"{action}. {details}" if details and details != "No fields changed." else f"{action}."

    def response_add(self, request, obj, post_url_continue=None):
        return self._response_telling(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._response_telling(request, obj) or super().response_change(request, obj)

    def _response_telling(self, request, obj):
        """After a save that published, unpublished, scheduled or restored: say so, with a link to
        the page as readers (or, for a draft, staff) will see it, and stay on the film."""
        action = getattr(request, "publication_action", "")
        restored = getattr(request, "before_restore", None)
        if not action and restored is None:
            return None
        said = []
        if restored is not None:
            changes = describe_changes(restored, restorable_state(obj.pk))
            said.append(f"Restored an earlier version of “{obj}”: {changes or 'nothing differed from the current one'}.")
        said.append(f"{action}." if action else f"Publication kept: {publication(obj.status, obj.go_live_at)}.")
        self.message_user(request, format_html("{} <a href=\"{}\">{}</a>", " ".join(said), *self._page_link(obj)),
                          messages.SUCCESS)
        return redirect("admin:films_film_change", obj.pk)

    @staticmethod
    def _page_link(film):
        if film.is_live:
            return film.get_absolute_url(), "View the live page"
        return reverse("films:preview", kwargs={"slug": film.slug}), "Open the preview"

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Restoring brings back what the dossier said, not whether it was public: the form shows
        # (and saves) the publication as it is now; the editor changes Status there to restore it too.
        film_pk = unquote(object_id)
        if film_pk.isascii() and film_pk.isdigit():
            request.before_restore = restorable_state(int(film_pk))
        return super().revision_view(request, object_id, version_id, extra_context)

    def get_object(self, request, object_id, from_field=None):
        film = super().get_object(request, object_id, from_field)
        restoring = getattr(request, "before_restore", None)
        if film is not None and restoring is not None and request.method == "GET":
            film.status, film.go_live_at = restoring["publication"]
        return film

    def save_formset(self, request, form, formset, change):
        if formset.model is PreviewLink:
            for link_form in formset.forms:
                if link_form.instance.created_by_id is None:
                    link_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # With its inlines saved, the film is as its pages will show it: empty exactly those.
        tags.invalidate(film_change_tags(request.film_before, film_state(form.instance.pk)))

    def delete_model(self, request, obj):
        before = film_state(obj.pk)
        super().delete_model(request, obj)
        tags.invalidate(film_change_tags(before, None))

    def delete_queryset(self, request, queryset):
        before = [film_state(pk) for pk in queryset.values_list("pk", flat=True)]
        super().delete_queryset(request, queryset)
        tags.invalidate(set().union(*(film_change_tags(state, None) for state in before)))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["preview_url"] = reverse("films:preview", kwargs={"slug": obj.slug})
        context["coverage_panel"] = self.coverage_panel(obj, context["inline_admin_formsets"])
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.action(description="Publish selected films", permissions=["change"])
    def publish_selected(self, request, queryset):
        self._tell_status_changes(request, publish(queryset, user=request.user), "published")

    @admin.action(description="Unpublish selected films (back to draft)", permissions=["change"])
    def unpublish_selected(self, request, queryset):
        self._tell_status_changes(request, unpublish(queryset, user=request.user), "unpublished")

    def _tell_status_changes(self, request, changed, verb):
        if not changed:
            self.message_user(request, f"Nothing was {verb}: the selected films already were.", messages.WARNING)
            return
        for film, action in changed:
            super().log_change(request, film, f"{action}.")
            url, label = self._page_link(film)
            self.message_user(request, format_html("{}: “{}”. <a href=\"{}\">{}</a>", action, film, url, label),
                              messages.SUCCESS)

    @admin.display(description="publication", ordering="status")
    def publication_status(self, film):
        state = publication(film.status, film.go_live_at)
        return f"Scheduled · {when(film.go_live_at)}" if state == "scheduled" else state.capitalize()


from editorial import trivia_admin  # noqa: E402, F401 (registers the trivia admin)
