"""The three reader forms: a good post is queued once and thanked; anything refused keeps the reader's text."""


import pytest
from django.db import OperationalError
from django.test import Client
from django.utils.html import escape

from editorial.models import Pathway
from submissions.forms import BODY_MAX_LENGTH, FORMS_BY_KIND, DefenseForm
from submissions.models import Submission
from tests.clients import browser
from tests.factories import add_clips, make_draft_film, make_film
from tests.html import page_of
from tests.submissions.factories import FORM_PAGES, READER_TEXT, form_data, form_url, what_the_form_sends

pytestmark = pytest.mark.django_db

ANCHORS = list(FORM_PAGES)

# The field each form cannot do without (besides the case itself), and its error's id.
REQUIRED_CHOICE = {
    "defend": ("underrated", "id_underrated_error"),
    "scene-challenge": ("carries", "id_carries_error"),
    "next-pick": ("suggested_title", "id_suggested_title_error"),
}


def assert_refused_with_text_kept(response, status, *, text=READER_TEXT):
    assert response.status_code == status
    html = response.content.decode()
    assert escape(text) in html, "the reader's text is not in the re-rendered form"
    assert Submission.objects.count() == 0
    return page_of(response)


def alert_text(page):
    return " ".join(element.text for element in page.find_all(role="alert"))


# A good post -------------------------------------------------------------------------


@pytest.mark.parametrize("anchor", ANCHORS)
def test_a_good_post_queues_one_pending_submission_and_thanks_the_reader_at_the_form(client, drive, anchor):
    response = client.post(form_url(drive, anchor), form_data(drive, anchor))

    assert response.status_code == 302
    assert response["Location"] == f"/films/drive/#{anchor}"
    submission = Submission.objects.get()
    assert submission.film == drive
    assert submission.kind == FORM_PAGES[anchor]
    assert submission.state == Submission.State.PENDING
    assert submission.is_featured is False
    assert submission.body == READER_TEXT
    assert submission.display_name == "Night driver"
    assert submission.email == "reader@example.com"
    assert submission.decided_at is None
    assert not submission.decisions.exists()

    followed = client.get(response["Location"])
    assert followed.status_code == 200
    thanks = str(FORMS_BY_KIND[FORM_PAGES[anchor]].thanks)
    assert thanks in page_of(followed).by_id(anchor).text, "the thank-you is not at the form it answers"
    assert page_of(followed).text.count(thanks) == 1


def test_a_defense_stores_what_the_reader_says_is_underrated(client, drive):
    client.post(form_url(drive, "defend"), form_data(drive, "defend", underrated="performance"))

    submission = Submission.objects.get()
    assert submission.underrated == Submission.Underrated.PERFORMANCE
    assert (submission.scene_clip, submission.scene_name, submission.suggested_film, submission.suggested_title) == (
        None, "", None, "",
    )


def test_a_scene_pick_from_the_shelf_stores_the_clip_and_what_it_carries(client, drive):
    clip = drive.scene_clips.order_by("position")[1]

    client.post(
        form_url(drive, "scene-challenge"),
        form_data(drive, "scene-challenge", scene=str(clip.pk), carries="rewatch"),
    )

    submission = Submission.objects.get()
    assert submission.scene_clip == clip
    assert submission.scene_name == ""
    assert submission.carries == Submission.Carries.REWATCH


def test_a_shelf_clip_wins_over_a_scene_also_named_freely(client, drive):
    clip = drive.scene_clips.order_by("position").first()

    client.post(
        form_url(drive, "scene-challenge"),
        form_data(drive, "scene-challenge", scene=str(clip.pk), scene_name="The motel hammer"),
    )

    submission = Submission.objects.get()
    assert (submission.scene_clip, submission.scene_name) == (clip, "")


def test_a_scene_pick_may_name_a_scene_freely_instead_of_a_shelf_clip(client, drive):
    response = client.post(
        form_url(drive, "scene-challenge"),
        form_data(drive, "scene-challenge", scene="", scene_name="The motel hammer"),
    )

    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.scene_clip is None
    assert submission.scene_name == "The motel hammer"


def test_a_scene_pick_with_neither_a_clip_nor_a_named_scene_is_refused(client, drive):
    response = client.post(
        form_url(drive, "scene-challenge"), form_data(drive, "scene-challenge", scene="", scene_name="")
    )

    page = assert_refused_with_text_kept(response, 400)
    error = page.by_id("id_scene_error")
    assert error is not None
    assert "Pick a scene from the shelf or name one." in error.text


