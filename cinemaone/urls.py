from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from films import views as film_views

admin.site.site_header = "Cinema One"
admin.site.site_title = "Cinema One admin"
admin.site.index_title = "Dossiers, people and the review queue"

urlpatterns = [
    path("", film_views.home, name="home"),
    path("films/", include("films.urls")),
    path("films/", include("submissions.urls")),
    path("people/", include("films.people_urls")),
    path("themes/", include("films.theme_urls")),
    path("collections/", include("editorial.urls")),
    path("admin/", admin.site.urls),
]

# Uploaded media: served by Django in development and on a single host
# (SERVE_MEDIA); a larger deployment puts object storage or a CDN in front.
if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
        ),
    ]
