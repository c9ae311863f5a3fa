"""Trivia in the admin: importing a film's list, reviewing its candidates, making one a production note.

- The changelist shows a film's candidates with each group of repeats together (a group's first
  item, then the items that repeat it), so the editor keeps one and rejects the rest. Actions:
  reject, publish as trivia, mark as a spoiler or not, return to review.
- "Import trivia" (/admin/editorial/triviaitem/import/, `?film=<id>` to preselect the film)
  reads a pasted list or a .txt file (editorial.trivia), then shows that film's list.
- An item's page has "Make a production note": its text becomes the film's last production
  note, and the editor is taken to it on the film's page to rewrite it in our words.

Editors import and act (they hold every editorial permission, editorial/0014); moderators
see none of it. Hand-adding an item is importing a list of one: "Add" opens the import screen.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BigIntegerField, Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import Truncator
from modeltranslation.admin import TranslationAdmin

from editorial.models import ProductionNote, TriviaItem
from editorial.trivia import (
    MAX_FILE_BYTES,
    AlreadyPromoted,
    TriviaFileError,
    decode,
    import_trivia,
    make_production_note,
    parse_items,
    set_spoiler,
    set_status,
)
from films.models import Film
from films.text import refuse_control_characters
from pagecache import tags
from pagecache.admin_mixins import InvalidatesPagesAdmin

EXCERPT_CHARS = 120
FILE_LIMIT_LABEL = "1 MB"


def _film_key(value):
    """A film's primary key from a URL or a form, or None when it cannot be one."""
    if value in (None, ""):
        return None
    try:
        return Film._meta.pk.clean(value, None)
    except ValidationError:
        return None


class TriviaFilmFilter(admin.SimpleListFilter):
    """The films with the most candidates to review, and the film chosen: a short list however
    large the catalog (as the review queue's film filter). The import screen links here with
    `?film=<id>`, and the search box finds items of any film."""

    title = "film (most to review)"
    parameter_name = "film"
    LIMIT = 25

    def lookups(self, request, model_admin):
        per_film = (TriviaItem.objects.filter(status=TriviaItem.Status.CANDIDATE).values("film")
                    .annotate(to_review=Count("pk")).order_by("-to_review", "film")[: self.LIMIT])
        to_review = {row["film"]: row["to_review"] for row in per_film}
        chosen = _film_key(self.value())
        shown = {*to_review, *([chosen] if chosen else [])}
        titles = dict(Film.objects.filter(pk__in=shown).values_list("pk", "title"))
        listed = sorted(to_review, key=lambda pk: (-to_review[pk], titles.get(pk, "")))
        if chosen in titles and chosen not in to_review:
            listed.append(chosen)
        return [(str(pk), f"{titles[pk]} ({to_review.get(pk, 0)} to review)") for pk in listed if pk in titles]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        film_key = _film_key(self.value())
        if film_key is None:  # a link from outside may hold anything
            raise IncorrectLookupParameters(f"{self.value()!r} is not a film.")
        return queryset.filter(film_id=film_key)


