"""Cross-cutting middleware: what a reader sees while the database is down or hung, and for a
query string no page can read."""

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import QueryDict
from django.shortcuts import render
from django.template.response import TemplateResponse

from films.text import has_control_character


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


class RefuseControlCharactersMiddleware:
    """A query string carrying a control character, or more parameters than Django parses,
    answers 400 with a page that says so, before any view (or the page cache) reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            query = request.GET
        except TooManyFieldsSent:
            # Everything after this (the error page's context, the outer middleware) reads the
            # query again; an empty one lets the 400 page render instead of a second error.
            request.GET = QueryDict()
            return self._refuse(request)
        if any(has_control_character(text) for name, values in query.lists() for text in (name, *values)):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _refuse(request):
        response = render(request, "400.html", status=400)
        response["Cache-Control"] = "no-store"
        return response
