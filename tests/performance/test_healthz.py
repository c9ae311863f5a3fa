"""/healthz: the load balancer's and the benchmark's probe, small, uncached and cheap."""

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_and_is_never_stored(reader):
    response = reader.get("/healthz")

    assert response.status_code == 200
    assert response.content.decode().strip() == "ok"
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"


def test_healthz_runs_at_most_one_query(reader, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert reader.get("/healthz").status_code == 200


def test_healthz_bypasses_the_page_cache(reader, page_cache_on, django_assert_max_num_queries):
    for _ in range(2):
        with django_assert_max_num_queries(1):
            response = reader.get("/healthz")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert response["Cache-Control"] == "no-store"
