"""Remembered addresses are the addresses reverse() gives, wherever the site is mounted."""

import pytest
from django.urls import reverse, set_script_prefix

from cinemaone.links import slug_url


@pytest.fixture
def mounted_under():
    def mount(prefix):
        set_script_prefix(prefix)

    yield mount
    set_script_prefix("/")


@pytest.mark.parametrize("viewname", ["films:detail", "people:detail", "collections:detail"])
@pytest.mark.parametrize("slug", ["drive", "amelie-2001", "x-9"])
def test_slug_urls_match_reverse(viewname, slug, mounted_under):
    for prefix in ("/", "/cinema/", "/"):
        mounted_under(prefix)
        assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})
    assert slug_url("films:detail", "drive") == "/films/drive/"


def test_a_new_urlconf_is_followed(settings):
    assert slug_url("films:detail", "drive") == "/films/drive/"
    settings.ROOT_URLCONF = "tests.performance.mounted_urls"
    assert slug_url("films:detail", "drive") == "/mounted/films/drive/"
