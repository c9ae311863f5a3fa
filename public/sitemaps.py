"""/sitemap.xml: every public page, and nothing that is not live."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from taggit.models import Tag

from editorial.models import Collection
from films.models import Film, Person


class PublicSitemap(Sitemap):
    """Each page in every language, each entry naming the others (hreflang) and English as the default."""

    i18n = True
    alternates = True
    x_default = True


class FilmSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return Film.objects.live().only("slug", "updated_at").order_by("pk")

    def lastmod(self, film):
        return film.updated_at


class CollectionSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Collection.objects.live().only("slug", "updated_at").order_by("pk")

    def lastmod(self, collection):
        return collection.updated_at


class PersonSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Person.objects.filter(credits__film__in=Film.objects.live()).distinct().only("slug").order_by("pk")


class ThemeSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return (
            Tag.objects.filter(films_themedfilm_items__content_object__in=Film.objects.live())
            .distinct()
            .only("slug")
            .order_by("pk")
        )

    def location(self, theme):
        return reverse("themes:detail", kwargs={"slug": theme.slug})


class PageSitemap(PublicSitemap):
    priority = 0.6

    def items(self):
        return ["home", "films:catalog"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "films": FilmSitemap,
    "collections": CollectionSitemap,
    "people": PersonSitemap,
    "themes": ThemeSitemap,
}
