"""The review queue's film filter: the busiest films first, in a fixed number of queries."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from submissions.admin import FilmFilter
from submissions.models import Submission
from tests.factories import make_film
from tests.submissions.factories import make_submission

# The review queue's film filter ------------------------------------------------------------


def film_filter_choices(client):
    response = client.get("/admin/submissions/submission/")
    assert response.status_code == 200
    spec = next(spec for spec in response.context["cl"].filter_specs if isinstance(spec, FilmFilter))
    return [label for _value, label in spec.lookup_choices]


def with_pending(title, pending, *, approved=0):
    film = make_film(title)
    for _ in range(pending):
        make_submission(film)
    for _ in range(approved):
        make_submission(film, state=Submission.State.APPROVED)
    return film


@pytest.mark.django_db
def test_the_film_filter_lists_the_busiest_films_first_ties_by_title(moderator_client, monkeypatch):
    with_pending("Zodiac", 3)
    with_pending("Brazil", 2)
    with_pending("Alien", 2)
    with_pending("Cure", 1, approved=5)  # only pending submissions count
    make_film("Heat")  # nothing pending: not listed

    assert film_filter_choices(moderator_client) == ["Zodiac (3)", "Alien (2)", "Brazil (2)", "Cure (1)"]

    monkeypatch.setattr(FilmFilter, "LIMIT", 2)
    assert film_filter_choices(moderator_client) == ["Zodiac (3)", "Alien (2)"]


@pytest.mark.django_db
def test_the_film_filter_reads_a_fixed_number_of_queries_however_many_films(moderator_client):
    def queries_for_filter():
        with CaptureQueriesContext(connection) as queries:
            FilmFilter(None, {}, Submission, admin.site._registry[Submission])
        return len(queries)

    with_pending("Drive", 1)
    few = queries_for_filter()
    for number in range(30):
        with_pending(f"Film {number}", number % 4 + 1)
    assert queries_for_filter() == few <= 3
