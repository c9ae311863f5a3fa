"""The public site's addresses: one namespace per kind of page (films:detail, people:detail, ...)."""

from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import include, path
from django.views.decorators.http import require_safe

from pagecache import tags
from pagecache.middleware import reads_query
from public import views
from public.caching import public_page
from public.feeds import LatestDossiersFeed
from public.sitemaps import SITEMAPS
from submissions.models import Submission

films = ([
    path("", views.catalog, name="catalog"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/preview/", views.preview, name="preview"),
    path("<slug:slug>/defenses/", views.answers, {"kind": Submission.Kind.DEFENSE}, name="defenses"),
    path("<slug:slug>/scene-picks/", views.answers, {"kind": Submission.Kind.SCENE_PICK}, name="scene-picks"),
    path("<slug:slug>/next-picks/", views.answers, {"kind": Submission.Kind.NEXT_PICK}, name="next-picks"),
    path("shared/<str:token>/", views.shared_preview, name="shared-preview"),
], "films")
people = ([path("<slug:slug>/", views.person_detail, name="detail")], "people")
themes = ([path("<slug:slug>/", views.theme_detail, name="detail")], "themes")
collections = ([path("<slug:slug>/", views.collection_detail, name="detail")], "collections")


@reads_query("p")  # the sitemap's page
@require_safe
def sitemap(request):
    return public_page(sitemap_view(request, sitemaps=SITEMAPS), {tags.CATALOG})


urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("films/", include(films)),
    path("people/", include(people)),
    path("themes/", include(themes)),
    path("collections/", include(collections)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feeds/latest/", reads_query()(require_safe(LatestDossiersFeed())), name="feed-latest"),
]
