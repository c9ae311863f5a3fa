"""The editors' film page: the catalog facts, then one inline per dossier section."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from reversion_compare.admin import CompareVersionAdmin

from cinemaone.admin_lists import QuickActionCheckboxMixin
from editorial.admin import AUTHORED_SECTION_INLINES, WatchNextPickInline
from editorial.coverage import CHECKS, TIERS, coverage_for_film, filter_by_tier, tier_for
from editorial.publishing import publish, unpublish
from films.images import IMAGE_UPLOAD_OVERRIDES
from films.models import BehindTheScenesPhoto, Credit, Film, Genre, Person, SceneClip, VideoSignal

THUMBNAIL_WIDTH = 160


def thumbnail(image, alt):
    if not image:
        return "—"
    return format_html('<img src="{}" alt="{}" width="{}" loading="lazy">', image.url, alt, THUMBNAIL_WIDTH)


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    formfield_overrides = IMAGE_UPLOAD_OVERRIDES
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class CreditInline(admin.TabularInline):
    model = Credit
    fields = ["role", "person", "character", "job", "billing_order"]
    autocomplete_fields = ["person"]
    extra = 0


class VideoSignalInline(admin.TabularInline):
    model = VideoSignal
    fields = ["kind", "title", "url", "published_on"]
    extra = 0
    classes = ["collapse"]


class PhotoInline(admin.StackedInline):
    model = BehindTheScenesPhoto
    formfield_overrides = IMAGE_UPLOAD_OVERRIDES
    fields = [
        ("image", "preview"),
        "alt_text",
        "title",
        "why_it_matters",
        "caption",
        ("source_name", "source_url"),
        ("is_reviewed", "is_placeholder", "position"),
    ]
    readonly_fields = ["preview"]
    extra = 0
    classes = ["collapse"]

    @admin.display(description="preview")
    def preview(self, photo):
        return thumbnail(photo.image, photo.alt_text)


class SceneClipInline(admin.TabularInline):
    model = SceneClip
    fields = ["position", "source_channel", "label", "title", "note", "url"]
    extra = 0
    classes = ["collapse"]


class TierFilter(admin.SimpleListFilter):
    title = "coverage tier"
    parameter_name = "tier"

    def lookups(self, request, model_admin):
        return [(tier.key, tier.name) for tier in TIERS]

    def queryset(self, request, queryset):
        if self.value() in {tier.key for tier in TIERS}:
            return filter_by_tier(queryset, self.value())
        return queryset


@admin.register(Film)
class FilmAdmin(QuickActionCheckboxMixin, CompareVersionAdmin):
    """Every save (with its inlines) is a revision: editors see who changed what, compare and restore."""

    formfield_overrides = IMAGE_UPLOAD_OVERRIDES
    list_display = ["title", "year", "status", "go_live_at", "is_featured", "coverage", "updated_at"]
    list_filter = ["status", TierFilter, "is_featured", "genres", "year"]
    actions = ["publish_selected", "unpublish_selected"]
    search_fields = ["title", "logline", "credits__person__name"]
    # Each row computes its 13 coverage facts: 50 rows a page keep the list fast at
    # 10,000 films, and one count per page is enough (no second count of the table).
    list_per_page = 50
    show_full_result_count = False
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["genres"]
    readonly_fields = ["coverage_report", "backdrop_preview"]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["title", "slug", "logline"]}),
        ("Publishing", {"fields": [("status", "go_live_at"), "is_featured"]}),
        ("Facts", {"fields": [("year", "runtime_minutes", "rating", "certification"), "genres", "themes"]}),
        ("Backdrop", {"fields": [("backdrop", "backdrop_preview"), "backdrop_alt"]}),
        ("Coverage", {"fields": ["coverage_report"]}),
    ]
    inlines = [
        CreditInline,
        VideoSignalInline,
        *AUTHORED_SECTION_INLINES,
        PhotoInline,
        SceneClipInline,
        WatchNextPickInline,
    ]

    @admin.display(description="coverage", ordering="coverage_score")
    def coverage(self, film):
        return f"{film.coverage_score}/{len(CHECKS)} · {tier_for(film.coverage_score).name}"

    @admin.display(description="coverage")
    def coverage_report(self, film):
        if film.pk is None:
            return "Coverage is computed once the film is saved."
        coverage = coverage_for_film(film)
        summary = format_html("<strong>{}/{}</strong> · {}", coverage.score, coverage.total, coverage.tier.name)
        if not coverage.missing:
            return format_html("{}<p>Every check is met.</p>", summary)
        missing = format_html_join("", "<li>{}</li>", ((check.label,) for check in coverage.missing))
        return format_html("{}<p>Still missing:</p><ul>{}</ul>", summary, missing)

    @admin.display(description="preview")
    def backdrop_preview(self, film):
        return thumbnail(film.backdrop, film.backdrop_alt)

    def save_model(self, request, obj, form, change):
        # The change form's "Save and publish" / "Save and unpublish" buttons.
        if "_publish" in request.POST:
            obj.status = Film.Status.LIVE
        elif "_unpublish" in request.POST:
            obj.status = Film.Status.DRAFT
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["preview_url"] = reverse("films:preview", kwargs={"slug": obj.slug})
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.action(description="Publish selected films", permissions=["change"])
    def publish_selected(self, request, queryset):
        changed = publish(queryset, user=request.user)
        self.message_user(request, f"Published {changed} film(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected films (back to draft)", permissions=["change"])
    def unpublish_selected(self, request, queryset):
        changed = unpublish(queryset, user=request.user)
        self.message_user(request, f"Unpublished {changed} film(s).", messages.SUCCESS)
