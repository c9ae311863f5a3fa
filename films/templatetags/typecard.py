"""The typographic card shown where a film has no picture: its palette and how large its title is set.

`{{ film|palette }}` is the CSS class of one of the jacket palettes in static/css/site.css
(`.palette-1` … `.palette-8`), picked from the film's slug, so a film keeps its colours on every
page, in every language and across restarts (crc32, unlike hash(), is not salted per process).
`{{ film|title_fit }}` sizes the title by its length, so "Drive" fills the card and "Once Upon a
Time in the West" wraps on two or three lines rather than five.
"""

import zlib

from django import template

register = template.Library()

PALETTES = 8
# Hashed with the slug: any fixed prefix keeps the choice stable; this one spreads the demo catalog well.
SALT = "typecard:"

# Up to this many characters, a title is set large (the rest: medium, then long).
SHORT_TITLE = 10
MEDIUM_TITLE = 20


def _key(film):
    """The slug (or, for a film not saved yet, the title) the palette is chosen from."""
    if isinstance(film, str):
        return film
    return getattr(film, "slug", "") or getattr(film, "title", "") or ""


@register.filter
def palette(film):
    """`palette-1` … `palette-8`, the same for the same slug."""
    return f"palette-{zlib.crc32((SALT + _key(film)).encode()) % PALETTES + 1}"


@register.filter
def title_fit(film):
    """`typecard--short`, `typecard--medium` or `typecard--long`, by the length of the title."""
    title = film if isinstance(film, str) else getattr(film, "title", "") or ""
    length = len(title.strip())
    if length <= SHORT_TITLE:
        return "typecard--short"
    if length <= MEDIUM_TITLE:
        return "typecard--medium"
    return "typecard--long"
