"""The anonymous page cache, as readers and the newsroom notice it.

A change shows on the very next request of every page that shows it, and only there:
the other stored pages stay stored (a hit). A stored page is served without the
database, with the headers of a fresh one, to anyone without a cookie; signed-in staff
and a reader being thanked always get a fresh page.

Each test proves the cache is on (a miss, then a hit) before the change, makes the
change the way the newsroom makes it (the admin, the review screen, the publishing
service), and reads the pages again as a reader. Changes mark their pages when their
transaction commits, so those tests run with real commits (`committed`).
"""

import time
import types
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client

from editorial import publishing
from films.models import Film
from pagecache.tags import purge_all
from submissions.forms import DefenseForm
from submissions.models import Submission
from submissions.services import decide
from tests.factories import make_film
from tests.html import page_of
from tests.navigation.forms import form_data, form_errors
from tests.submissions.factories import make_submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

# The change's transaction really commits, as in production: the page cache is marked on commit.
# (Serialized rollback brings back the editors' and moderators' groups the migrations made.)
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HOME_URL = "/"
CATALOG_URL = "/films/"
FILM_LIST_URL = "/admin/films/film/"
PAGES_OF_A_DOSSIER = [HOME_URL, CATALOG_URL, "/search/?q=drive", "/films/{slug}/", "/films/{slug}/defend/"]


def change_url(film):
    return f"/admin/films/film/{film.pk}/change/"


def review_url(submission):
    return f"/admin/submissions/submission/{submission.pk}/review/"


def warm(client, *urls):
    """Read each page twice: rendered and stored (miss), then served from the cache (hit)."""
    for url in urls:
        first = client.get(url)
        assert (first.status_code, first.get("X-Page-Cache")) == (200, "miss"), url
        second = client.get(url)
        assert (second.status_code, second.get("X-Page-Cache")) == (200, "hit"), url


def read_fresh(client, url):
    """The next request after a change: rendered afresh, not the stored copy."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.get("X-Page-Cache") == "miss", f"{url} was served from the cache after a change"
    return page_of(response)


def read_cached(client, url):
    """A page the change does not touch: still the stored copy."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.get("X-Page-Cache") == "hit", f"{url} was emptied by a change it does not show"
    return page_of(response)


def logline_on(page):
    return page.find("p", class_="hero__logline").text


def film_links(page):
    return {a.attrs["href"] for a in page.find_all("a", class_="card__link")}


def defenses_on(page):
    items = page.by_id("defend").find_all("li")
    return [item.find("blockquote").text for item in items if "defense" in item.attrs.get("class", "").split()]


def press(client, film, button="_save", **changes):
    """Post the film's admin change form as the page rendered it, with `changes` typed in."""
    page = client.get(change_url(film))
    assert page.status_code == 200
    data = form_data(page)
    data.update({name: [value] for name, value in changes.items()})
    data[button] = ["pressed"]
    response = client.post(change_url(film), data)
    assert response.status_code == 302, form_errors(response)
    return response


def run_action(client, action, film):
    response = client.post(FILM_LIST_URL, {"action": action, "_selected_action": [str(film.pk)]})
    assert response.status_code == 302
    return response


def decide_on_review_screen(client, submission, decision, *, seen_state):
    response = client.post(
        review_url(submission), {"decision": decision, "seen_state": seen_state, "seen_featured": "0", "note": ""}
    )
    assert response.status_code == 302
    assert response.url != review_url(submission), "the review screen refused the decision"
    return response


def tags_of(response):
    return set(response[settings.PAGE_CACHE_TAG_HEADER].split())


# What a reader typed is shown as typed -------------------------------------------------


LOOKS_LIKE_CODE = (
    'Proof: __C1HOLE:form:1:defense__ is not a form, {{ csrf_token }} is not a token, '
    '{% now "Y" %} is not this year, and <em>this</em> is not emphasis.'
)


