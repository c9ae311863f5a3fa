from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from cinemaone.views import healthz, robots_txt

admin.site.site_header = "Cinema One"
admin.site.site_title = "Cinema One admin"
admin.site.index_title = "Dossiers, people and the review queue"

urlpatterns = [
    path("", include("public.urls")),
    path("films/", include("submissions.urls")),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
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
