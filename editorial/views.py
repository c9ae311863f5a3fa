from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from editorial.models import Collection, CollectionItem
from films import structured_data
from films.models import Film


def collection_detail(request, slug):
    live_items = CollectionItem.objects.filter(film__in=Film.objects.live()).select_related("film")
    collection = get_object_or_404(
        Collection.objects.live().prefetch_related(Prefetch("items", queryset=live_items, to_attr="live_items")),
        slug=slug,
    )
    context = {
        "collection": collection,
        "structured_data": structured_data.item_list(request, collection, collection.live_items),
    }
    return render(request, "editorial/collection_detail.html", context)