class RepeatsFilter(admin.SimpleListFilter):
    title = "repeats"
    parameter_name = "repeats"

    def lookups(self, request, model_admin):
        return [("yes", "Repeats only (with what they repeat)")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            repeated = TriviaItem.objects.filter(duplicate_of__isnull=False).values("duplicate_of_id")
            return queryset.filter(Q(duplicate_of__isnull=False) | Q(pk__in=repeated))
        return queryset


class TriviaItemForm(forms.ModelForm):
    """An item's own page: its status follows what was made of it."""

    class Meta:
        model = TriviaItem
        fields = "__all__"

    def clean_status(self):
        status = self.cleaned_data["status"]
        made_note = self.instance.production_note_id is not None
        if status == TriviaItem.Status.PROMOTED and not made_note:
            raise ValidationError("Use “Make a production note” (top right) to make it one.")
        if made_note and status != TriviaItem.Status.PROMOTED:
            raise ValidationError("It is a production note now: rewrite or delete the note on the film's page.")
        return status


@admin.register(TriviaItem)
class TriviaItemAdmin(InvalidatesPagesAdmin, TranslationAdmin):
    form = TriviaItemForm
    list_display = ["number", "excerpt", "status", "is_spoiler", "group", "source"]
    list_display_links = ["number", "excerpt"]
    list_filter = [TriviaFilmFilter, "status", "is_spoiler", RepeatsFilter]
    search_fields = ["text_en", "text_fr", "source"]
    list_select_related = ["film"]
    list_per_page = 200  # a film's whole list, or most of it, on one page: its repeats side by side
    actions = ["reject_selected", "publish_selected", "mark_spoiler", "mark_not_spoiler", "return_to_review"]
    fields = ["film_link", "text", "source", "status", "is_spoiler", "position", "group", "production_note_link",
              "imported_at"]
    readonly_fields = ["film_link", "group", "production_note_link", "imported_at"]
    change_list_template = "admin/editorial/triviaitem/change_list.html"
    change_form_template = "admin/editorial/triviaitem/change_form.html"

    class Media:
        css = {"all": ["css/trivia-admin.css"]}

    def page_tags(self, item):
        return {tags.film(item.film_id)}

    def get_queryset(self, request):
        repeats = (TriviaItem.objects.filter(duplicate_of=OuterRef("pk")).order_by().values("duplicate_of")
                   .annotate(total=Count("pk")).values("total"))
        return super().get_queryset(request).annotate(
            repeat_total=Coalesce(Subquery(repeats, output_field=IntegerField()), Value(0)),
        )

    def get_ordering(self, request):
        # A group's first item, then its repeats, in the order they were imported.
        return [Coalesce("duplicate_of_id", "pk", output_field=BigIntegerField()).asc(), "pk"]

    def get_list_display(self, request):
        # One film's list needs no film column; the list of every film does.
        shown = list(super().get_list_display(request))
        return shown if TriviaFilmFilter.parameter_name in request.GET else [*shown, "film"]

    # --- Columns ---

    @admin.display(description="#", ordering="pk")
    def number(self, item):
        return f"#{item.pk}"

    @admin.display(description="text")
    def excerpt(self, item):
        return Truncator(item.text or "").chars(EXCERPT_CHARS)

    @admin.display(description="group")
    def group(self, item):
        if item.duplicate_of_id is not None:
            alike = f" · {item.similarity} % alike" if item.similarity is not None else ""
            url = reverse("admin:editorial_triviaitem_change", args=[item.duplicate_of_id])
            return format_html('repeats <a href="{}">#{}</a>{}', url, item.duplicate_of_id, alike)
        total = getattr(item, "repeat_total", None)
        if total is None and item.pk is not None:
            total = item.repeats.count()
        if total:
            return f"first of {total + 1}"
        return "—"

    @admin.display(description="film")
    def film_link(self, item):
        url = reverse("admin:films_film_change", args=[item.film_id])
        return format_html('<a href="{}">{}</a>', url, item.film.title)

    @admin.display(description="production note")
    def production_note_link(self, item):
        if item.production_note_id is None:
            return "—"
        url = getattr(item, "production_note_url", None) or reverse("admin:films_film_change", args=[item.film_id])
        return format_html('<a href="{}">Made into production note {}, on the film\'s page</a>', url,
                           item.production_note_id)

    # --- Actions ---

    def _tell(self, request, changed, verb, left_as_notes=0):
        self.message_user(request, f"{verb}: {changed}." if changed else f"Nothing was {verb.lower()}: "
                          "the selected items already were.", messages.SUCCESS if changed else messages.WARNING)
        if left_as_notes:
            self.message_user(request, f"Left {left_as_notes} as {'it is' if left_as_notes == 1 else 'they are'}: "
                                       "made into production notes.", messages.INFO)

    def _status_action(self, request, queryset, status, verb):
        changed, notes = set_status(queryset, status)
        self._tell(request, changed, verb, notes)

    @admin.action(description="Reject selected", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._status_action(request, queryset, TriviaItem.Status.REJECTED, "Rejected")

    @admin.action(description="Publish selected as trivia", permissions=["change"])
    def publish_selected(self, request, queryset):
        self._status_action(request, queryset, TriviaItem.Status.PUBLISHED, "Published as trivia")

    @admin.action(description="Mark selected as spoilers", permissions=["change"])
    def mark_spoiler(self, request, queryset):
        self._tell(request, set_spoiler(queryset, True), "Marked as spoilers")

    @admin.action(description="Mark selected as not spoilers", permissions=["change"])
    def mark_not_spoiler(self, request, queryset):
        self._tell(request, set_spoiler(queryset, False), "Marked as not spoilers")

    @admin.action(description="Return selected to review", permissions=["change"])
    def return_to_review(self, request, queryset):
        self._status_action(request, queryset, TriviaItem.Status.CANDIDATE, "Returned to review")

    # --- Permissions and pages ---

    def has_add_permission(self, request):
        # Items come from a list (the import screen), never from an empty form.
        return False

    def has_import_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.add_{self.opts.model_name}")

    def has_promote_permission(self, request, item=None):
        return self.has_change_permission(request, item) and request.user.has_perm("editorial.add_dossierentry")

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="editorial_triviaitem_import"),
            path("<int:pk>/production-note/", self.admin_site.admin_view(self.production_note_view),
                 name="editorial_triviaitem_production_note"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        film = _film_key(request.GET.get(TriviaFilmFilter.parameter_name))
        import_url = reverse("admin:editorial_triviaitem_import")
        extra_context = {
            **(extra_context or {}),
            "can_import": self.has_import_permission(request),
            "import_url": f"{import_url}?{urlencode({'film': film})}" if film else import_url,
        }
        return super().changelist_view(request, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["can_promote"] = obj.production_note_id is None and self.has_promote_permission(request, obj)
            context["production_note_url"] = self.production_note_url(request, obj) if obj.production_note_id else ""
            context["film_url"] = reverse("admin:films_film_change", args=[obj.film_id])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_object(self, request, object_id, from_field=None):
        item = super().get_object(request, object_id, from_field)
        if item is not None and item.production_note_id is not None:  # for its page's back-link
            item.production_note_url = self.production_note_url(request, item)
        return item

    def production_note_url(self, request, item):
        """The film's page, at its production notes."""
        film_url = reverse("admin:films_film_change", args=[item.film_id])
        return film_url + production_notes_anchor(self.admin_site, request, item.film)

    def production_note_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        item = self.get_object(request, str(pk))
        if item is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, str(pk))
        if not self.has_promote_permission(request, item):
            raise PermissionDenied
        try:
            note = make_production_note(item)
        except AlreadyPromoted as already:
            self.message_user(request, f"{already} It is below, with the film's production notes.", messages.WARNING)
            return redirect(self.production_note_url(request, item))
        self.log_change(request, item, f"Made production note {note.pk}.")
        live = " The film is live: the note shows on its page as it is now." if item.film.is_live else ""
        self.message_user(
            request,
            f"Trivia item #{item.pk} is now the last of “{item.film.title}”'s production notes, below. "
            f"Rewrite it in our words before publishing.{live}",
            messages.SUCCESS,
        )
        return redirect(self.production_note_url(request, item))

    def add_view(self, request, form_url="", extra_context=None):
        # "Add" (from the index, say) is the import screen: a list of one is a list.
        return redirect("admin:editorial_triviaitem_import")

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = TriviaImportForm(request.POST, request.FILES)
            if form.is_valid():
                film = form.cleaned_data["film"]
                result = import_trivia(film, form.cleaned_data["items"], form.cleaned_data["source"])
                said = (f"{result.created} candidate{'s' if result.created != 1 else ''} added, "
                        f"{result.skipped} already there; {result.groups} group{'s' if result.groups != 1 else ''} "
                        "of repeats")
                self.log_change(request, film, f"Imported trivia: {said}.")
                self.message_user(request, f"{film.title}: {said}.",
                                  messages.SUCCESS if result.created else messages.WARNING)
                changelist = reverse("admin:editorial_triviaitem_changelist")
                return redirect(f"{changelist}?{urlencode({TriviaFilmFilter.parameter_name: film.pk})}")
        else:
            form = TriviaImportForm(initial={"film": _film_key(request.GET.get("film"))})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import trivia",
            "form": form,
            "media": self.media + form.media,
            "changelist_url": reverse("admin:editorial_triviaitem_changelist"),
            "file_limit": FILE_LIMIT_LABEL,
        }
        return TemplateResponse(request, "admin/editorial/triviaitem/import.html", context)


def production_notes_anchor(admin_site, request, film):
    """`#<prefix>-group`, the production notes inline on the film's change page, as Django's admin
    numbers it (the section proxies share one prefix: entries, entries-2, …), or "" if the editor
    does not see that inline."""
    film_admin = admin_site.get_model_admin(Film)
    counts = {}
    for formset_class, inline in film_admin.get_formsets_with_inlines(request, film):
        prefix = formset_class.get_default_prefix()
        counts[prefix] = counts.get(prefix, 0) + 1
        if counts[prefix] != 1 or not prefix:  # as ModelAdmin._create_formsets does
            prefix = f"{prefix}-{counts[prefix]}"
        if inline.model is ProductionNote:
            return f"#{prefix}-group"
    return ""


class FilmAutocomplete(AutocompleteSelect):
    """The admin's film autocomplete, reading only what can be a film's key: a posted value that
    cannot be one is an error on the field, never a failed query when the form shows again."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if _film_key(v) is not None], attr)


class TriviaImportForm(forms.Form):
    film = forms.ModelChoiceField(
        queryset=Film.objects.all(),
        error_messages={"required": "Choose the film the trivia is about.",
                        "invalid_choice": "Choose the film from the list."},
        widget=FilmAutocomplete(TriviaItem._meta.get_field("film"), admin.site),
        help_text="Type a few letters of its title.",
    )
    source = forms.CharField(
        max_length=TriviaItem._meta.get_field("source").max_length, required=False,
        validators=[refuse_control_characters],
        help_text="Where the items come from: a site, a book. Left empty, the file's name.",
    )
    text = forms.CharField(
        label="Paste the list", required=False, strip=False, max_length=MAX_FILE_BYTES,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        error_messages={"max_length": f"The list is too long to paste (up to {FILE_LIMIT_LABEL}): split it in two."},
        help_text="One item per paragraph (blank lines between them), or one per line; bullets are fine.",
    )
    file = forms.FileField(
        label="…or upload a file", required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,text/plain"}),
        help_text=f"A .txt file in UTF-8, up to {FILE_LIMIT_LABEL}, laid out like a pasted list.",
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if not upload.name.lower().endswith(".txt"):
            raise ValidationError(f"“{upload.name}” is not a .txt file: save the list as plain text (.txt) and "
                                  "choose it again.")
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(f"“{upload.name}” is {upload.size / 1024 / 1024:.1f} MB; the limit is "
                                  f"{FILE_LIMIT_LABEL}: split the list and import each part.")
        try:
            return upload.name, decode(upload.read(), name=f"“{upload.name}”")
        except TriviaFileError as error:
            raise ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        pasted, uploaded = cleaned.get("text") or "", cleaned.get("file")
        if self.errors.get("text") or self.errors.get("file"):
            return cleaned
        if not pasted.strip() and not uploaded:
            raise ValidationError("Paste the list, or choose a file.")
        items = parse_items(pasted) + (parse_items(uploaded[1]) if uploaded else [])
        if not items:
            raise ValidationError("No trivia found: the list holds no words (nothing but spaces, bullets or "
                                  "punctuation).")
        cleaned["items"] = items
        if not cleaned.get("source") and uploaded:
            cleaned["source"] = uploaded[0][: self.fields["source"].max_length]
        return cleaned
