"""/healthz: the load balancer's and the benchmark's probe. One line per dependency, never
stored by any cache, cheap. (The database being down: test_database_outage.)"""

import pytest

pytestmark = pytest.mark.django_db


def lines_of(response):
    return response.content.decode().splitlines()


def test_healthz_names_each_dependency_ok(reader):
    response = reader.get("/healthz")

    assert response.status_code == 200
    assert lines_of(response) == ["database: ok", "cache: ok"]
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"


def test_healthz_answers_a_head_request_and_refuses_a_post(reader):
    head = reader.head("/healthz")
    assert head.status_code == 200
    assert head["Cache-Control"] == "no-store"
    assert head.content == b""

    assert reader.post("/healthz").status_code == 405


def test_healthz_runs_at_most_one_query(reader, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert reader.get("/healthz").status_code == 200


def test_healthz_is_never_stored_by_the_page_cache(reader, page_cache_on, django_assert_max_num_queries):
    for _ in range(3):
        with django_assert_max_num_queries(1):
            response = reader.get("/healthz")
        assert response.status_code == 200
        assert lines_of(response) == ["database: ok", "cache: ok"]
        assert "X-Page-Cache" not in response
        assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("page_cache", [True, False], ids=["page cache on", "page cache off"])
def test_healthz_answers_503_naming_the_cache_when_it_cannot_be_read(reader, settings, tmp_path, page_cache):
    """The file cache's folder is a plain file: every read of it fails, as a lost disk's would."""
    settings.PAGE_CACHE = page_cache
    settings.PAGE_CACHE_CLOCK_SKEW = 0
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": not_a_folder}
    }

    response = reader.get("/healthz")

    assert response.status_code == 503
    database, cache = lines_of(response)
    assert database == "database: ok"
    assert cache.startswith("cache: down (")
    assert response["Cache-Control"] == "no-store"
