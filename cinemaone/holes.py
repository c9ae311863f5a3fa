"""Per-response values punched into otherwise shareable HTML.

A page is rendered with markers where a reader form's signed, timed token
belongs (the time it was shown, for the minimum fill time);
`HoleFillingMiddleware` fills them in on every response. The page cache can
then store one copy of a page for everyone, and every reader still gets a
freshly timed form token.
The page cache stores a page already split at its holes (`split`), so a
cached view only fills and joins (`fill_split`).
"""

import re

HOLE = b"__C1HOLE:"
_HOLE_NAME = re.compile(rb"form:(\d+):([a-z_]+)")


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


def fill_split(parts):
    """The page of `split` with every hole filled, each distinct hole worked out once."""
    from submissions.forms import issue_token_for  # here: submissions.forms imports this module

    values = {}
    filled = list(parts)
    for index in range(1, len(parts), 2):
        name = parts[index]
        if name not in values:
            _form, film_pk, kind = name.split(b":")
            values[name] = issue_token_for(int(film_pk), kind.decode()).encode()
        filled[index] = values[name]
    return b"".join(filled)


def fill(content):
    return fill_split(split(content))


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
            response.content = fill(response.content)
        return response