def test_a_film_without_a_shelf_asks_for_the_scene_by_name(client):
    film = make_film("Thief", year=1981)
    data = {"carries": "style", "body": READER_TEXT}

    response = client.post(form_url(film, "scene-challenge"), data)

    page = assert_refused_with_text_kept(response, 400)
    assert page.by_id("id_scene") is None
    assert "Pick a scene from the shelf or name one." in page.by_id("id_scene_name_error").text


def test_a_clip_from_another_films_shelf_is_refused(client, drive):
    other = make_film("Thief", year=1981)
    [foreign_clip] = add_clips(other, 1)

    response = client.post(
        form_url(drive, "scene-challenge"), form_data(drive, "scene-challenge", scene=str(foreign_clip.pk))
    )

    page = assert_refused_with_text_kept(response, 400)
    assert page.by_id("id_scene_error") is not None


def test_a_next_pick_naming_one_of_our_live_films_links_it(client, drive, thief):
    client.post(form_url(drive, "next-pick"), form_data(drive, "next-pick", suggested_title="  thief "))

    submission = Submission.objects.get()
    assert submission.suggested_film == thief
    assert submission.suggested_title == "Thief"
    assert submission.pathway == Pathway.PRESSURE


def test_a_next_pick_naming_an_unknown_film_keeps_the_title_as_typed(client, drive):
    client.post(form_url(drive, "next-pick"), form_data(drive, "next-pick", suggested_title="Le Cercle Rouge"))

    submission = Submission.objects.get()
    assert submission.suggested_film is None
    assert submission.suggested_title == "Le Cercle Rouge"


def test_a_next_pick_naming_a_draft_film_does_not_link_it(client, drive):
    make_draft_film("Only God Forgives", year=2013)

    client.post(form_url(drive, "next-pick"), form_data(drive, "next-pick", suggested_title="Only God Forgives"))

    submission = Submission.objects.get()
    assert submission.suggested_film is None
    assert submission.suggested_title == "Only God Forgives"


def test_a_next_pick_naming_the_film_itself_is_refused(client, drive):
    response = client.post(form_url(drive, "next-pick"), form_data(drive, "next-pick", suggested_title="drive"))

    page = assert_refused_with_text_kept(response, 400)
    assert "not the film itself" in page.by_id("id_suggested_title_error").text


# Bad input: refused, the text kept, a message by the field, nothing stored ----------------


@pytest.mark.parametrize("anchor", ANCHORS)
def test_a_missing_required_choice_is_refused_with_the_text_kept(client, drive, anchor):
    field, error_id = REQUIRED_CHOICE[anchor]

    response = client.post(form_url(drive, anchor), form_data(drive, anchor, **{field: None}))

    page = assert_refused_with_text_kept(response, 400)
    assert page.by_id(error_id) is not None, f"no error next to {field}"
    assert "Something needs another look" in alert_text(page)


@pytest.mark.parametrize("anchor", ANCHORS)
def test_a_missing_case_is_refused_with_the_other_fields_kept(client, drive, anchor):
    response = client.post(form_url(drive, anchor), form_data(drive, anchor, body=""))

    page = assert_refused_with_text_kept(response, 400, text="Night driver")
    assert "This field is required." in page.by_id("id_body_error").text
    assert page.find("input", name="email").attrs["value"] == "reader@example.com"


