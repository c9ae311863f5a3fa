"""Pages go out compressed, as the client asked; stored pages too; a 304 still costs nothing.

Readers' browsers ask for zstd, brotli or gzip; a Varnish in front asks for gzip alone and
stores that; a client that asks for nothing gets the page as it is. The page cache keeps the
page uncompressed and each answer is compressed on its way out, hit or miss. The admin is never
compressed (BREACH: cinemaone.compression), and no reader page carries a CSRF token, which is
why compressing them is safe.
"""

import gzip
from urllib.parse import urlsplit

import brotli
import pytest
from backports import zstd
from django.test import Client

from submissions.models import Submission
from tests.factories import make_collection
from tests.html import page_of
from tests.submissions.factories import make_submission

pytestmark = pytest.mark.django_db

BROWSER = "gzip, deflate, br, zstd"  # what Chromium sends
SUBMITTER_EMAIL = "night.driver@example.com"
DECODE = {"br": brotli.decompress, "gzip": gzip.decompress, "zstd": zstd.decompress}


def get(url, accept_encoding=None, **headers):
    if accept_encoding is not None:
        headers["Accept-Encoding"] = accept_encoding
    return Client().get(url, headers=headers)


def decoded(response):
    coding = response.get("Content-Encoding")
    return DECODE[coding](response.content) if coding else response.content


def varies_on_encoding(response):
    return "accept-encoding" in [part.strip().lower() for part in response.get("Vary", "").split(",")]


@pytest.fixture
def dossier_url(drive):
    return drive.get_absolute_url()


@pytest.mark.parametrize(("accept_encoding", "coding"), [
    (BROWSER, "zstd"),
    ("gzip, deflate, br", "br"),
    ("gzip", "gzip"),  # Varnish in front
    ("br;q=0.5, gzip;q=1.0", "gzip"),
])
def test_each_encoding_decodes_to_the_same_page(dossier_url, accept_encoding, coding):
    plain = get(dossier_url)
    response = get(dossier_url, accept_encoding)
    assert response.status_code == 200
    assert response["Content-Encoding"] == coding
    assert varies_on_encoding(response)
    assert len(response.content) < len(plain.content) / 3
    assert int(response["Content-Length"]) == len(response.content)
    assert decoded(response) == plain.content
    assert "x-noise" not in response, "no BREACH padding: no page compressed here holds a secret"


@pytest.mark.parametrize("accept_encoding", [None, "", "identity", "deflate", "compress"])
def test_without_an_encoding_it_understands_a_client_gets_the_page_as_it_is(dossier_url, accept_encoding):
    response = get(dossier_url, accept_encoding)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert response.content.lstrip().startswith(b"<!doctype html>")


@pytest.mark.usefixtures("page_cache_on")  # as in production: it sets Last-Modified
@pytest.mark.parametrize("accept_encoding", [BROWSER, "gzip", None])
def test_a_page_revalidated_with_its_etag_is_a_304(dossier_url, accept_encoding):
    first = get(dossier_url, accept_encoding)
    again = get(dossier_url, accept_encoding, **{"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    by_date = get(dossier_url, accept_encoding, **{"If-Modified-Since": first["Last-Modified"]})
    assert by_date.status_code == 304


def test_an_etag_from_one_encoding_revalidates_another(dossier_url):
    # A cache in front that stored the gzip page may revalidate for a client that takes br.
    gzipped = get(dossier_url, "gzip")
    assert get(dossier_url, BROWSER, **{"If-None-Match": gzipped["ETag"]}).status_code == 304


@pytest.mark.usefixtures("page_cache_on")
def test_the_page_cache_keeps_pages_uncompressed_and_compresses_hits_too(dossier_url):
    miss = get(dossier_url, "br")
    assert (miss["X-Page-Cache"], miss["Content-Encoding"]) == ("miss", "br")
    plain_hit = get(dossier_url)
    assert plain_hit["X-Page-Cache"] == "hit"
    assert "Content-Encoding" not in plain_hit
    assert plain_hit.content == decoded(miss)
    for coding, accept in [("gzip", "gzip"), ("zstd", BROWSER)]:
        hit = get(dossier_url, accept)
        assert (hit["X-Page-Cache"], hit["Content-Encoding"]) == ("hit", coding)
        assert decoded(hit) == plain_hit.content
    assert get(dossier_url, "gzip", **{"If-None-Match": miss["ETag"]}).status_code == 304


@pytest.mark.parametrize("url", ["/feeds/latest/", "/sitemap.xml"])
def test_feeds_and_the_sitemap_are_compressed(drive, url):
    response = get(url, "gzip, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert decoded(response) == get(url).content


def test_the_admin_is_never_compressed(editor_client):
    for response in [Client().get("/admin/login/", headers={"Accept-Encoding": BROWSER}),
                     editor_client.get("/admin/films/film/", headers={"Accept-Encoding": BROWSER})]:
        assert response.status_code == 200
        assert "Content-Encoding" not in response
        assert b"csrfmiddlewaretoken" in response.content  # why it is left alone


def reader_pages(start):
    """Every page a reader reaches from `start` by following links, at most two clicks away
    (the site's own addresses, neither the admin nor files)."""
    seen, frontier = set(), [start]
    for _ in range(3):
        found = []
        for url in frontier:
            if url in seen:
                continue
            seen.add(url)
            response = get(url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            yield url, response
            for link in page_of(response).find_all("a"):
                parts = urlsplit(link.attrs.get("href", ""))
                if parts.netloc in ("", "testserver") and parts.path.startswith("/") and not parts.path.startswith(
                        ("/admin/", "/static/", "/media/", "/feeds/")):
                    found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        frontier = found


def test_no_reader_page_carries_a_secret(drive):
    """Nothing BREACH could read: no CSRF token, no cookie set, no submitter's e-mail address."""
    make_collection(films=[drive])
    make_submission(drive, state=Submission.State.APPROVED, display_name="Night driver", email=SUBMITTER_EMAIL)
    pages = dict(reader_pages("/")) | dict(reader_pages("/fr/"))
    expected = {"/", "/fr/", "/films/", "/fr/films/", f"/films/{drive.slug}/", f"/fr/films/{drive.slug}/"}
    assert expected <= pages.keys(), f"the crawl missed {expected - pages.keys()}"
    for kind in ("people", "themes", "collections"):
        assert any(url.startswith(f"/{kind}/") for url in pages), f"the crawl reached no {kind} page"
    # The reader forms' own pages (where a form comes back with its errors), search, a 404.
    for url in [f"/films/{drive.slug}/defend/", f"/films/{drive.slug}/scene-challenge/",
                f"/fr/films/{drive.slug}/next-pick/", f"/films/{drive.slug}/defenses/", "/search/?q=drive",
                "/no-such-page/"]:
        pages[url] = get(url)
    assert b"<form" in pages[f"/films/{drive.slug}/"].content
    assert b"Night driver" in pages[f"/films/{drive.slug}/defenses/"].content
    for url, response in pages.items():
        assert b"csrfmiddlewaretoken" not in response.content, url
        assert SUBMITTER_EMAIL.encode() not in response.content, url
        assert not response.cookies, f"{url} sets {list(response.cookies)}"
