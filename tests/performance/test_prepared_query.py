"""A prepared query reads what its queryset would read, on every run, for every value."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, connections, transaction
from django.db.models import Count, Q

from cinemaone.prepared import Placeholder, PreparedQuery, rows_together
from editorial import dossier_queries
from films.models import Film
from tests.factories import add_clips, make_film, make_full_dossier

pytestmark = pytest.mark.django_db

FILM_ID = Placeholder(-99_000_001)
TITLE = Placeholder("<title>")


def _films_with_genre_counts(film_id, title):
    """Types that need the database's converters on SQLite: datetimes, booleans, decimals, JSON."""
    return (
        Film.objects.filter(Q(pk=film_id) | Q(title=title))
        .annotate(genre_count=Count("genres"))
        .values_list("pk", "title", "published_at", "is_featured", "rating", "backdrop_renditions", "genre_count")
        .order_by("pk")
    )


def test_rows_equal_the_querysets_for_each_value():
    drive = make_film("Drive", genres=["Crime", "Drama"], rating=Decimal("7.8"), is_featured=True,
                      backdrop_renditions={"webp": [[480, "a.webp"]]})
    bronson = make_film("Bronson", genres=["Drama"])
    query = PreparedQuery(_films_with_genre_counts, FILM_ID, TITLE)

    for film_id, title in [(drive.pk, "Bronson"), (bronson.pk, "nothing"), (0, "Drive"), (0, "nothing")]:
        assert query.rows(film_id, title) == list(_films_with_genre_counts(film_id, title))
    assert query.rows(drive.pk, "")[0][3:6] == (True, Decimal("7.8"), {"webp": [[480, "a.webp"]]})


def test_every_run_is_a_query_that_sees_changes(django_assert_num_queries):
    film = make_film("Drive")
    query = PreparedQuery(lambda film_id: Film.objects.filter(pk=film_id).values_list("title"), FILM_ID)
    assert query.rows(film.pk) == [("Drive",)]

    Film.objects.filter(pk=film.pk).update(title="Drive (2011)")
    with django_assert_num_queries(1):
        assert query.rows(film.pk) == [("Drive (2011)",)]


def test_queries_run_together_read_what_each_reads_alone(django_assert_num_queries):
    drive = make_film("Drive", genres=["Crime", "Drama"], rating=Decimal("7.8"), is_featured=True,
                      backdrop_renditions={"webp": [[480, "a.webp"]]})
    make_film("Bronson", genres=["Drama"])
    counts = PreparedQuery(_films_with_genre_counts, FILM_ID, TITLE)
    titles = PreparedQuery(lambda film_id: Film.objects.filter(pk=film_id).values_list("title"), FILM_ID)
    runs = [(counts, (drive.pk, "Bronson")), (titles, (drive.pk,)), (counts, (0, "nothing")), (titles, (0,))]
    alone = [query.rows(*values) for query, values in runs]

    with django_assert_num_queries(len(runs)):  # each still its own query, however they travel
        together = rows_together(runs)

    assert together == alone
    assert together[0][0][3:6] == (True, Decimal("7.8"), {"webp": [[480, "a.webp"]]})  # converters applied
    assert together[2:] == [[], []]


def test_a_failing_query_run_together_raises_and_leaves_the_connection_usable():
    film = make_film("Drive")
    titles = PreparedQuery(lambda film_id: Film.objects.filter(pk=film_id).values_list("title"), FILM_ID)
    broken = PreparedQuery(lambda film_id: Film.objects.filter(pk=film_id).values_list("title"), FILM_ID)
    connection = connections["default"]
    broken.sql_for(connection, (film.pk,))  # compile, then break its SQL
    sql, *rest = broken._compiled[connection]
    broken._compiled[connection] = (sql.replace("films_film", "no_such_table"), *rest)

    with pytest.raises(DatabaseError), transaction.atomic():
        rows_together([(titles, (film.pk,)), (broken, (film.pk,))])

    assert rows_together([(titles, (film.pk,))]) == [[("Drive",)]]


def test_a_placeholder_the_sql_does_not_carry_is_refused():
    # `contains` sends "%<title>%", not the placeholder's value: running it with another would be wrong.
    query = PreparedQuery(lambda title: Film.objects.filter(title__contains=title).values_list("pk"), TITLE)
    with pytest.raises(ValueError, match="do not reach the SQL"):
        query.rows("Drive")


def test_dossier_lists_match_the_orm():
    """The dossier's own prepared lists hold the rows the ORM reads for the same film."""
    film = make_full_dossier()
    add_clips(film, 2)
    other = make_full_dossier("Only God Forgives", director="Nicolas Winding Refn")
    loaded = dossier_queries.film_by_slug(film.slug)

    assert loaded.pk == film.pk and loaded.title == film.title and loaded.live_collections == 1
    assert dossier_queries.film_by_slug("no-such-film") is None
    assert [(c.pk, c.person.name) for c in dossier_queries.credits(loaded.pk)] == [
        (c.pk, c.person.name) for c in film.credits.select_related("person")
    ]
    assert [g.name for g in dossier_queries.genres(loaded.pk)] == [g.name for g in film.genres.all()]
    assert [t.name for t in dossier_queries.themes(loaded.pk)] == sorted(t.name for t in film.themes.all())
    entries = film.entries.order_by("section", "position", "pk")
    assert [e.pk for e in dossier_queries.entries(loaded.pk)] == [e.pk for e in entries]
    assert [c.pk for c in dossier_queries.scene_clips(loaded.pk)] == [c.pk for c in film.scene_clips.all()]
    assert {c.film.pk for c in dossier_queries.directed(loaded.pk)} == {film.pk, other.pk}


def test_the_dossier_reads_only_what_it_shows_of_answers_and_mentions(django_assert_num_queries):
    """A published answer is read without the reader's e-mail and hashed address; people, pinned
    and suggested films without what the page never shows. What it does show needs no query."""
    from submissions.models import Submission
    from tests.submissions.factories import make_submission

    film = make_full_dossier()
    suggested = make_film("Thief")
    make_submission(film, Submission.Kind.NEXT_PICK, state=Submission.State.APPROVED, suggested_film=suggested,
                    suggested_title="Thief", pathway=Submission.Pathway.FILMMAKER, email="reader@example.org")

    answer = dossier_queries.lists_of_film(film.pk)["answers"][Submission.Kind.NEXT_PICK][0]
    credit = dossier_queries.credits(film.pk)[0]
    loaded = dossier_queries.film_by_slug(film.slug)

    assert {"email", "client_hash", "fingerprint"} <= answer.get_deferred_fields()
    assert {"bio", "portrait_renditions"} <= credit.person.get_deferred_fields()
    assert "backdrop_renditions" in answer.suggested_film.get_deferred_fields()
    assert loaded.get_deferred_fields() == {"search_document"}
    with django_assert_num_queries(0):
        shown = (answer.author, answer.body, answer.get_pathway_display(), answer.suggested_film.is_live,
                 answer.suggested_film.get_absolute_url(), credit.person.name, credit.person.get_absolute_url())
    assert shown[3:5] == (True, "/films/thief/")
