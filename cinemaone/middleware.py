"""Cross-cutting middleware: the language of a page, what a reader sees while the database is
down or hung, and for a query string no page can read."""

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import QueryDict
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import translation

from films.text import has_control_character


class LanguageFromPathMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, for a site whose language is always its URL's (/fr/..., or
    English without a prefix): nothing it answers depends on Accept-Language, so it does not say
    `Vary: Accept-Language`, which would make a CDN keep one copy of each page per browser setting."""

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


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
