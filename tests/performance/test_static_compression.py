"""Static files in production: collectstatic writes a brotli copy beside the gzip one (whitenoise
makes .br files only when the brotli package is installed), and whitenoise serves the copy the
browser can read, with `Content-Encoding`, without compressing anything per request."""

import gzip
import json

import brotli
import pytest
from django.core.management import call_command
from django.test import Client

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},  # DEBUG off
}


@pytest.fixture
def collected(settings, tmp_path):
    """collectstatic as a deploy runs it, of the site's own static files (not the admin's, which
    only make it slower), into a fresh STATIC_ROOT. Returns the manifest's name for each file."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = STORAGES
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    return json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())["paths"]


def test_collectstatic_writes_brotli_and_gzip_copies(settings, collected):
    stylesheet = settings.STATIC_ROOT / collected["css/site.css"]
    for suffix, decode in ((".br", brotli.decompress), (".gz", gzip.decompress)):
        copy = stylesheet.with_name(stylesheet.name + suffix)
        assert copy.exists(), f"no {copy.name}"
        assert decode(copy.read_bytes()) == stylesheet.read_bytes()
    assert stylesheet.with_name(stylesheet.name + ".br").stat().st_size < stylesheet.stat().st_size / 4


@pytest.mark.parametrize(("accept_encoding", "coding"), [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip")])
def test_whitenoise_serves_the_copy_the_browser_accepts(settings, collected, accept_encoding, coding):
    url = f"/{settings.STATIC_URL.strip('/')}/{collected['css/site.css']}"
    original = (settings.STATIC_ROOT / collected["css/site.css"]).read_bytes()
    response = Client().get(url, headers={"Accept-Encoding": accept_encoding})  # a new client: whitenoise reads STATIC_ROOT
    assert response.status_code == 200
    assert response["Content-Encoding"] == coding
    assert "Accept-Encoding" in response["Vary"]
    body = b"".join(response.streaming_content)
    assert {"br": brotli.decompress, "gzip": gzip.decompress}[coding](body) == original
    plain = Client().get(url)
    assert "Content-Encoding" not in plain
    assert b"".join(plain.streaming_content) == original


def test_fonts_are_served_as_they_are(settings, collected):
    # woff2 is brotli inside already: no copy, no encoding.
    font = collected["fonts/inter-latin-wght-normal.woff2"]
    assert not (settings.STATIC_ROOT / (font + ".br")).exists()
    response = Client().get(f"/{settings.STATIC_URL.strip('/')}/{font}", headers={"Accept-Encoding": "br, gzip"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response
