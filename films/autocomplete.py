"""Autocomplete fields in admin inlines that cost one query per field, not one per row.

Django's AutocompleteSelect looks up the label of its selected object when it renders: a film
with 24 credits asked for 24 people one by one. PreloadedAutocompleteInline reads the labels of
every row's selection in one query per field, for the whole formset, and hands them to each
row's widget; a row whose value it does not know (a re-rendered POST) falls back to Django's.
"""

from django.contrib.admin.widgets import AutocompleteSelect


class PreloadedAutocompleteSelect(AutocompleteSelect):
    labels = None  # {str(pk): label}, set per formset

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.labels is None or any(pk not in self.labels for pk in chosen):
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for pk in chosen:
            options.append(self.create_option(name, pk, self.labels[pk], set(chosen), len(options)))
        return [(None, options, 0)]


class PreloadedAutocompleteInline:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = PreloadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        # Each row's title (its __str__) names what it points at: fetched with the rows.
        return super().get_queryset(request).select_related(*self.get_autocomplete_fields(request))

    def get_formset(self, request, obj=None, **kwargs):
        formset_class = super().get_formset(request, obj, **kwargs)
        names = [name for name in self.get_autocomplete_fields(request) if name in formset_class.form.base_fields]

        class PreloadedFormSet(formset_class):
            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                for name in names:
                    widget = getattr(form.fields[name].widget, "widget", form.fields[name].widget)
                    if isinstance(widget, PreloadedAutocompleteSelect):
                        widget.labels = self._selected_labels(name)
                return form

            def _selected_labels(self, name):
                cache = self.__dict__.setdefault("_autocomplete_labels", {})
                if name not in cache:
                    field = self.form.base_fields[name]
                    attname = self.model._meta.get_field(name).attname
                    chosen = {getattr(row, attname) for row in self.get_queryset()} - {None}
                    cache[name] = {str(item.pk): field.label_from_instance(item)
                                   for item in field.queryset.filter(pk__in=chosen)} if chosen else {}
                return cache[name]

        return PreloadedFormSet
