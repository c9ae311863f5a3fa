"""The admin site every app registers on: staff input answered with a message or a 400, never a 500.

Django's admin trusts staff with its URLs and forms; a changelist accepts any lookup on a local
field (`?pk__range=1`, `?title__regex=(`), an action any selection (`_selected_action=x`), and
several of those fail only when the query runs. Cinema One's staff paste links and text from
everywhere, so the site gives every ModelAdmin registered on it, ours and third-party ones
(users, groups, tags) alike, the same rules: `StrictInputAdmin` below.
"""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.filters import SimpleListFilter
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from films.text import has_control_character, refuse_control_characters
from submissions.privacy import client_address

# The parameters Django's own list filters read after a field's path (see admin/filters.py).
FIELD_FILTER_SUFFIXES = ("exact", "isnull", "isempty", "gte", "lt")
DATE_HIERARCHY_PARTS = ("year", "month", "day")


def refuse_control_characters_in(formfield):
    if isinstance(formfield, forms.CharField):
        formfield.validators.append(refuse_control_characters)
    return formfield


class StrictInputAdmin:
    """What any ModelAdmin on Cinema One's site answers to input its form or list never offered."""

    def lookup_allowed(self, lookup, value, request=None):
        # A changelist filters by what its sidebar and date bar offer, nothing else; anything
        # else in the URL is a 400 (DisallowedModelAdminLookup) before any query is built.
        offered = lookup in self._offered_lookups(request) or self._is_date_hierarchy_part(lookup, value)
        return offered and super().lookup_allowed(lookup, value, request)

    def _offered_lookups(self, request):
        offered = set()
        for item in self.get_list_filter(request):
            if isinstance(item, type) and issubclass(item, SimpleListFilter):
                offered.add(item.parameter_name)
                continue
            path = item[0] if isinstance(item, (list, tuple)) else item
            field = get_fields_from_path(self.model, path)[-1]
            offered.update(f"{path}__{suffix}" for suffix in FIELD_FILTER_SUFFIXES)
            if field.is_relation:
                offered.add(f"{path}__{field.target_field.name}__exact")
        return offered

    def _is_date_hierarchy_part(self, lookup, value):
        # Years, months and days of the date bar: a few ASCII digits, or Python's datetime overflows.
        parts = {f"{self.date_hierarchy}__{part}" for part in DATE_HIERARCHY_PARTS} if self.date_hierarchy else ()
        return lookup in parts and value.isascii() and value.isdigit() and len(value) <= 4

    def get_object(self, request, object_id, from_field=None):
        # `?_to_field=` (empty) skips Django's check of the field and then fails to look it up.
        return super().get_object(request, object_id, from_field or None)

    def history_view(self, request, object_id, extra_context=None):
        # django-reversion looks the id up as text in its own table before Django's admin
        # checks it: an id that cannot be this model's key is "not found" here, as elsewhere.
        if not self._is_primary_key(unquote(object_id)):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def _is_primary_key(self, value):
        primary_key = self.model._meta.pk
        try:
            primary_key.run_validators(primary_key.to_python(value))
        except ValidationError:
            return False
        return not (isinstance(value, str) and has_control_character(value))

    def response_action(self, request, queryset, **kwargs):
        # A selection that is not a list of this model's keys changes nothing and says so.
        if not all(map(self._is_primary_key, request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))):
            self.message_user(
                request,
                "The selection could not be read (the page may be out of date). No items have been changed.",
                messages.WARNING,
            )
            return None
        return super().response_action(request, queryset, **kwargs)

    # Text fields of the form and of every inline refuse control characters with a field error.
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return refuse_control_characters_in(super().formfield_for_dbfield(db_field, request, **kwargs))

    def get_formsets_with_inlines(self, request, obj=None):
        for inline in self.get_inline_instances(request, obj):
            callback = partial(self._inline_formfield, inline, request=request)
            yield inline.get_formset(request, obj, formfield_callback=callback), inline

    @staticmethod
    def _inline_formfield(inline, db_field, request, **kwargs):
        return refuse_control_characters_in(inline.formfield_for_dbfield(db_field, request, **kwargs))


class CinemaOneAdminSite(admin.AdminSite):
    site_header = "Cinema One"
    site_title = "Cinema One admin"
    index_title = "Dossiers, people and the review queue"

    def register(self, model_or_iterable, admin_class=None, **options):
        # Django itself subclasses the admin class here when given options; this adds the rules.
        admin_class = admin_class or admin.ModelAdmin
        strict_class = type(admin_class.__name__, (StrictInputAdmin, admin_class), {"__module__": admin_class.__module__})
        super().register(model_or_iterable, strict_class, **options)


def sign_in_address(request):
    """The address django-axes counts a staff sign-in from: the reader's rule (trusted proxies
    only), as text, or None when there is none."""
    address = client_address(request)
    return None if address is None else str(address)


class AuditLogAdmin(admin.ModelAdmin):
    """The admin's own log, site-wide and read-only: who published, unpublished, scheduled or
    changed what, and when. Each film's History has the same entries for that film."""

    list_display = ["action_time", "user", "content_type", "object_link", "message"]
    list_filter = ["action_flag", "content_type", "user"]
    search_fields = ["object_repr", "change_message"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]

    @admin.display(description="object", ordering="object_repr")
    def object_link(self, entry):
        url = entry.get_admin_url()
        return format_html('<a href="{}">{}</a>', url, entry.object_repr) if url else entry.object_repr

    @admin.display(description="what happened")
    def message(self, entry):
        return entry.get_change_message()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
