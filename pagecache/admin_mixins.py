"""An admin mixin for content whose pages are cached: each save and delete empties exactly them."""

from pagecache.tags import invalidate


class InvalidatesPagesAdmin:
    """A ModelAdmin whose objects show on cached pages: `page_tags(obj)` names those pages."""

    def page_tags(self, obj):
        raise NotImplementedError

    def save_related(self, request, form, formsets, change):
        # After the inlines and many-to-many fields: the object is as it will be shown.
        super().save_related(request, form, formsets, change)
        invalidate(self.page_tags(form.instance))

    def delete_model(self, request, obj):
        tags = self.page_tags(obj)
        super().delete_model(request, obj)
        invalidate(tags)

    def delete_queryset(self, request, queryset):
        tags = set().union(*(self.page_tags(obj) for obj in queryset))
        super().delete_queryset(request, queryset)
        invalidate(tags)
