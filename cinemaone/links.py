"""Page addresses by slug, worked out once per process.

A dossier links every person, film and shelf it mentions, some twice (the page and its
JSON-LD), and `reverse()` costs ~14 us each: about 5% of rendering a dossier. The URL
patterns never change while a process runs, so an address depends only on the view,
the slug and the script prefix (where the site is mounted), which are the cache's key.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse


@functools.lru_cache(maxsize=50_000)
def _reverse(prefix, viewname, slug):
    return reverse(viewname, kwargs={"slug": slug})


def slug_url(viewname, slug):
    """reverse(viewname, kwargs={"slug": slug}), remembered."""
    return _reverse(get_script_prefix(), viewname, slug)


@receiver(setting_changed)
def _forget_when_the_urlconf_changes(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":  # tests may swap it; a running site never does
        _reverse.cache_clear()
