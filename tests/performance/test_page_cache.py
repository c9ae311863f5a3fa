"""The anonymous page cache is never stale: every kind of change shows on the very next request.

Each test proves the cache is on before the change (a miss, then a hit), makes the
change the way the newsroom makes it, and reads the page again as a reader.
"""

from datetime import timedelta

import pytest
from django.test import Client

from editorial.models import CraftNote
from films.models import Film
from submissions.forms import MIN_FILL_SECONDS, DefenseForm
from submissions.models import Submission
from submissions.services import decide
from tests.factories import make_film
from tests.html import page_of
from tests.navigation.forms import form_data, form_errors, inline_prefix, inline_row
from tests.submissions.factories import make_submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

HOME_URL = "/"
CATALOG_URL = "/films/"
FILM_LIST_URL = "/admin/films/film/"


def change_url(film):
    return f"/admin/films/film/{film.pk}/change/"


def review_url(submission):
    return f"/admin/submissions/submission/{submission.pk}/review/"


def warm(client, *urls):
    """Read each page twice: rendered and stored (miss), then served from the cache (hit)."""
    for url in urls:
        first = client.get(url)
        assert (first.status_code, first["X-Page-Cache"]) == (200, "miss"), url
        second = client.get(url)
        assert (second.status_code, second["X-Page-Cache"]) == (200, "hit"), url