@pytest.mark.parametrize("cache", ["on", "off"])
def test_a_defense_that_looks_like_template_code_is_shown_as_the_reader_typed_it(reader, drive, moderator,
                                                                                 settings, cache):
    settings.PAGE_CACHE = cache == "on"
    decide(make_submission(drive, body=LOOKS_LIKE_CODE), moderator=moderator, to_state=Submission.State.APPROVED)

    expected = ["miss", "hit"] if cache == "on" else [None, None]
    for served in expected:
        response = reader.get(drive.get_absolute_url())
        assert (response.status_code, response.get("X-Page-Cache")) == (200, served)
        assert defenses_on(page_of(response)) == [LOOKS_LIKE_CODE]
        html = response.content.decode()
        # Escaped as text, never run as a template nor filled in as a placeholder.
        assert "__C1HOLE:form:1:defense__ is not a form, {{ csrf_token }} is not a token" in html
        assert "{% now &quot;Y&quot; %} is not this year" in html
        assert "&lt;em&gt;this&lt;/em&gt;" in html and "<em>this</em>" not in html


# A change empties exactly the pages that show it ---------------------------------------


def warm_the_neighbours(reader, bronson, drive):
    """Bronson's and Drive's dossiers and the home page, stored; Bronson is nowhere on the home page."""
    warm(reader, bronson.get_absolute_url(), drive.get_absolute_url(), HOME_URL)
    home = read_cached(reader, HOME_URL)
    assert drive.get_absolute_url() in film_links(home)
    assert bronson.get_absolute_url() not in film_links(home), "Bronson must not be on the home page"


@committed
def test_approving_a_defense_shows_on_its_film_alone(reader, moderator_client, two_films):
    bronson, drive = two_films
    defense = make_submission(bronson, body="Hardy plays a man who mistakes fame for a cell with better light.")
    warm_the_neighbours(reader, bronson, drive)
    assert defenses_on(read_cached(reader, bronson.get_absolute_url())) == []

    decide_on_review_screen(moderator_client, defense, "approve", seen_state=Submission.State.PENDING)

    assert defenses_on(read_fresh(reader, bronson.get_absolute_url())) == [defense.body]
    read_cached(reader, drive.get_absolute_url())
    read_cached(reader, HOME_URL)
    assert defenses_on(read_cached(reader, bronson.get_absolute_url())) == [defense.body], "stored again"

    decide_on_review_screen(moderator_client, defense, "reject", seen_state=Submission.State.APPROVED)

    assert defenses_on(read_fresh(reader, bronson.get_absolute_url())) == []
    read_cached(reader, drive.get_absolute_url())


@committed
def test_an_editors_edit_in_the_admin_shows_on_its_film_and_the_catalog_alone(reader, editor_client, two_films):
    bronson, drive = two_films
    warm_the_neighbours(reader, bronson, drive)
    warm(reader, CATALOG_URL)

    press(editor_client, bronson, logline_en="A prisoner turns his sentence into a stage.")

    assert logline_on(read_fresh(reader, bronson.get_absolute_url())) == "A prisoner turns his sentence into a stage."
    catalog_loglines = [p.text for p in read_fresh(reader, CATALOG_URL).find_all("p", class_="film-card__logline")]
    assert "A prisoner turns his sentence into a stage." in catalog_loglines
    read_cached(reader, drive.get_absolute_url())
    read_cached(reader, HOME_URL)


def by_each_route(verb):
    """Run the test once per way an editor can publish or unpublish: the changelist action, the
    change form's button, and the publishing service that both call."""
    service = getattr(publishing, verb)
    routes = [
        lambda editor_client, editor, film: run_action(editor_client, f"{verb}_selected", film),
        lambda editor_client, editor, film: press(editor_client, film, f"_{verb}"),
        lambda editor_client, editor, film: service([Film.objects.get(pk=film.pk)], user=editor),
    ]
    return pytest.mark.parametrize(verb, routes, ids=["list action", f"save and {verb}", "publishing service"])


UNPUBLISH = by_each_route("unpublish")


