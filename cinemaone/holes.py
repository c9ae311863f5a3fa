"""Per-visitor values punched into otherwise shareable HTML.

A page is rendered with markers where a visitor's CSRF token and a form's
signed, timed token belong; `HoleFillingMiddleware` fills them in on every
response. The page cache can then store one copy of a page for everyone, and
every visitor still gets a valid CSRF token and a freshly timed form token.
The page cache stores a page already split at its holes (`split`), so a
cached view only fills and joins (`fill_split`).
"""

import re

from django.middleware.csrf import get_token

HOLE = b"__C1HOLE:"
_HOLE_NAME = re.compile(rb"csrf|form:(\d+):([a-z_]+)")
CSRF_HOLE = "__C1HOLE:csrf__"


def form_token_hole(film_pk, kind):
    return f"__C1HOLE:form:{film_pk}:{kind}__"


def split(content):
    """The page as a list alternating text and hole names: [text, hole, text, ..., text].

    Anything that merely looks like a hole (say, in a reader's text) stays text."""
    first, *rest = content.split(HOLE)
    parts, text = [], [first]
    for piece in rest:
        name, end, after = piece.partition(b"__")
        if end and _HOLE_NAME.fullmatch(name):
            parts += [b"".join(text), name]
            text = [after]
        else:
            text += [HOLE, piece]
    parts.append(b"".join(text))
    return parts


def has_holes(parts):
    return len(parts) > 1


def fill_split(request, parts):
    """The page of `split` with every hole filled. A page repeats its CSRF token in every
    form, so each distinct hole is worked out once."""
    from submissions.forms import issue_token_for  # here: submissions.forms imports this module

    values = {}
    filled = list(parts)
    for index in range(1, len(parts), 2):
        name = parts[index]
        if name not in values:
            if name == b"csrf":
                values[name] = get_token(request).encode()
            else:
                _form, film_pk, kind = name.split(b":")
                values[name] = issue_token_for(int(film_pk), kind.decode()).encode()
        filled[index] = values[name]
    return b"".join(filled)


def fill(request, content):
    return fill_split(request, split(content))


class HoleFillingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and HOLE in response.content
        ):
            response.content = fill(request, response.content)
        return response
