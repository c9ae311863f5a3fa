"""The probes. /healthz: the process answers, whatever the database and the cache are doing.
/readyz: the database reachable and migrated, the cache reachable, each named in JSON, 503 when
one fails. (The database down: test_database_outage; Redis stopped: test_redis_outage.)"""

import json

import pytest
from django.db.migrations.recorder import MigrationRecorder

from cinemaone.probes import expected_migrations

pytestmark = pytest.mark.django_db


def readiness(response):
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    return json.loads(response.content)


@pytest.fixture
def cache_unreadable(settings, tmp_path):
    """The file cache's folder is a plain file: every read of it fails, as a lost disk's would."""
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": not_a_folder}
    }


def test_healthz_says_ok_without_asking_the_database_or_the_cache(reader, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = reader.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("page_cache", [True, False], ids=["page cache on", "page cache off"])
def test_healthz_stays_200_while_the_cache_fails(reader, settings, cache_unreadable, page_cache):
    settings.PAGE_CACHE = page_cache
    response = reader.get("/healthz")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_probes_answer_head_and_refuse_post(reader):
    for url in ("/healthz", "/readyz"):
        head = reader.head(url)
        assert (head.status_code, head.content) == (200, b"")
        assert head["Cache-Control"] == "no-store"
        assert reader.post(url).status_code == 405


def test_readyz_names_each_part_ok(reader, django_assert_max_num_queries):
    # Is there a table of applied migrations, and what is in it.
    with django_assert_max_num_queries(2):
        response = reader.get("/readyz")

    assert response.status_code == 200
    assert readiness(response) == {"ready": True, "database": "ok", "migrations": "ok", "cache": "ok"}


def test_readyz_is_never_stored_by_the_page_cache(reader, page_cache_on):
    for _ in range(3):
        response = reader.get("/readyz")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response


def test_readyz_answers_503_naming_a_migration_the_database_lacks(reader):
    """The code is one migration ahead of the database, as during a deploy before `migrate`."""
    app, name = max(node for node in expected_migrations() if node[0] == "films")
    MigrationRecorder.Migration.objects.filter(app=app, name=name).delete()

    response = reader.get("/readyz")

    assert response.status_code == 503
    answer = readiness(response)
    assert answer["ready"] is False
    assert answer["migrations"] == f"failing: not applied: {app}.{name}"
    assert (answer["database"], answer["cache"]) == ("ok", "ok")


def test_readyz_answers_503_for_a_database_never_migrated(reader):
    MigrationRecorder.Migration.objects.all().delete()

    answer = readiness(response := reader.get("/readyz"))

    assert response.status_code == 503
    assert answer["migrations"].startswith("failing: not applied: ")
    assert answer["migrations"].endswith(f"and {len(expected_migrations()) - 3} more")


@pytest.mark.parametrize("page_cache", [True, False], ids=["page cache on", "page cache off"])
def test_readyz_answers_503_naming_the_cache_when_it_cannot_be_read(reader, settings, cache_unreadable, page_cache):
    settings.PAGE_CACHE = page_cache

    response = reader.get("/readyz")

    assert response.status_code == 503
    answer = readiness(response)
    assert answer["cache"].startswith("failing: ")
    assert (answer["database"], answer["migrations"]) == ("ok", "ok")
