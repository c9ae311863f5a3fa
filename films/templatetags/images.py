"""{% picture %}: an image with its stored renditions as <picture> sources, srcset and sizes."""

from django import template
from django.core.files.storage import default_storage

register = template.Library()

FALLBACK_TYPE = "image/jpeg"


def _srcset(sources):
    return ", ".join(f"{default_storage.url(source['name'])} {source['width']}w" for source in sources)


@register.inclusion_tag("includes/picture.html")
def picture(image, renditions, alt, sizes="100vw", loading="lazy", css_class="", fetchpriority="", width=None,
            height=None):
    """`image` is the ImageFieldFile; `renditions` what films.images.process_image stored for it."""
    formats = (renditions or {}).get("formats") or {}
    fallback = formats.get(FALLBACK_TYPE)
    context = {
        "alt": alt,
        "sizes": sizes,
        "loading": loading,
        "css_class": css_class,
        "fetchpriority": fetchpriority,
        "width": (renditions or {}).get("width") or width,
        "height": (renditions or {}).get("height") or height,
        "sources": [
            {"type": mime, "srcset": _srcset(sources)} for mime, sources in formats.items() if mime != FALLBACK_TYPE
        ],
    }
    if fallback:
        middle = fallback[min(1, len(fallback) - 1)]
        context.update(src=default_storage.url(middle["name"]), srcset=_srcset(fallback))
    else:
        context.update(src=image.url, srcset="")
    return context
