"""{% json_ld data %}: schema.org data as a <script type="application/ld+json"> block.

The JSON is escaped like Django's json_script (no "<", ">" or "&" survive), so
text a reader or editor typed can never close the script element. A data block
is not executed, so the Content Security Policy has nothing to allow.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
