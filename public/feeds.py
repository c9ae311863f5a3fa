"""/feeds/latest/: an Atom feed of the newest live dossiers."""

import re

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from films.models import Film
from pagecache import tags
from public.caching import public_page

FEED_LENGTH = 30
# Characters XML 1.0 cannot carry at all (C0 controls but tab, newline and carriage return).
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(text):
    return NOT_IN_XML.sub("", text)


class PlainTextAtom1Feed(Atom1Feed):
    """Atom whose summaries are plain text: a logline is what an editor typed, never markup for
    a feed reader to run."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"]:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestDossiersFeed(Feed):
    feed_type = PlainTextAtom1Feed
    title = _("Cinema One: latest movie dossiers")
    subtitle = _("New argued, single-film dossiers as they go live.")

    def __call__(self, request, *args, **kwargs):
        return public_page(super().__call__(request, *args, **kwargs), {tags.CATALOG})

    def link(self):
        return reverse("home")

    def items(self):
        return Film.objects.live().order_by("-published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, film):
        return xml_text(str(film))

    def item_description(self, film):
        return xml_text(film.logline)

    def item_pubdate(self, film):
        return film.published_at

    def item_updateddate(self, film):
        return film.updated_at
