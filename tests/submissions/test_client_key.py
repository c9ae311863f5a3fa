"""Who a reader is, for the rate limit and copies: the address the trusted proxies report, a /64
for IPv6, under a key that changes every day; nothing of it a moderator can see or sort by."""

from datetime import timedelta

import pytest

from submissions.models import DailySalt, Submission
from tests.submissions.factories import READER_TEXT, form_data, form_url

pytestmark = pytest.mark.django_db

LIMIT = 3
PROXY = "10.0.0.5"
DAY = 24 * 60 * 60


@pytest.fixture
def small_limit(settings):
    settings.SUBMISSION_RATE_LIMIT = LIMIT


@pytest.fixture
def behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]


def post(client, film, n, **meta):
    return client.post(form_url(film, "defend"), form_data(film, "defend", body=f"{READER_TEXT} Take {n}."), **meta)


def posts_accepted(client, film, count, start=0, **meta):
    return sum(post(client, film, start + n, **meta).status_code == 302 for n in range(count))


def test_readers_behind_one_trusted_proxy_each_get_their_own_allowance(
    client, drive, controlled_clock, small_limit, behind_a_proxy
):
    for reader in range(20):
        forwarded = f"198.51.100.{reader + 1}, 10.0.0.7"  # the reader, then our inner proxy
        accepted = posts_accepted(client, drive, LIMIT + 1, start=reader * 10,
                                  REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
        assert accepted == LIMIT, f"reader {reader}"

    assert Submission.objects.count() == 20 * LIMIT


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(client, drive, controlled_clock, small_limit,
                                                               behind_a_proxy):
    forged = [post(client, drive, n, REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 10.0.0.6")
              for n in range(LIMIT + 2)]

    assert [response.status_code for response in forged] == [302] * LIMIT + [429, 429]


def test_a_forwarded_header_is_ignored_when_no_proxy_is_trusted(client, drive, controlled_clock, small_limit):
    forged = [post(client, drive, n, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}") for n in range(LIMIT + 1)]

    assert forged[-1].status_code == 429


def test_a_hop_count_takes_the_address_the_outer_proxy_saw(client, drive, controlled_clock, small_limit, settings):
    settings.TRUSTED_PROXY_HOPS = 2  # a CDN, then our load balancer

    def chain(reader):
        return {"REMOTE_ADDR": "10.0.0.9", "HTTP_X_FORWARDED_FOR": f"6.6.6.6, {reader}, 172.16.0.1"}

    assert posts_accepted(client, drive, LIMIT + 1, **chain("198.51.100.1")) == LIMIT
    assert posts_accepted(client, drive, LIMIT, start=10, **chain("198.51.100.2")) == LIMIT


def test_rotated_ipv6_addresses_within_one_64_are_one_reader(client, drive, controlled_clock, small_limit):
    rotated = [post(client, drive, n, REMOTE_ADDR=f"2001:db8:aa:bb:{n:x}:{n * 7:x}::{n + 1:x}")
               for n in range(LIMIT + 1)]

    assert rotated[-1].status_code == 429
    assert post(client, drive, 99, REMOTE_ADDR="2001:db8:aa:bc::1").status_code == 302  # the next /64


def test_an_ipv4_mapped_address_is_the_ipv4_reader(client, drive, controlled_clock, small_limit):
    posts_accepted(client, drive, LIMIT, REMOTE_ADDR="203.0.113.8")

    assert post(client, drive, 9, REMOTE_ADDR="::ffff:203.0.113.8").status_code == 429


def test_the_key_of_one_address_changes_from_one_day_to_the_next(client, drive, controlled_clock):
    post(client, drive, 1, REMOTE_ADDR="203.0.113.9")
    post(client, drive, 2, REMOTE_ADDR="203.0.113.9")
    controlled_clock.advance(DAY)
    post(client, drive, 3, REMOTE_ADDR="203.0.113.9")

    first, same_day, next_day = Submission.objects.order_by("pk").values_list("client_key", flat=True)
    assert first == same_day
    assert next_day != first
    assert len(next_day) == 64


def test_yesterdays_secret_is_deleted_when_the_day_changes(client, drive, controlled_clock):
    post(client, drive, 1)
    yesterday = DailySalt.objects.get()
    controlled_clock.advance(DAY)
    post(client, drive, 2)

    assert list(DailySalt.objects.values_list("day", flat=True)) == [yesterday.day + timedelta(days=1)]


def test_the_address_is_stored_nowhere(client, drive, controlled_clock):
    post(client, drive, 1, REMOTE_ADDR="203.0.113.77")

    stored = [str(value) for value in Submission.objects.values().get().values()]
    assert not any("203.0.113.77" in value for value in stored)
