"""HTTP as a client expects it: HEAD wherever GET works, 405 with `Allow` for any other method,
and production settings that `check --deploy` finds nothing to warn about."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import make_collection, make_full_dossier

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/healthz",
    "/films/",
    "/films/drive/",
    "/search/?q=drive",
    "/people/nicolas-winding-refn/",
    "/themes/loneliness/",
    "/collections/night-drives/",
    "/sitemap.xml",
    "/feeds/latest/",
]
FORMS = ["/films/drive/defend/", "/films/drive/scene-challenge/", "/films/drive/next-pick/"]


@pytest.fixture
def site(db):
    drive = make_full_dossier("Drive", without=["collection"])
    make_collection("Night drives", films=[drive])
    return drive


@pytest.mark.parametrize("url", PAGES + FORMS)
def test_head_answers_wherever_get_does_with_no_body(reader, site, url):
    get = reader.get(url)
    head = reader.head(url)

    assert get.status_code == 200, url
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]


@pytest.mark.parametrize("method", ["put", "delete", "patch", "options"])
@pytest.mark.parametrize("url", PAGES + FORMS)
def test_a_method_a_url_does_not_take_is_405_naming_the_ones_it_does(reader, site, url, method):
    response = getattr(reader, method)(url, data="x=1", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 405
    allowed = {name.strip() for name in response["Allow"].split(",")}
    assert allowed == ({"GET", "HEAD", "POST"} if url in FORMS else {"GET", "HEAD"})


def test_an_unknown_method_is_405_too(reader, site):
    response = reader.generic("BREW", "/films/drive/defend/")

    assert response.status_code == 405


def example_environment():
    """The production settings of .env.example, as an operator would copy them."""
    environment = {}
    for line in Path(settings.BASE_DIR, ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            environment[name.strip()] = value.strip()
    return environment


def test_check_deploy_with_the_example_production_settings_warns_of_nothing(tmp_path):
    environment = {
        **{name: value for name, value in os.environ.items() if not name.startswith(("DATABASE_", "DJANGO_"))},
        **example_environment(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        # The checks read the settings, not the data: a scratch SQLite stands in for the server.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_health_check_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/films/").status_code == 301