def read_fresh(client, url):
    """The next request after a change: rendered afresh, not the stored copy."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Page-Cache"] == "miss", f"{url} was served from the cache after a change"
    return page_of(response)


def logline_on(page):
    return page.find("p", class_="hero__logline").text


def film_links(page):
    return {a.attrs["href"] for a in page.find_all("a", class_="card__link")}


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


# Edits -------------------------------------------------------------------------------


def test_logline_edited_in_the_admin_shows_on_the_next_request(reader, editor_client, drive):
    url = drive.get_absolute_url()
    warm(reader, url, CATALOG_URL)

    press(editor_client, drive, logline="A getaway driver falls for the woman next door.")

    assert logline_on(read_fresh(reader, url)) == "A getaway driver falls for the woman next door."
    catalog = read_fresh(reader, CATALOG_URL)
    assert catalog.find("p", class_="film-card__logline").text == "A getaway driver falls for the woman next door."


def test_logline_changed_by_a_plain_model_save_shows_on_the_next_request(reader, drive):
    url = drive.get_absolute_url()
    warm(reader, url)

    drive.logline = "Saved outside the admin, seen at once."
    drive.save()

    assert logline_on(read_fresh(reader, url)) == "Saved outside the admin, seen at once."
    assert reader.get(url)["X-Page-Cache"] == "hit", "the new page is cached in turn"


def craft_notes_on(page):
    return [note.text for note in page.by_id("craft-read").find_all("div", class_="note-card__body")]


def test_craft_note_edited_in_the_admin_shows_on_the_next_request(reader, editor_client, drive):
    url = drive.get_absolute_url()
    warm(reader, url)
    assert "Neon calm." in craft_notes_on(page_of(reader.get(url)))
    page = editor_client.get(change_url(drive))
    data = form_data(page)
    prefix = inline_prefix(page, CraftNote)
    row = inline_row(data, prefix, heading="Mood")
    data[f"{prefix}-{row}-body"] = ["Neon calm over a pulse of dread."]
    data["_save"] = ["Save"]

    response = editor_client.post(change_url(drive), data)

    assert response.status_code == 302, form_errors(response)
    notes = craft_notes_on(read_fresh(reader, url))
    assert "Neon calm over a pulse of dread." in notes
    assert "Neon calm." not in notes


def test_craft_note_saved_or_deleted_in_code_shows_on_the_next_request(reader, drive):
    url = drive.get_absolute_url()
    warm(reader, url)
    note = CraftNote.objects.get(film=drive, heading="Violence")

    note.body = "Sudden, total, and over in a breath."
    note.save()

    assert "Sudden, total, and over in a breath." in craft_notes_on(read_fresh(reader, url))
    assert reader.get(url)["X-Page-Cache"] == "hit"

    note.delete()

    assert "Sudden, total, and over in a breath." not in craft_notes_on(read_fresh(reader, url))


# Publishing --------------------------------------------------------------------------


def publish_by_list_action(editor_client, film):
    run_action(editor_client, "publish_selected", film)


def publish_by_save_and_publish(editor_client, film):
    press(editor_client, film, "_publish")


def unpublish_by_list_action(editor_client, film):
    run_action(editor_client, "unpublish_selected", film)


def unpublish_by_save_and_unpublish(editor_client, film):
    press(editor_client, film, "_unpublish")


@pytest.mark.parametrize(
    "publish", [publish_by_list_action, publish_by_save_and_publish], ids=["list action", "save and publish"]
)
def test_published_draft_appears_on_its_page_the_catalog_and_home_at_once(reader, editor_client, draft_drive,
                                                                          publish):
    make_film("Bronson", year=2008)  # so the catalog and home have something to cache meanwhile
    url = draft_drive.get_absolute_url()
    assert reader.get(url).status_code == 404
    warm(reader, CATALOG_URL, HOME_URL)
    assert url not in film_links(page_of(reader.get(CATALOG_URL)))

    publish(editor_client, draft_drive)

    assert Film.objects.get(pk=draft_drive.pk).status == Film.Status.LIVE
    assert read_fresh(reader, url).find("h1").text == "Drive"
    assert url in film_links(read_fresh(reader, CATALOG_URL))
    assert url in film_links(read_fresh(reader, HOME_URL))


@pytest.mark.parametrize(
    "unpublish", [unpublish_by_list_action, unpublish_by_save_and_unpublish], ids=["list action", "save and unpublish"]
)
def test_unpublished_dossier_is_gone_from_its_page_the_catalog_and_home_at_once(reader, editor_client, drive,
                                                                                unpublish):
    make_film("Bronson", year=2008)
    url = drive.get_absolute_url()
    warm(reader, url, CATALOG_URL, HOME_URL)
    assert url in film_links(page_of(reader.get(HOME_URL)))

    unpublish(editor_client, drive)

    assert Film.objects.get(pk=drive.pk).status == Film.Status.DRAFT
    gone = reader.get(url)
    assert gone.status_code == 404
    assert "X-Page-Cache" not in gone, "a 404 is never served from, or stored in, the page cache"
    assert url not in film_links(read_fresh(reader, CATALOG_URL))
    assert url not in film_links(read_fresh(reader, HOME_URL))


def test_scheduled_dossier_appears_when_its_go_live_time_passes(reader, site_clock):
    make_film("Bronson", year=2008)
    scheduled = make_film("Drive", go_live_at=site_clock.now() + timedelta(hours=2))
    url = scheduled.get_absolute_url()
    warm(reader, CATALOG_URL)
    assert url not in film_links(page_of(reader.get(CATALOG_URL)))

    site_clock.advance(timedelta(hours=2))

    assert url in film_links(read_fresh(reader, CATALOG_URL))
    assert reader.get(url).status_code == 200


# Moderation --------------------------------------------------------------------------


def defenses_on(page):
    items = page.by_id("defend").find_all("li")
    return [item.find("blockquote").text for item in items if "defense" in item.attrs.get("class", "").split()]


def decide_on_review_screen(client, submission, decision, *, seen_state):
    response = client.post(
        review_url(submission), {"decision": decision, "seen_state": seen_state, "seen_featured": "0", "note": ""}
    )
    assert response.status_code == 302
    assert response.url != review_url(submission), "the review screen refused the decision"
    return response


def test_approved_defense_appears_on_the_dossier_and_a_rejection_removes_it(reader, moderator_client,
                                                                            pending_defense):
    url = pending_defense.film.get_absolute_url()
    warm(reader, url)
    assert defenses_on(page_of(reader.get(url))) == []

    decide_on_review_screen(moderator_client, pending_defense, "approve", seen_state=Submission.State.PENDING)

    assert defenses_on(read_fresh(reader, url)) == [pending_defense.body]
    assert reader.get(url)["X-Page-Cache"] == "hit"

    decide_on_review_screen(moderator_client, pending_defense, "reject", seen_state=Submission.State.APPROVED)

    assert Submission.objects.get(pk=pending_defense.pk).state == Submission.State.REJECTED
    assert defenses_on(read_fresh(reader, url)) == []


# Who is served from the cache --------------------------------------------------------


def test_signed_in_editor_always_gets_a_fresh_page(reader, editor_client, drive):
    url = drive.get_absolute_url()
    warm(reader, url, CATALOG_URL)

    for page_url in (url, CATALOG_URL, url):
        response = editor_client.get(page_url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response, f"an editor was handed the cached {page_url}"


def reader_form_fields(page, anchor="defend"):
    form = page.by_id(anchor).find("form")
    return {
        "action": form.attrs["action"],
        "token": form.find("input", name="token").attrs["value"],
    }


def send_defense(client, page, body):
    fields = reader_form_fields(page)
    return client.post(
        fields["action"],
        {
            "token": fields["token"],
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


def test_visitor_with_a_pending_thank_you_is_not_served_the_cached_page(visitor, another_visitor, drive, form_clock):
    url = drive.get_absolute_url()
    warm(visitor, url)
    page = page_of(visitor.get(url))
    form_clock.advance(MIN_FILL_SECONDS + 1)

    sent = send_defense(visitor, page, "The ending is the whole film: a man who keeps driving because he must.")

    assert sent.status_code == 302
    assert sent.url == f"{url}#defend"
    assert "messages" in visitor.cookies
    thanked = visitor.get(url)
    assert thanked.status_code == 200
    assert "X-Page-Cache" not in thanked, "the thank-you page came from the cache"
    assert page_of(thanked).by_id("defend").find("p", class_="form-thanks").text == DefenseForm.thanks
    assert visitor.cookies["messages"]["max-age"] == 0, "the thank-you was consumed: the cookie is deleted"
    drop_expired_cookies(visitor)
    back = visitor.get(url)
    assert back["X-Page-Cache"] == "hit", "once thanked, the visitor reads the cached page again"
    assert page_of(back).by_id("defend").find("p", class_="form-thanks") is None
    others = another_visitor.get(url)
    assert others["X-Page-Cache"] == "hit"
    assert page_of(others).by_id("defend").find("p", class_="form-thanks") is None


def test_two_visitors_served_one_cached_dossier_each_get_working_form_tokens(reader, visitor, another_visitor,
                                                                             drive, form_clock):
    url = drive.get_absolute_url()
    warm(reader, url)
    first = visitor.get(url)
    second = another_visitor.get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("hit", "hit")
    assert first["ETag"] == second["ETag"], "one stored copy"
    first_fields, second_fields = reader_form_fields(page_of(first)), reader_form_fields(page_of(second))
    for fields in (first_fields, second_fields):
        assert "__C1HOLE" not in fields["token"]
    form_clock.advance(MIN_FILL_SECONDS + 1)

    first_sent = send_defense(visitor, page_of(first), "The first visitor argues the ending is the point.")
    second_sent = send_defense(another_visitor, page_of(second), "The second visitor argues the score is the point.")

    assert first_sent.status_code == 302, first_sent.content[:300]
    assert second_sent.status_code == 302, second_sent.content[:300]
    assert Submission.objects.filter(film=drive, state=Submission.State.PENDING).count() == 2


@pytest.mark.parametrize("url", [HOME_URL, CATALOG_URL, "/search/?q=drive", "/films/{slug}/", "/films/{slug}/defend/"])
def test_reading_gives_a_reader_no_cookie_cached_or_not(reader, visitor, drive, url):
    url = url.format(slug=drive.slug)
    miss, hit = reader.get(url), visitor.get(url)

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for response in (miss, hit):
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", ""), "nothing in the page depends on a cookie"


def test_a_cached_dossiers_form_sent_from_another_site_is_refused(reader, drive, form_clock):
    url = drive.get_absolute_url()
    warm(reader, url)
    page = page_of(reader.get(url))
    forger = Client(headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"})
    form_clock.advance(MIN_FILL_SECONDS + 1)

    refused = send_defense(forger, page, "Sent by another site's page, in a reader's name.")

    assert refused.status_code == 403
    assert not Submission.objects.exists()


@pytest.mark.parametrize("path", ["/session/", "/csrf/"])
def test_a_page_that_gives_the_visitor_a_cookie_is_never_stored(reader, settings, path):
    """A cookie is one visitor's own (a session, a CSRF secret in the page): such a page is theirs alone."""
    settings.ROOT_URLCONF = "tests.performance.session_urls"

    assert [reader.get("/plain/").get("X-Page-Cache") for _ in range(2)] == ["miss", "hit"]
    for _ in range(2):
        response = reader.get(path)
        assert response.cookies
        assert "X-Page-Cache" not in response
        reader.cookies.clear()  # back to a visitor without a cookie


