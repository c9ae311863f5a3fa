"""/feeds/latest/: an Atom feed of the newest live dossiers."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from films.models import Film
from pagecache import tags
from public.caching import public_page

FEED_LENGTH = 30


class LatestDossiersFeed(Feed):
    feed_type = Atom1Feed
    title = "Cinema One: latest movie dossiers"
    subtitle = "New argued, single-film dossiers as they go live."

    def __call__(self, request, *args, **kwargs):
        return public_page(super().__call__(request, *args, **kwargs), {tags.CATALOG})

    def link(self):
        return reverse("home")

    def items(self):
        return Film.objects.live().order_by("-published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, film):
        return str(film)

    def item_description(self, film):
        return film.logline

    def item_pubdate(self, film):
        return film.published_at

    def item_updateddate(self, film):
        return film.updated_at
