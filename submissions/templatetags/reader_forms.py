from django import template

from cinemaone.holes import CSRF_HOLE

register = template.Library()


@register.simple_tag
def csrf_hole():
    """Where the visitor's CSRF token goes; filled in per response by HoleFillingMiddleware."""
    return CSRF_HOLE
