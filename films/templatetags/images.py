"""{% picture %}: an image with its stored renditions as <picture> sources, srcset and sizes.

Built as a string rather than through an inclusion template or format_html: a
catalog page draws twenty of these, each with a dozen escaped values, and the
template cost about ten times what joining the strings does.
"""

from html import escape

from django import template
from django.core.files.storage import default_storage
from django.utils.safestring import mark_safe

register = template.Library()

FALLBACK_TYPE = "image/jpeg"


def _srcset(sources):
    return ", ".join(f"{default_storage.url(source['name'])} {source['width']}w" for source in sources)


def _attributes(attributes):
    """` name="value"` for each attribute that has a value, the value escaped."""
    return "".join(f' {name}="{escape(str(value))}"' for name, value in attributes if value)


@register.simple_tag
def picture(image, renditions, alt, sizes="100vw", loading="lazy", css_class="", fetchpriority="", width=None,
            height=None):
    """`image` is the ImageFieldFile; `renditions` what films.images stored for it. Until the task
    (films.image_tasks) has made its renditions they hold no formats: the cleaned original is shown."""
    renditions = renditions or {}
    formats = renditions.get("formats") or {}
    fallback = formats.get(FALLBACK_TYPE)
    if fallback:
        middle = fallback[min(1, len(fallback) - 1)]
        src, srcset = default_storage.url(middle["name"]), _srcset(fallback)
    else:
        src, srcset = image.url, ""
    sources = "".join(
        f"<source{_attributes([('type', mime), ('srcset', _srcset(found)), ('sizes', sizes)])}>"
        for mime, found in formats.items()
        if mime != FALLBACK_TYPE
    )
    img = _attributes([
        ("class", css_class),
        ("src", src),
        ("srcset", srcset),
        ("sizes", srcset and sizes),
        ("width", renditions.get("width") or width),
        ("height", renditions.get("height") or height),
    ])
    # alt is always written (empty for a decorative image), so it is not among the values dropped when empty.
    tail = _attributes([("loading", loading), ("decoding", "async"), ("fetchpriority", fetchpriority)])
    return mark_safe(f'<picture>{sources}<img{img} alt="{escape(str(alt))}"{tail}></picture>')
