"""Shared fixtures: a private MEDIA_ROOT, the standing users (editor, moderator, outsider, reader),
and two films for the caches' tests (the page cache's and Varnish's)."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group, User
from django.utils import translation

from editorial.roles import EDITORS, MODERATORS
from tests.clients import browser
from tests.factories import make_film, make_full_dossier, make_person


@pytest.fixture
def client():
    """pytest-django's client, as a browser on this site's pages."""
    return browser()


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Each test starts in English. A request to a /fr/ page activates French for the thread (as
    Django's LocaleMiddleware does, for the next request to set again), which would otherwise
    carry into the test's own code after it, and into the next test."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its images to its own folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def own_cache(settings, tmp_path):
    """Every test has the site's file-based cache to itself, empty: database rollbacks between
    tests would otherwise leave it holding another test's pages."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tmp_path / "cache"}
    }


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Most tests read fresh pages; tests of the page cache turn it on with `page_cache_on`."""
    settings.PAGE_CACHE = False


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    # One machine, one clock: a page rendered right after a change is trusted at once.
    settings.PAGE_CACHE_CLOCK_SKEW = 0


@pytest.fixture(autouse=True)
def jpeg_renditions_only(settings, request):
    """Renditions in JPEG alone (AVIF and WebP encoding is most of an upload's time), except in
    tests marked `all_image_formats`, which are about the formats."""
    if "all_image_formats" not in request.keywords:
        settings.IMAGE_RENDITION_FORMATS = ["jpg"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Accounts made by tests and by `load_demo` need no slow, production-strength hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _staff_user(username, group_name=None):
    user = User.objects.create_user(username=username, email=f"{username}@cinemaone.test", is_staff=True)
    if group_name:
        # The group and its permissions come from the roles migration, never from the test.
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return _staff_user("editor", EDITORS)


@pytest.fixture
def moderator(db):
    return _staff_user("moderator", MODERATORS)


@pytest.fixture
def outsider(db):
    """Staff, but in no group and without permissions."""
    return _staff_user("outsider")


def _client_for(user):
    client = browser()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return _client_for(editor)


@pytest.fixture
def moderator_client(moderator):
    return _client_for(moderator)


@pytest.fixture
def outsider_client(outsider):
    return _client_for(outsider)


@pytest.fixture
def reader(db):
    """An anonymous reader."""
    return browser()


def pytest_configure(config):
    # WhiteNoise warns when collectstatic has not been run; tests serve no static files.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture
def two_films(db):
    """Bronson (A) and Drive (B), sharing nobody, no theme and no shelf. Bronson is old news:
    not featured, and seven newer films besides Drive fill the home page's latest eight."""
    bronson = make_film("Bronson", year=2008, director=make_person("A director of Bronson alone"),
                        published_at=datetime(2020, 1, 1, tzinfo=UTC))
    drive = make_full_dossier("Drive")
    for number in range(1, 8):
        make_film(f"Newer film {number}", year=2020 + number)
    return bronson, drive
