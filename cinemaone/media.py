"""Uploaded media, when Django serves it (SERVE_MEDIA: development and a single host)."""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.views.static import serve

# An upload's URL never comes to hold other bytes: originals and renditions are named for the
# digest of their content (films.images), so a replaced image gets a new URL and a browser may
# keep what it has for a year without asking again.
A_YEAR = 365 * 24 * 60 * 60


def serve_upload(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    patch_cache_control(response, public=True, max_age=A_YEAR, immutable=True)
    return response