@committed
@UNPUBLISH
def test_an_unpublished_film_is_gone_at_once_and_the_other_pages_stay_stored(reader, editor, editor_client,
                                                                             two_films, unpublish):
    bronson, drive = two_films
    warm_the_neighbours(reader, bronson, drive)
    warm(reader, CATALOG_URL)

    unpublish(editor_client, editor, bronson)

    assert Film.objects.get(pk=bronson.pk).status == Film.Status.DRAFT
    gone = reader.get(bronson.get_absolute_url())
    assert gone.status_code == 404
    assert "X-Page-Cache" not in gone, "a 404 is never served from, or stored in, the page cache"
    assert bronson.get_absolute_url() not in film_links(read_fresh(reader, CATALOG_URL))
    read_cached(reader, drive.get_absolute_url())
    read_cached(reader, HOME_URL)


@committed
@UNPUBLISH
def test_an_unpublished_film_on_the_home_page_leaves_it_at_once(reader, editor, editor_client, drive, unpublish):
    make_film("Bronson", year=2008)
    warm(reader, drive.get_absolute_url(), HOME_URL)
    assert drive.get_absolute_url() in film_links(read_cached(reader, HOME_URL))

    unpublish(editor_client, editor, drive)

    assert drive.get_absolute_url() not in film_links(read_fresh(reader, HOME_URL))
    assert reader.get(drive.get_absolute_url()).status_code == 404


@committed
@by_each_route("publish")
def test_a_published_draft_appears_on_its_page_the_catalog_and_home_at_once(reader, editor, editor_client,
                                                                            draft_drive, publish):
    make_film("Bronson", year=2008)  # so the catalog and home have something to store meanwhile
    url = draft_drive.get_absolute_url()
    assert reader.get(url).status_code == 404
    warm(reader, CATALOG_URL, HOME_URL)
    assert url not in film_links(read_cached(reader, CATALOG_URL))
    assert url not in film_links(read_cached(reader, HOME_URL))

    publish(editor_client, editor, draft_drive)

    assert Film.objects.get(pk=draft_drive.pk).status == Film.Status.LIVE
    assert read_fresh(reader, url).find("h1").text == "Drive"
    assert url in film_links(read_fresh(reader, CATALOG_URL))
    assert url in film_links(read_fresh(reader, HOME_URL))


def test_a_scheduled_film_appears_when_its_go_live_time_passes(reader, site_clock):
    make_film("Bronson", year=2008)
    scheduled = make_film("Drive", go_live_at=site_clock.now() + timedelta(hours=2))
    url = scheduled.get_absolute_url()
    assert reader.get(url).status_code == 404
    warm(reader, CATALOG_URL, HOME_URL)

    site_clock.advance(timedelta(hours=1, minutes=59))

    assert reader.get(url).status_code == 404
    assert url not in film_links(read_cached(reader, CATALOG_URL)), "stored until the go-live time"
    assert url not in film_links(read_cached(reader, HOME_URL))

    site_clock.advance(timedelta(minutes=1))

    assert url in film_links(read_fresh(reader, CATALOG_URL))
    assert url in film_links(read_fresh(reader, HOME_URL))
    assert read_fresh(reader, url).find("h1").text == "Drive"
    read_cached(reader, CATALOG_URL)


def test_a_stored_page_is_kept_no_longer_than_the_page_cache_seconds(reader, drive, site_clock):
    url = drive.get_absolute_url()
    warm(reader, url)

    site_clock.advance(timedelta(seconds=settings.PAGE_CACHE_SECONDS - 60))
    read_cached(reader, url)
    site_clock.advance(timedelta(seconds=60))

    read_fresh(reader, url)


def test_purging_the_site_empties_every_stored_page(reader, drive):
    warm(reader, drive.get_absolute_url(), HOME_URL, CATALOG_URL)

    purge_all()

    for url in (drive.get_absolute_url(), HOME_URL, CATALOG_URL):
        read_fresh(reader, url)


def test_a_cache_that_cannot_be_read_costs_speed_not_the_page(reader, drive, settings, tmp_path):
    """The file cache's folder is a plain file: every read of it fails, as a lost disk's would."""
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": not_a_folder}
    }

    for _ in range(2):
        response = reader.get(drive.get_absolute_url())
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert page_of(response).find("h1").text == "Drive"


