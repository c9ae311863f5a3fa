"""Per-visitor values punched into otherwise shareable HTML.

A page is rendered with markers where a visitor's CSRF token and a form's
signed, timed token belong; `HoleFillingMiddleware` fills them in on every
response. The page cache can then store one copy of a page for everyone, and
every visitor still gets a valid CSRF token and a freshly timed form token.
"""

import re

from django.middleware.csrf import get_token

CSRF_HOLE = "__C1HOLE:csrf__"
_HOLE = re.compile(rb"__C1HOLE:(csrf|form:(\d+):([a-z_]+))__")


def form_token_hole(film_pk, kind):
    return f"__C1HOLE:form:{film_pk}:{kind}__"


def fill(request, content):
    from submissions.forms import issue_token_for  # here: submissions.forms imports this module

    def value(match):
        if match.group(1) == b"csrf":
            return get_token(request).encode()
        return issue_token_for(int(match.group(2)), match.group(3).decode()).encode()

    return _HOLE.sub(value, content)


class HoleFillingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and b"__C1HOLE:" in response.content
        ):
            response.content = fill(request, response.content)
        return response