SECURITY_HEADERS = [
    "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
    "Cross-Origin-Opener-Policy", "Content-Type", "Vary",
]


@pytest.mark.parametrize("url", ["/", CATALOG_URL, "dossier"])
def test_a_cached_page_carries_the_headers_the_whole_stack_gave_it(reader, another_visitor, drive, url):
    url = drive.get_absolute_url() if url == "dossier" else url
    miss, hit = reader.get(url), another_visitor.get(url)

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for header in SECURITY_HEADERS:
        assert hit.get(header) == miss.get(header), header
    assert hit["Content-Security-Policy"] and hit["X-Frame-Options"] == "SAMEORIGIN"
    assert int(hit["Content-Length"]) == len(hit.content)


# Revalidation headers ----------------------------------------------------------------


def cache_control(response):
    return {directive.strip() for directive in response["Cache-Control"].split(",")}


def test_if_none_match_with_the_etag_answers_304(reader, drive):
    url = drive.get_absolute_url()
    stored = reader.get(url)
    etag = stored["ETag"]

    revalidated = reader.get(url, headers={"If-None-Match": etag})

    assert revalidated.status_code == 304
    assert revalidated.content == b""
    assert revalidated["ETag"] == etag


def test_a_served_etag_is_the_same_on_miss_and_hit(reader, another_visitor, drive):
    url = drive.get_absolute_url()
    miss, hit = reader.get(url), another_visitor.get(url)

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert miss["ETag"] == hit["ETag"]
    assert miss["Last-Modified"] == hit["Last-Modified"]


