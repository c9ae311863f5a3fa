"""With the cache in a real Redis (CACHE_URL=redis://...) that stops: readers still get every
page, rendered uncached; a reader's form and a moderator's decision still go through; /readyz
names the cache while /healthz stays 200; and once Redis is back, pages are stored again with
nothing restarted. A stopped rate-limit Redis counts posts in the database instead."""

import json

import pytest
from django.conf import settings as site_settings

from cinemaone.settings import cache_from_url
from submissions.models import Submission
from submissions.services import decide
from tests.clients import browser
from tests.redis_server import needs_redis, redis_cache, redis_server  # noqa: F401 (fixtures)
from tests.submissions.factories import form_data, form_url, make_submission

pytestmark = [
    needs_redis,
    # The page cache is marked when a change commits: real commits, as in production.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("page_cache_on"),
]


def served(client, url):
    response = client.get(url)
    return response.status_code, response.get("X-Page-Cache")


def test_pages_forms_and_decisions_go_on_while_redis_is_stopped(redis_cache, drive, moderator, caplog):
    reader = browser()
    url = drive.get_absolute_url()
    assert [served(reader, url) for _ in range(2)] == [(200, "miss"), (200, "hit")]

    redis_cache.stop()

    caplog.clear()
    assert served(reader, url) == (200, None), "rendered, not stored"
    said = [record for record in caplog.records if record.name.startswith("pagecache")]
    assert said and all(record.levelname == "WARNING" and "ConnectionError" in record.getMessage()
                        and not record.exc_info for record in said), "one line each, no traceback"
    assert served(reader, "/films/") == (200, None)
    posted = browser().post(form_url(drive, "defend"), form_data(drive, "defend", body="Still standing while the cache is down."))
    assert posted.status_code == 302, "accepted"
    defense = Submission.objects.get(body="Still standing while the cache is down.")
    decide(defense, moderator=moderator, to_state=Submission.State.APPROVED)  # commits; the mark cannot be made
    assert "Still standing while the cache is down." in reader.get(url).content.decode(), "the decision shows at once"
    ready = reader.get("/readyz")
    assert ready.status_code == 503
    assert json.loads(ready.content)["cache"] == "failing: ConnectionError"
    assert reader.get("/healthz").status_code == 200

    redis_cache.start()  # empty, as a restarted cache's Redis is

    assert [served(reader, url) for _ in range(2)] == [(200, "miss"), (200, "hit")], "stored again, by itself"
    assert "Still standing while the cache is down." in reader.get(url).content.decode()
    assert reader.get("/readyz").status_code == 200


def test_a_stopped_rate_limit_redis_counts_posts_in_the_database(settings, redis_server, drive):
    settings.CACHES = {**site_settings.CACHES, "ratelimit": cache_from_url(redis_server.url)}
    settings.SUBMISSION_RATE_LIMIT = 2
    redis_server.stop()
    reader = browser()

    answers = [
        reader.post(form_url(drive, "defend"), form_data(drive, "defend", body=f"Case number {n} for Drive."))
        for n in range(3)
    ]

    assert [answer.status_code for answer in answers[:2]] == [302, 302]
    assert answers[2].status_code == 429, "the limit still holds, counted in the database"
    assert Submission.objects.count() == 2


def test_a_moderator_decision_while_redis_is_stopped_is_kept_and_logged(redis_cache, drive, moderator, caplog):
    submission = make_submission(drive)
    redis_cache.stop()

    decide(submission, moderator=moderator, to_state=Submission.State.APPROVED)

    submission.refresh_from_db()
    assert submission.state == Submission.State.APPROVED
    assert any(record.levelname == "ERROR" and "on_commit" in record.getMessage() for record in caplog.records)