# Who is served from the cache -----------------------------------------------------------


def test_signed_in_staff_always_get_a_fresh_page(reader, editor_client, moderator_client, drive):
    url = drive.get_absolute_url()
    for staff in (editor_client, moderator_client):
        response = staff.get(HOME_URL)  # read first by staff: their page is theirs, never stored
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    read_fresh(reader, HOME_URL)
    warm(reader, url, CATALOG_URL)

    for staff in (editor_client, moderator_client):
        for page_url in (url, CATALOG_URL, HOME_URL):
            response = staff.get(page_url)
            assert response.status_code == 200
            assert "X-Page-Cache" not in response, f"staff were handed the stored {page_url}"


def send_defense(client, page, body):
    """Fill in and send the defense form of a dossier page, as a reader does."""
    form = page.by_id("defend").find("form")
    return client.post(
        form.attrs["action"],
        {
            "website": "",
            "underrated": Submission.Underrated.ENDING,
            "body": body,
            "display_name": "",
            "email": "",
        },
    )


def drop_expired_cookies(client):
    """What a browser does with a cookie deleted by Max-Age=0 (the test client keeps it, empty)."""
    for name in [name for name, morsel in client.cookies.items() if morsel["max-age"] == 0]:
        del client.cookies[name]


def test_a_visitor_with_a_pending_thank_you_is_not_served_the_cached_page(visitor, another_visitor, drive):
    url = drive.get_absolute_url()
    warm(visitor, url)
    page = page_of(visitor.get(url))

    sent = send_defense(visitor, page, "The ending is the whole film: a man who keeps driving because he must.")

    assert sent.status_code == 302
    assert sent.url == f"{url}#defend"
    assert "messages" in visitor.cookies
    thanked = visitor.get(url)
    assert thanked.status_code == 200
    assert "X-Page-Cache" not in thanked, "the thank-you page came from the cache"
    assert page_of(thanked).by_id("defend").find("p", class_="form-thanks").text.startswith(str(DefenseForm.thanks))
    assert visitor.cookies["messages"]["max-age"] == 0, "the thank-you was consumed: the cookie is deleted"
    drop_expired_cookies(visitor)
    back = visitor.get(url)
    assert back["X-Page-Cache"] == "hit", "once thanked, the visitor reads the cached page again"
    assert page_of(back).by_id("defend").find("p", class_="form-thanks") is None
    others = another_visitor.get(url)
    assert others["X-Page-Cache"] == "hit", "the thank-you page was not stored for everyone"
    assert page_of(others).by_id("defend").find("p", class_="form-thanks") is None


def test_two_visitors_served_one_cached_dossier_can_each_send_its_forms(reader, visitor, another_visitor, drive):
    url = drive.get_absolute_url()
    warm(reader, url)
    first, second = visitor.get(url), another_visitor.get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("hit", "hit")
    assert first.content == second.content, "one stored copy"

    first_sent = send_defense(visitor, page_of(first), "The first visitor argues the ending is the point.")
    second_sent = send_defense(another_visitor, page_of(second), "The second visitor argues the score is the point.")

    assert first_sent.status_code == 302, first_sent.content[:300]
    assert second_sent.status_code == 302, second_sent.content[:300]
    assert Submission.objects.filter(film=drive, state=Submission.State.PENDING).count() == 2


