"""Admin for the catalog facts: genres, people and themes, and the film page's catalog inlines
(credits, video signals, photos, clips; editorial.admin puts them on the film page).

Text written per language (films.translation) is edited side by side: each such field appears once
per language, English first (modeltranslation's admin classes)."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from taggit.admin import TagAdmin
from taggit.models import Tag

from films.admin_uploads import ImageUploadsAdmin
from films.autocomplete import PreloadedAutocompleteInline
from films.models import BehindTheScenesPhoto, Credit, Genre, Person, SceneClip, VideoSignal
from pagecache import tags
from pagecache.admin_mixins import InvalidatesPagesAdmin

THUMBNAIL_WIDTH = 160


def thumbnail(image, alt):
    if not image:
        return "—"
    return format_html('<img src="{}" alt="{}" width="{}" loading="lazy">', image.url, alt, THUMBNAIL_WIDTH)


@admin.register(Genre)
class GenreAdmin(InvalidatesPagesAdmin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    # "volonte" finds Gian Maria Volonté, here and in every credit's person autocomplete.
    search_fields = ["name__unaccented"]
    prepopulated_fields = {"slug": ["name"]}

    def page_tags(self, genre):
        # Dossiers show their genres' names, and the catalog filters by them.
        return {tags.CATALOG, *(tags.film(pk) for pk in genre.films.values_list("pk", flat=True))}


@admin.register(Person)
class PersonAdmin(ImageUploadsAdmin, InvalidatesPagesAdmin, TranslationAdmin):
    list_display = ["name", "slug"]
    # "volonte" finds Gian Maria Volonté, here and in every credit's person autocomplete.
    search_fields = ["name__unaccented"]
    prepopulated_fields = {"slug": ["name"]}

    def page_tags(self, person):
        # Their page, search (it lists people) and every dossier that credits them.
        films = person.credits.values_list("film_id", flat=True)
        return {tags.person(person.pk), tags.CATALOG, *(tags.film(pk) for pk in films)}


admin.site.unregister(Tag)


class ThemeForm(forms.ModelForm):
    # taggit's slug takes any script, which no theme URL can carry: ASCII only here.
    slug = forms.SlugField(max_length=100, help_text="Its address: /themes/<slug>/. Letters a-z, digits, hyphens.")

    class Meta:
        model = Tag
        fields = ["name", "slug"]


@admin.register(Tag)
class ThemeAdmin(InvalidatesPagesAdmin, TranslationAdmin, TagAdmin):
    """taggit's tag admin: a theme's name shows on its page, the catalog's filter and each dossier."""

    form = ThemeForm

    def page_tags(self, theme):
        return {tags.theme(theme.pk), tags.CATALOG}


class CreditInline(PreloadedAutocompleteInline, admin.TabularInline):
    model = Credit
    fields = ["role", "person", "character", "job", "billing_order"]
    autocomplete_fields = ["person"]
    extra = 0


class VideoSignalInline(admin.TabularInline):
    model = VideoSignal
    fields = ["kind", "title", "url", "published_on"]
    extra = 0
    classes = ["collapse"]


class PhotoInline(ImageUploadsAdmin, TranslationStackedInline):
    model = BehindTheScenesPhoto
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


class SceneClipInline(ImageUploadsAdmin, TranslationTabularInline):
    model = SceneClip
    fields = ["position", "source_channel", "label", "title", "note", "url", "poster", "poster_alt"]
    extra = 0
    classes = ["collapse"]