def test_an_old_etag_gets_the_new_page_after_a_change(reader, drive):
    url = drive.get_absolute_url()
    old_etag = reader.get(url)["ETag"]
    drive.logline = "Changed since the browser last looked."
    drive.save()

    response = reader.get(url, headers={"If-None-Match": old_etag})

    assert response.status_code == 200
    assert response["ETag"] != old_etag
    assert logline_on(page_of(response)) == "Changed since the browser last looked."


def test_if_modified_since_the_last_change_answers_304(reader, drive):
    url = drive.get_absolute_url()
    last_modified = reader.get(url)["Last-Modified"]

    assert reader.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304


def test_a_cached_page_answers_failed_preconditions_with_412(reader, drive):
    url = drive.get_absolute_url()
    warm(reader, url)
    last_modified = reader.get(url)["Last-Modified"]
    long_before = "Mon, 01 Jan 2001 00:00:00 GMT"

    assert reader.get(url, headers={"If-Match": '"not-this-page"'}).status_code == 412
    assert reader.get(url, headers={"If-Unmodified-Since": long_before}).status_code == 412
    assert reader.get(url, headers={"If-Unmodified-Since": last_modified}).status_code == 200


def test_pages_without_forms_are_public_and_always_revalidated(reader, drive):
    for response in (reader.get(CATALOG_URL), reader.get(CATALOG_URL)):
        assert cache_control(response) == {"public", "max-age=0", "must-revalidate"}


def test_a_dossier_with_reader_forms_is_private_to_the_browser(reader, drive):
    """Its forms' fill-time tokens are timed when it is served: a shared cache must not keep it."""
    for response in (reader.get(drive.get_absolute_url()), reader.get(drive.get_absolute_url())):
        assert cache_control(response) == {"private", "max-age=0", "must-revalidate"}


def test_a_cached_page_costs_one_query(reader, drive, django_assert_num_queries):
    url = drive.get_absolute_url()
    warm(reader, url)

    with django_assert_num_queries(1):  # the content version
        assert reader.get(url)["X-Page-Cache"] == "hit"


def test_a_reader_text_that_looks_like_a_hole_is_shown_as_written(reader, drive, moderator):
    looks_like_holes = "Proof: __C1HOLE:form:x:y__ and __C1HOLE:nothing__ and __C1HOLE:"
    decide(make_submission(drive, body=looks_like_holes), moderator=moderator, to_state=Submission.State.APPROVED)

    for expected in ("miss", "hit"):
        response = reader.get(drive.get_absolute_url())
        assert (response.status_code, response["X-Page-Cache"]) == (200, expected)
        assert looks_like_holes in page_of(response).by_id("defend").text