def test_a_cached_dossiers_form_sent_from_another_site_is_refused(reader, drive):
    url = drive.get_absolute_url()
    warm(reader, url)
    page = page_of(reader.get(url))
    forger = Client(headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"})

    refused = send_defense(forger, page, "Sent by another site's page, in a reader's name.")

    assert refused.status_code == 403
    assert not Submission.objects.exists()


@pytest.mark.parametrize("url", PAGES_OF_A_DOSSIER)
def test_reading_gives_a_reader_no_cookie_cached_or_not(reader, visitor, drive, url):
    url = url.format(slug=drive.slug)
    miss, hit = reader.get(url), visitor.get(url)

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for response in (miss, hit):
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", ""), "nothing in the page depends on a cookie"
    assert not reader.cookies and not visitor.cookies


@pytest.mark.parametrize("path", ["/session/", "/csrf/"])
def test_a_page_that_gives_the_visitor_a_cookie_is_never_stored(reader, settings, path):
    """A cookie is one visitor's own (a session, a CSRF secret in the page): such a page is theirs alone."""
    settings.ROOT_URLCONF = "tests.performance.session_urls"
    warm(reader, "/plain/")  # tagged like the others: only the cookie keeps them out

    for _ in range(2):
        response = reader.get(path)
        assert response.status_code == 200
        assert response.cookies
        assert "X-Page-Cache" not in response
        reader.cookies.clear()  # back to a visitor without a cookie


def test_a_page_that_is_not_found_or_a_preview_is_never_stored(reader, editor_client, draft_drive):
    for _ in range(2):
        missing = reader.get("/films/no-such-film/")
        assert missing.status_code == 404
        assert "X-Page-Cache" not in missing
    for _ in range(2):
        preview = editor_client.get(f"/films/{draft_drive.slug}/preview/")
        assert preview.status_code == 200
        assert "X-Page-Cache" not in preview
        assert "no-store" in preview["Cache-Control"]


# What a stored page carries ------------------------------------------------------------


SECURITY_HEADERS = [
    "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
    "Cross-Origin-Opener-Policy", "Content-Type", "Vary",
]


@pytest.mark.parametrize("url", PAGES_OF_A_DOSSIER)
def test_a_cached_page_carries_the_headers_the_whole_stack_gave_it(reader, another_visitor, drive, url):
    url = url.format(slug=drive.slug)
    miss, hit = reader.get(url), another_visitor.get(url)

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert hit.content == miss.content
    for header in SECURITY_HEADERS:
        assert hit.get(header) == miss.get(header), header
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert hit["Referrer-Policy"] == "same-origin"
    assert int(hit["Content-Length"]) == len(hit.content)


def test_the_tag_header_names_the_dossiers_film(reader, another_visitor, drive):
    url = drive.get_absolute_url()
    miss, hit = reader.get(url), another_visitor.get(url)

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert {f"film-{drive.pk}", f"answers-{drive.pk}"} <= tags_of(miss)
    assert tags_of(hit) == tags_of(miss), "a cache in front purges the stored copy by the same tags"


def test_the_tag_header_names_the_lists(reader, drive):
    assert {"home", f"film-{drive.pk}"} <= tags_of(reader.get(HOME_URL))
    assert "catalog" in tags_of(reader.get(CATALOG_URL))


def cache_control(response):
    return {directive.strip() for directive in response["Cache-Control"].split(",")}


@pytest.mark.parametrize("url", PAGES_OF_A_DOSSIER[:4])
def test_stored_pages_are_public_and_always_revalidated(reader, drive, url):
    url = url.format(slug=drive.slug)
    miss, hit = reader.get(url), reader.get(url)

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for response in (miss, hit):
        assert cache_control(response) == {"public", "max-age=0", "must-revalidate"}


@pytest.mark.parametrize("url", [HOME_URL, CATALOG_URL, "dossier"])
def test_a_cached_page_costs_no_query(reader, drive, url, django_assert_num_queries):
    url = drive.get_absolute_url() if url == "dossier" else url
    warm(reader, url)

    with django_assert_num_queries(0):
        assert reader.get(url)["X-Page-Cache"] == "hit"


# Revalidation ---------------------------------------------------------------------------


def test_a_served_etag_and_last_modified_are_the_same_on_miss_and_hit(reader, another_visitor, drive):
    url = drive.get_absolute_url()
    miss, hit = reader.get(url), another_visitor.get(url)

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert miss["ETag"] and miss["ETag"] == hit["ETag"]
    assert miss["Last-Modified"] and miss["Last-Modified"] == hit["Last-Modified"]


def test_if_none_match_with_the_etag_answers_304_from_the_cache(reader, drive, django_assert_num_queries):
    url = drive.get_absolute_url()
    warm(reader, url)
    etag = reader.get(url)["ETag"]

    with django_assert_num_queries(0):  # answered from the stored page
        revalidated = reader.get(url, headers={"If-None-Match": etag})

    assert revalidated.status_code == 304
    assert revalidated.content == b""
    assert revalidated["ETag"] == etag


def test_if_modified_since_the_stored_page_answers_304_from_the_cache(reader, drive, django_assert_num_queries):
    url = drive.get_absolute_url()
    warm(reader, url)
    last_modified = reader.get(url)["Last-Modified"]

    with django_assert_num_queries(0):
        revalidated = reader.get(url, headers={"If-Modified-Since": last_modified})

    assert revalidated.status_code == 304
    assert revalidated["Last-Modified"] == last_modified


@committed
def test_an_old_etag_gets_the_new_page_after_a_change(reader, editor_client, drive):
    url = drive.get_absolute_url()
    warm(reader, url)
    old = reader.get(url)

    press(editor_client, drive, logline_en="Changed since the browser last looked.")

    response = reader.get(url, headers={"If-None-Match": old["ETag"], "If-Modified-Since": old["Last-Modified"]})
    assert (response.status_code, response["X-Page-Cache"]) == (200, "miss")
    assert response["ETag"] != old["ETag"]
    assert logline_on(page_of(response)) == "Changed since the browser last looked."


def test_a_cached_page_answers_failed_preconditions_with_412(reader, drive):
    url = drive.get_absolute_url()
    warm(reader, url)
    last_modified = reader.get(url)["Last-Modified"]
    long_before = "Mon, 01 Jan 2001 00:00:00 GMT"

    assert reader.get(url, headers={"If-Match": '"not-this-page"'}).status_code == 412
    assert reader.get(url, headers={"If-Unmodified-Since": long_before}).status_code == 412
    assert reader.get(url, headers={"If-Unmodified-Since": last_modified}).status_code == 200


# Query strings ---------------------------------------------------------------------------


def stored_pages():
    return sum(1 for _path in (settings.CACHES["default"]["LOCATION"]).glob("*.djcache"))


@pytest.mark.parametrize("url", ["/", "/films/{slug}/", "/films/{slug}/defend/", "/feeds/latest/", "/sitemap.xml"])
def test_a_parameter_the_page_does_not_read_stores_no_other_copy(reader, drive, url):
    url = url.format(slug=drive.slug)
    warm(reader, url)
    stored = stored_pages()

    for n in range(50):
        response = reader.get(url, {"utm_source": f"campaign-{n}", "fbclid": n})
        assert (response.status_code, response["X-Page-Cache"]) == (200, "hit"), n

    assert stored_pages() == stored


def test_the_catalog_keys_its_filters_in_one_order_and_ignores_the_rest(reader, drive):
    warm(reader, "/films/?sort=title&decade=2010")

    response = reader.get("/films/?decade=2010&ref=newsletter&sort=title")

    assert response["X-Page-Cache"] == "hit"
    assert reader.get("/films/?sort=year&decade=2010")["X-Page-Cache"] == "miss"


def test_a_page_shows_no_parameter_it_does_not_read(reader, drive):
    """What the page says of its own address (canonical link, pagination) comes from the kept
    parameters only: a stored copy never carries one reader's tracking parameter to the next."""
    response = reader.get("/search/?q=drive&utm_source=evil-tracker")

    assert "evil-tracker" not in response.content.decode()


def test_a_list_whose_counts_are_worked_out_late_in_its_rendering_is_stored_valid(reader, monkeypatch, two_films):
    """The catalog works out its counts (tags.cached) part-way through rendering. Their tags, new
    to the cache, were once marked as of that moment, after the page began: rendered slower than
    the clock skew allowed (50 ms, easily reached on a busy host), the stored page was never
    valid and its next reader got another miss. Here the counts are worked out a second into
    the page (the clock they read is a second ahead of the page's)."""
    a_second_later = types.SimpleNamespace(time=lambda: time.time() + 1)
    monkeypatch.setattr("pagecache.tags.time", a_second_later)

    warm(reader, CATALOG_URL)
