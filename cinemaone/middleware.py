"""Cross-cutting middleware: what a reader sees while the database is down or hung, and for a
query string no page can read."""

import re

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.shortcuts import render
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


# C0 control characters other than tab, newline and carriage return: no search, filter or slug
# holds them (PostgreSQL refuses NUL outright).
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RefuseControlCharactersMiddleware:
    """A query string carrying a control character answers 400 with a page that says so, before
    any view (or the page cache) reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(CONTROL_CHARACTER.search(text) for name, values in request.GET.lists() for text in (name, *values)):
            response = render(request, "400.html", status=400)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
