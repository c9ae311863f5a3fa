"""Cross-cutting middleware: what a reader sees while the database is down or hung."""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.template.response import TemplateResponse


class DatabaseUnavailableMiddleware:
    """A page that needs the database while it cannot be reached answers 503 with Retry-After
    and a styled page, not the 500 of a bug. (Stored pages never reach here: see pagecache.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Refused, timed out, dropped: the database is unreachable. (Other database errors are bugs.)
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        response = TemplateResponse(request, "503.html", status=503)
        response["Retry-After"] = str(settings.RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
