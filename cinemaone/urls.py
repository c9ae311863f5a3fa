from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from cinemaone.admin import AuditLogAdmin
from cinemaone.media import serve_upload
from cinemaone.probes import healthz, readyz
from cinemaone.views import robots_txt, view_on_site
from submissions.views import status_page

admin.site.register(LogEntry, AuditLogAdmin)

# What readers read and post, in each language: English where it always was (/films/drive/),
# French under /fr/ (/fr/films/drive/).
urlpatterns = i18n_patterns(
    path("", include("public.urls")),
    path("films/", include("submissions.urls")),
    path("answers/<str:token>/", status_page, name="submission-status"),
    prefix_default_language=False,
)
urlpatterns += [
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    # Before the admin's own "View on site" redirect, which would send anyone to a draft's address.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site),
         name="admin-view-on-site"),
    path("admin/", admin.site.urls),
]

# Uploaded media: served by Django in development and on a single host
# (SERVE_MEDIA), cached by browsers for a year; a larger deployment puts object storage or a
# CDN in front.
if settings.SERVE_MEDIA:
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve_upload)]
