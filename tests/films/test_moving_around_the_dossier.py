"""Finding one's way around a long dossier: the in-page contents, the capped reader answers
and their "see all" pages, the empty video slot, and the scene shelf's links out and stills."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from editorial.models import CraftNote, ProductionNote, WhyItMatters
from films.models import Film, SceneClip
from public.views import ANSWERS_PAGE_SIZE
from submissions.models import Submission
from submissions.selectors import ANSWERS_SHOWN
from submissions.services import decide
from tests.factories import add_clips, add_entry, add_video, image_bytes, make_film, make_full_dossier
from tests.html import page_of
from tests.submissions.factories import make_submission

pytestmark = pytest.mark.django_db

Kind = Submission.Kind
State = Submission.State

# Where each kind of answer is listed on the dossier, and the class of one answer.
ANSWER_PLACES = {
    Kind.DEFENSE: ("defend", "defense"),
    Kind.SCENE_PICK: ("scene-challenge", "scene-pick"),
    Kind.NEXT_PICK: ("watch-next", "next-pick"),
}
SEE_ALL_URL_NAMES = {Kind.DEFENSE: "films:defenses", Kind.SCENE_PICK: "films:scene-picks",
                     Kind.NEXT_PICK: "films:next-picks"}


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return page_of(response)


def classes(element):
    return element.attrs.get("class", "").split()


# In-page contents ------------------------------------------------------------------------


def contents_links(page):
    nav = page.find("nav", class_="contents")
    assert nav is not None, "the dossier has no in-page contents"
    return [link.attrs["href"] for link in nav.find_all("a")]


def test_every_contents_link_leads_to_a_section_on_the_page(reader):
    film = make_full_dossier("Drive", slug="drive", plot="He drives away at the end.")

    page = get_page(reader, film.get_absolute_url())

    links = contents_links(page)
    assert len(links) == len(set(links)), "a section is listed twice"
    for href in links:
        assert href.startswith("#")
        assert page.by_id(href.removeprefix("#")) is not None, f"{href} is in the contents but not on the page"


def test_the_contents_list_the_sections_a_full_dossier_shows_in_the_page_order(reader):
    film = make_full_dossier("Drive", slug="drive", plot="He drives away at the end.")

    page = get_page(reader, film.get_absolute_url())

    anchors = [href.removeprefix("#") for href in contents_links(page)]
    for section in ["why-it-matters", "plot", "craft-read", "themes", "cast-and-context", "production-notes",
                    "watch-next", "defend", "case-file", "behind-the-movie", "production-file",
                    "scene-architecture", "cultural-afterlife", "editorial-modules", "scene-shelf"]:
        assert section in anchors, f"#{section} is on the page but not in the contents"
    # In the order the reader meets them scrolling down.
    ids_in_page_order = [element.attrs["id"] for element in page.iter() if element.attrs.get("id") in anchors]
    assert anchors == ids_in_page_order
    # The count in the summary says how many there are.
    summary = page.find("nav", class_="contents").find("summary")
    assert f"{len(anchors)} sections" in summary.text


def test_the_contents_leave_out_what_the_page_leaves_out(reader):
    film = make_film("Heat", slug="heat")
    add_entry(film, WhyItMatters, "Two professionals, one city.")

    page = get_page(reader, film.get_absolute_url())

    anchors = [href.removeprefix("#") for href in contents_links(page)]
    assert "why-it-matters" in anchors
    for empty in ["plot", "craft-read", "themes", "cast-and-context", "production-notes", "trivia", "case-file",
                  "behind-the-movie", "production-file", "scene-architecture", "cultural-afterlife",
                  "editorial-modules", "scene-shelf"]:
        assert empty not in anchors, f"the contents link to the empty #{empty}"
        assert page.by_id(empty) is None, f"the empty #{empty} is on the page"
    for href in contents_links(page):
        assert page.by_id(href.removeprefix("#")) is not None


def test_a_section_filed_later_joins_the_contents(reader):
    film = make_film("Heat", slug="heat")
    assert "#craft-read" not in contents_links(get_page(reader, film.get_absolute_url()))

    CraftNote.objects.create(film=film, heading="Mood", body="Cold blue light.")
    ProductionNote.objects.create(film=film, heading="Shot", body="On location in Los Angeles.")

    links = contents_links(get_page(reader, film.get_absolute_url()))
    assert "#craft-read" in links and "#production-notes" in links


def test_every_contents_link_of_an_editors_preview_leads_to_a_section_on_it(editor_client):
    film = make_full_dossier("Drive", slug="drive", status=Film.Status.DRAFT)

    page = get_page(editor_client, reverse("films:preview", args=[film.slug]))

    for href in contents_links(page):
        assert page.by_id(href.removeprefix("#")) is not None, f"{href} is in the contents but not on the preview"


# Reader answers: capped on the dossier, all on their own page ----------------------------


@pytest.fixture
def drive(db):
    return make_full_dossier("Drive", slug="drive")


def approve(film, kind, count, moderator):
    """`count` answers of `kind`, sent and approved one by one, oldest first."""
    clip = film.scene_clips.order_by("position").first()
    extra = {"scene_clip": clip} if kind == Kind.SCENE_PICK else {}
    approved = []
    for n in range(1, count + 1):
        submission = make_submission(film, kind, body=f"Answer {n} about {film.title}.", **extra)
        decide(submission, moderator=moderator, to_state=State.APPROVED)
        approved.append(submission)
    return approved


def answers_on_dossier(page, kind):
    place, css_class = ANSWER_PLACES[kind]
    return [item for item in page.by_id(place).find_all("li") if css_class in classes(item)]


def see_all_link(page, kind, film):
    place, _css_class = ANSWER_PLACES[kind]
    return page.by_id(place).find("a", href=reverse(SEE_ALL_URL_NAMES[kind], args=[film.slug]))


def answers_on_page(page):
    return [item.find("blockquote").text for item in page.find("main").find_all("li")
            if "reader-answer" in classes(item)]


@pytest.mark.parametrize("kind", [Kind.DEFENSE, Kind.SCENE_PICK])
def test_with_more_answers_than_the_cap_the_dossier_shows_the_cap_and_links_to_all(reader, drive, moderator, kind):
    cap = ANSWERS_SHOWN[kind]
    approve(drive, kind, cap + 1, moderator)

    page = get_page(reader, drive.get_absolute_url())

    assert len(answers_on_dossier(page, kind)) == cap
    # The newest are shown; the oldest waits on the "see all" page.
    text = " ".join(item.text for item in answers_on_dossier(page, kind))
    assert f"Answer {cap + 1} about Drive." in text
    assert "Answer 1 about Drive." not in text
    link = see_all_link(page, kind, drive)
    assert link is not None, "no link to every answer"
    assert get_page(reader, link.attrs["href"]) is not None


@pytest.mark.parametrize("kind", [Kind.DEFENSE, Kind.SCENE_PICK, Kind.NEXT_PICK])
def test_with_no_more_answers_than_the_cap_there_is_no_see_all_link(reader, drive, moderator, kind):
    approve(drive, kind, ANSWERS_SHOWN[kind], moderator)

    page = get_page(reader, drive.get_absolute_url())

    assert len(answers_on_dossier(page, kind)) == ANSWERS_SHOWN[kind]
    assert see_all_link(page, kind, drive) is None


def test_with_more_next_picks_than_the_cap_the_dossier_links_to_all(reader, drive, moderator):
    cap = ANSWERS_SHOWN[Kind.NEXT_PICK]
    approve(drive, Kind.NEXT_PICK, cap + 1, moderator)

    page = get_page(reader, drive.get_absolute_url())

    assert len(answers_on_dossier(page, Kind.NEXT_PICK)) == cap
    assert see_all_link(page, Kind.NEXT_PICK, drive) is not None, "no link to every next pick"


def test_the_next_picks_on_the_dossier_stop_at_the_cap(reader, drive, moderator):
    cap = ANSWERS_SHOWN[Kind.NEXT_PICK]
    approve(drive, Kind.NEXT_PICK, cap + 2, moderator)

    page = get_page(reader, drive.get_absolute_url())

    assert len(answers_on_dossier(page, Kind.NEXT_PICK)) == cap


@pytest.mark.parametrize("kind", list(SEE_ALL_URL_NAMES))
def test_the_see_all_page_lists_every_approved_answer_and_nothing_else(reader, drive, moderator, kind):
    approved = approve(drive, kind, ANSWERS_SHOWN[kind] + 3, moderator)
    clip = drive.scene_clips.order_by("position").first()
    extra = {"scene_clip": clip} if kind == Kind.SCENE_PICK else {}
    for state in (State.PENDING, State.REJECTED, State.SPAM):
        make_submission(drive, kind, state=state, body=f"Hidden {state} answer.", **extra)
    elsewhere = make_film("Heat", slug="heat")
    make_submission(elsewhere, kind, state=State.APPROVED, body="An answer about Heat.",
                    **({"scene_name": "The bank"} if kind == Kind.SCENE_PICK else {}))

    page = get_page(reader, reverse(SEE_ALL_URL_NAMES[kind], args=[drive.slug]))

    assert page.find("h1") is not None and "Drive" in page.find("h1").text
    assert sorted(answers_on_page(page)) == sorted(submission.body for submission in approved)
    assert "Hidden" not in page.text
    assert "An answer about Heat." not in page.text
    assert page.find("a", href=drive.get_absolute_url()) is not None, "no way back to the dossier"


def test_the_see_all_page_is_paginated(reader, drive, moderator):
    approved = approve(drive, Kind.DEFENSE, ANSWERS_PAGE_SIZE + 3, moderator)
    url = reverse("films:defenses", args=[drive.slug])

    first = get_page(reader, url)
    second_link = first.find("a", rel="next")
    assert second_link is not None, "no link to the second page"
    second = get_page(reader, url + second_link.attrs["href"])

    on_first, on_second = answers_on_page(first), answers_on_page(second)
    assert len(on_first) == ANSWERS_PAGE_SIZE
    assert len(on_second) == len(approved) - ANSWERS_PAGE_SIZE
    assert not set(on_first) & set(on_second)
    assert sorted(on_first + on_second) == sorted(submission.body for submission in approved)
    # Newest first: the oldest answer is the last one on the last page.
    assert on_second[-1] == approved[0].body
    assert second.find("a", rel="prev") is not None


@pytest.mark.parametrize("page_number", ["99", "0", "-1", "two", "1e9"])
def test_a_page_number_out_of_range_or_not_a_number_is_not_a_server_error(reader, drive, moderator, page_number):
    approve(drive, Kind.DEFENSE, 3, moderator)

    response = reader.get(reverse("films:defenses", args=[drive.slug]), {"page": page_number})

    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert len(answers_on_page(page_of(response))) == 3


def test_a_see_all_page_without_answers_says_so(reader, drive):
    make_submission(drive, Kind.DEFENSE, body="Still pending.")

    page = get_page(reader, reverse("films:defenses", args=[drive.slug]))

    assert answers_on_page(page) == []
    assert "Still pending." not in page.text
    assert page.find("p", class_="reader-answers reader-answers--empty") is not None


@pytest.mark.parametrize("url_name", list(SEE_ALL_URL_NAMES.values()))
def test_a_draft_films_answers_are_not_found(reader, url_name):
    draft = make_full_dossier("Only God Forgives", slug="only-god-forgives", status=Film.Status.DRAFT)
    make_submission(draft, Kind.DEFENSE, state=State.APPROVED, body="A defense of a film not out yet.")

    response = reader.get(reverse(url_name, args=[draft.slug]))

    assert response.status_code == 404
    assert b"A defense of a film not out yet." not in response.content


def test_an_unknown_films_answers_are_not_found(reader):
    assert reader.get(reverse("films:defenses", args=["no-such-film"])).status_code == 404


# The empty video slot --------------------------------------------------------------------


def test_the_empty_video_slot_has_nothing_that_looks_like_a_control(reader):
    film = make_film("Heat", slug="heat")

    slot = get_page(reader, film.get_absolute_url()).by_id("video-signal")

    assert slot.find("a") is None
    assert slot.find("button") is None
    assert not [element for element in slot.iter() if element.attrs.get("role") == "button"]
    assert not [element for element in slot.iter() if "video-slot__play" in classes(element)], "a play icon"


def test_a_linked_video_keeps_its_play_mark_inside_its_link(reader):
    film = make_film("Heat", slug="heat")
    add_video(film, "https://www.imdb.com/video/vi1234567/", title="IMDb trailer")

    slot = get_page(reader, film.get_absolute_url()).by_id("video-signal")

    plays = [element for element in slot.iter() if "video-slot__play" in classes(element)]
    assert len(plays) == 1
    assert plays[0].attrs.get("aria-hidden") == "true"
    assert slot.find("a", href="https://www.imdb.com/video/vi1234567/") is not None


# Scene shelf: links out and poster stills ------------------------------------------------


@pytest.fixture
def shelf(db):
    """Heat with two clips: one online, one not."""
    film = make_film("Heat", slug="heat")
    [online] = add_clips(film, 1)
    offline = SceneClip.objects.create(film=film, position=2, source_channel="Festival archive", label="Character code",
                                       title="The coffee shop", note="Two men, one table.", url="")
    return film, SceneClip.objects.get(pk=online.pk), offline


def clip_card(page, clip):
    card = page.by_id(f"scene-{clip.pk}")
    assert card is not None, f"no card for {clip.title}"
    return card


def test_a_clip_online_links_to_its_source(reader, shelf):
    film, online, _offline = shelf

    card = clip_card(get_page(reader, film.get_absolute_url()), online)

    link = card.find("a", href=online.url)
    assert link is not None, "no link to where the clip is"
    assert f"Watch on {online.source_channel}" in link.text
    assert online.title in link.text, "the link does not say which clip it opens"


def test_a_clip_that_is_not_online_has_no_watch_link(reader, shelf):
    film, _online, offline = shelf

    card = clip_card(get_page(reader, film.get_absolute_url()), offline)

    assert card.find("a") is None
    assert "Watch on" not in card.text
    assert offline.source_channel in card.text


def test_a_clip_with_a_poster_still_shows_it_with_its_alt_text(reader, shelf, media_root, settings):
    film, online, offline = shelf
    online.poster_alt = "Neil and Vincent across a diner table"
    online.poster.save("coffee.png", ContentFile(image_bytes(320, 180)), save=False)
    online.save()

    page = get_page(reader, film.get_absolute_url())

    card = clip_card(page, online)
    picture = card.find("picture")
    assert picture is not None, "the still is not on the card"
    image = picture.find("img")
    assert image.attrs["alt"] == "Neil and Vincent across a diner table"
    stored = media_root / image.attrs["src"].removeprefix(settings.MEDIA_URL)
    assert stored.is_file(), "the still's picture is not stored where the page points"
    # The clip without a still has none.
    other = clip_card(page, offline)
    assert other.find("picture") is None and other.find("img") is None


def test_clips_without_a_poster_show_no_picture(reader, shelf):
    film, online, offline = shelf

    page = get_page(reader, film.get_absolute_url())

    for clip in (online, offline):
        card = clip_card(page, clip)
        assert card.find("picture") is None and card.find("img") is None