@pytest.mark.parametrize("anchor", ANCHORS)
def test_a_case_over_the_length_limit_is_refused_with_all_of_it_kept(client, drive, anchor):
    too_long = (READER_TEXT + " ") * (BODY_MAX_LENGTH // len(READER_TEXT) + 1)
    assert len(too_long) > BODY_MAX_LENGTH

    response = client.post(form_url(drive, anchor), form_data(drive, anchor, body=too_long))

    page = assert_refused_with_text_kept(response, 400, text=too_long)
    assert f"at most {BODY_MAX_LENGTH} characters" in page.by_id("id_body_error").text


@pytest.mark.parametrize("anchor", ANCHORS)
def test_a_filled_honeypot_is_refused_with_the_text_kept(client, drive, anchor):
    response = client.post(form_url(drive, anchor), form_data(drive, anchor, website="https://spam.example"))

    page = assert_refused_with_text_kept(response, 400)
    # Said where a person can read it: the trap field itself is hidden.
    assert "hidden anti-spam field was filled in" in alert_text(page)


# Forgery: a reader form is sent only from this site's pages (submissions.cross_origin) --------

FROM_ANOTHER_SITE = {"Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"}


@pytest.mark.parametrize("anchor", ANCHORS)
def test_a_post_from_another_site_is_refused_with_the_text_kept(drive, anchor):
    forger = Client(headers=FROM_ANOTHER_SITE)

    response = forger.post(form_url(drive, anchor), form_data(drive, anchor))

    page = assert_refused_with_text_kept(response, 403)
    assert "did not confirm that this form was sent from Cinema One" in alert_text(page)
    assert len(page.find_all("h1")) == 1
    assert page.find("form", action=form_url(drive, anchor)) is not None


@pytest.mark.parametrize(
    ("headers", "accepted"),
    [
        ({"Sec-Fetch-Site": "same-origin"}, True),
        ({"Sec-Fetch-Site": "none"}, True),  # the reader's own action, no page's
        ({"Origin": "http://testserver"}, True),  # a browser from before Sec-Fetch-Site
        ({"Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"}, False),
        ({"Sec-Fetch-Site": "same-site", "Origin": "http://blog.testserver"}, False),  # a sibling subdomain
        ({"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"}, False),  # the fetch header decides
        ({"Origin": "https://elsewhere.example"}, False),
        ({"Origin": "https://testserver"}, False),  # another scheme is another site
        ({"Origin": "null"}, False),  # a sandboxed frame, or an origin the browser hides
        ({}, False),  # says nothing: a script, not a reader's browser
    ],
)
def test_a_post_is_accepted_only_when_the_browser_says_it_comes_from_this_site(drive, headers, accepted):
    response = Client(headers=headers).post(form_url(drive, "defend"), form_data(drive, "defend"))

    assert response.status_code == (302 if accepted else 403)
    assert Submission.objects.count() == (1 if accepted else 0)


def test_a_trusted_origin_may_send_a_reader_form(settings, drive):
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.cinemaone.example"]
    other_host = Client(headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://www.cinemaone.example"})
    untrusted = Client(headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://cinemaone.example.net"})

    assert other_host.post(form_url(drive, "defend"), form_data(drive, "defend")).status_code == 302
    assert untrusted.post(form_url(drive, "defend"), form_data(drive, "defend")).status_code == 403


def assert_stored_as_first_sent(film, anchor):
    """The one submission holds what the reader first typed."""
    sent = form_data(film, anchor)
    submission = Submission.objects.get()
    assert (submission.body, submission.display_name, submission.email) == (
        sent["body"], sent["display_name"], sent["email"],
    )
    assert submission.kind == FORM_PAGES[anchor]
    assert submission.subject  # the aspect, scene or film chosen came back with the text


@pytest.mark.parametrize("anchor", ANCHORS)
def test_after_a_cross_site_refusal_the_kept_form_can_be_sent_again_as_it_is(client, drive, anchor):
    refused = Client(headers=FROM_ANOTHER_SITE).post(form_url(drive, anchor), form_data(drive, anchor))
    kept = page_of(refused).find("form", action=form_url(drive, anchor))

    response = client.post(form_url(drive, anchor), what_the_form_sends(kept))

    assert response.status_code == 302
    assert_stored_as_first_sent(drive, anchor)


def test_the_reader_forms_need_no_csrf_token_and_set_no_cookie(drive):
    reader = browser(enforce_csrf_checks=True)

    shown = reader.get(form_url(drive, "defend"))
    sent = reader.post(form_url(drive, "defend"), form_data(drive, "defend"))

    assert page_of(shown).find("input", name="csrfmiddlewaretoken") is None
    assert not shown.cookies, "reading a form page gives the reader no cookie"
    assert sent.status_code == 302


def test_the_admin_still_needs_djangos_csrf_token(drive):
    """Signed-in work keeps Django's tokens: a same-origin header alone gets nowhere."""
    strict_client = browser(enforce_csrf_checks=True)

    response = strict_client.post("/admin/login/", {"username": "someone", "password": "secret"})

    assert response.status_code == 403
    assert "CSRF verification failed" in response.content.decode()


@pytest.mark.parametrize("anchor", ANCHORS)
def test_after_a_honeypot_refusal_the_kept_form_can_be_sent_again_as_it_is(client, drive, anchor):
    """An autofilled trap is not filled in again by the page that says so: sending once more goes through."""
    refused = client.post(form_url(drive, anchor), form_data(drive, anchor, website="https://autofill.example"))
    kept = page_of(refused).find("form", action=form_url(drive, anchor))

    resent = what_the_form_sends(kept)
    response = client.post(form_url(drive, anchor), resent)

    assert resent["website"] == ""
    assert response.status_code == 302
    assert_stored_as_first_sent(drive, anchor)


# The database unreachable: a 503 with the text kept, served without the database -----------


class UnreachableDatabase:
    """While `down`, the first query of a reader form's POST fails as it does when the database
    cannot be reached; `restore()` brings it back."""

    def __init__(self):
        self.patch = pytest.MonkeyPatch()
        self.patch.setattr("submissions.views.get_object_or_404", self._unreachable)

    @staticmethod
    def _unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server")

    def restore(self):
        self.patch.undo()


@pytest.fixture
def database_down():
    database = UnreachableDatabase()
    yield database
    database.restore()


@pytest.mark.parametrize("anchor", ANCHORS)
def test_with_the_database_down_a_post_gets_a_503_with_the_text_kept(
    client, drive, settings, database_down, django_assert_num_queries, anchor
):
    url, data = form_url(drive, anchor), form_data(drive, anchor)

    with django_assert_num_queries(0):  # the page is built from what the reader sent alone
        response = client.post(url, data)

    page = assert_refused_with_text_kept(response, 503)
    assert response["Retry-After"] == str(settings.RETRY_AFTER_SECONDS)
    assert "your text is kept below" in alert_text(page)
    kept = what_the_form_sends(page.find("form", action=url))
    assert {name: kept.get(name) for name in data} == data, "a field the reader filled came back changed"

    database_down.restore()
    assert client.post(url, kept).status_code == 302, "the kept form does not go through once the database is back"
    assert_stored_as_first_sent(drive, anchor)


# The form pages themselves -------------------------------------------------------------


@pytest.mark.parametrize("anchor", ANCHORS)
def test_each_form_has_its_own_page_with_one_h1(client, drive, anchor):
    response = client.get(form_url(drive, anchor))

    assert response.status_code == 200
    page = page_of(response)
    assert len(page.find_all("h1")) == 1
    form = page.find("form", action=form_url(drive, anchor))
    assert form is not None
    assert form.find("textarea", name="body") is not None
    assert form.find("input", name="website") is not None, "the honeypot is missing"
    assert page.find("a", href="/films/drive/") is not None


def test_the_defense_page_is_headed_with_the_film(client, drive):
    page = page_of(client.get(form_url(drive, "defend")))

    assert page.find("h1").text == "Defend Drive."


def test_the_scene_challenge_page_offers_the_films_shelf(client, drive):
    page = page_of(client.get(form_url(drive, "scene-challenge")))

    options = [option.text for option in page.by_id("id_scene").find_all("option")]
    assert options == ["Choose a scene", "Scene 1: Clip 1", "Scene 2: Clip 2", "Scene 3: Clip 3"]


@pytest.mark.parametrize("anchor", ANCHORS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_draft_films_form_urls_are_404(client, anchor, method):
    draft = make_draft_film("Only God Forgives")
    add_clips(draft, 1)

    response = getattr(client, method)(form_url(draft, anchor), form_data(draft, anchor) if method == "post" else None)

    assert response.status_code == 404
    assert Submission.objects.count() == 0


@pytest.mark.parametrize("anchor", ANCHORS)
def test_an_unknown_films_form_urls_are_404(client, anchor):
    assert client.get(f"/films/no-such-film/{anchor}/").status_code == 404


# Duplicates ----------------------------------------------------------------------------


@pytest.mark.parametrize("anchor", ANCHORS)
def test_the_same_text_for_the_same_film_is_queued_once_a_day(client, drive, controlled_clock, anchor):
    data = form_data(drive, anchor)

    first = client.post(form_url(drive, anchor), data)
    again = client.post(form_url(drive, anchor), data, follow=True)

    assert first.status_code == 302
    assert again.redirect_chain == [(f"/films/drive/#{anchor}", 302)]
    assert str(FORMS_BY_KIND[FORM_PAGES[anchor]].thanks) in page_of(again).text
    assert Submission.objects.count() == 1

    controlled_clock.advance(24 * 60 * 60)
    a_day_later = client.post(form_url(drive, anchor), data)

    assert a_day_later.status_code == 302
    assert Submission.objects.count() == 2


LOOK_ALIKE_COPIES = {
    "spaced and cased": "  " + READER_TEXT.upper().replace(" ", "\n  "),
    "a trailing full stop": READER_TEXT + ".",
    "trailing punctuation and spaces": READER_TEXT + " !!! ",
    "an emoji at the end": READER_TEXT + " 🔥",
    "an emoji with a variation selector": READER_TEXT + " \u2764\ufe0f",
    "a zero-width space": READER_TEXT.replace("elevator", "ele\u200bvator"),
    "a soft hyphen": READER_TEXT.replace("elevator", "ele\u00advator"),
    "a Cyrillic a": READER_TEXT.replace("a kiss", "\u0430 kiss"),
    "Greek omicron and Cyrillic e": READER_TEXT.replace("Nobody", "N\u03bfb\u043edy").replace("the", "th\u0435"),
    "fullwidth letters": READER_TEXT.replace("elevator", "ｅｌｅｖａｔｏｒ"),
    "no-break spaces": READER_TEXT.replace(" ", "\u00a0"),
}


@pytest.mark.parametrize("copy", list(LOOK_ALIKE_COPIES.values()), ids=list(LOOK_ALIKE_COPIES))
def test_a_copy_that_looks_the_same_to_a_person_is_a_duplicate(client, drive, copy):
    client.post(form_url(drive, "defend"), form_data(drive, "defend"))

    response = client.post(form_url(drive, "defend"), form_data(drive, "defend", body=copy), follow=True)

    assert str(DefenseForm.thanks) in page_of(response).text
    assert Submission.objects.count() == 1
    assert Submission.objects.get().body == READER_TEXT


def test_a_different_word_is_not_a_duplicate(client, drive):
    client.post(form_url(drive, "defend"), form_data(drive, "defend"))
    client.post(form_url(drive, "defend"), form_data(drive, "defend", body=READER_TEXT.replace("kiss", "kick")))

    assert Submission.objects.count() == 2


def test_the_same_text_for_another_film_is_not_a_duplicate(client, drive, thief):
    add_clips(thief, 1)
    client.post(form_url(drive, "defend"), form_data(drive, "defend"))
    client.post(form_url(thief, "defend"), form_data(thief, "defend"))

    assert Submission.objects.filter(film=drive).count() == 1
    assert Submission.objects.filter(film=thief).count() == 1


def test_the_same_text_in_another_form_is_not_a_duplicate(client, drive):
    client.post(form_url(drive, "defend"), form_data(drive, "defend"))
    client.post(form_url(drive, "scene-challenge"), form_data(drive, "scene-challenge"))

    assert Submission.objects.count() == 2


def test_the_same_text_about_another_scene_is_not_a_duplicate(client, drive):
    """The fingerprint is kind + what it is about + the case: a second scene is a second pick."""
    first_clip, second_clip = drive.scene_clips.order_by("position")[:2]

    client.post(form_url(drive, "scene-challenge"), form_data(drive, "scene-challenge", scene=str(first_clip.pk)))
    client.post(form_url(drive, "scene-challenge"), form_data(drive, "scene-challenge", scene=str(second_clip.pk)))

    assert sorted(Submission.objects.values_list("scene_clip", flat=True)) == [first_clip.pk, second_clip.pk]


def test_the_same_defense_of_another_aspect_is_not_a_duplicate(client, drive):
    client.post(form_url(drive, "defend"), form_data(drive, "defend", underrated="ending"))
    client.post(form_url(drive, "defend"), form_data(drive, "defend", underrated="idea"))

    assert sorted(Submission.objects.values_list("underrated", flat=True)) == ["ending", "idea"]


# What is stored about the reader -------------------------------------------------------


def test_the_readers_address_is_stored_only_as_a_keyed_hash(client, drive):
    client.post(form_url(drive, "defend"), form_data(drive, "defend"), REMOTE_ADDR="203.0.113.9")

    submission = Submission.objects.get()
    assert int(submission.client_key, 16) and len(submission.client_key) >= 40
    assert not any("203.0.113.9" in str(value) for value in Submission.objects.values().get().values())
