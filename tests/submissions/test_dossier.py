"""Submissions on the dossier: the three forms in place, approved answers shown (escaped), nothing else public."""

import pytest

from editorial.models import Pathway
from films.models import Film
from submissions.models import Submission
from submissions.selectors import ANSWERS_SHOWN
from submissions.services import decide
from tests.html import page_of
from tests.submissions.factories import FORM_PAGES, make_submission

pytestmark = pytest.mark.django_db

State = Submission.State
Kind = Submission.Kind
DEFENSES_SHOWN = ANSWERS_SHOWN[Kind.DEFENSE]
NEXT_PICKS_SHOWN = ANSWERS_SHOWN[Kind.NEXT_PICK]

# Measured on SQLite and PostgreSQL: 14 queries with 0 approved submissions and with 500
# (the first request after a change, which also computes the live themes).
DOSSIER_WITH_SUBMISSIONS_QUERIES = 14


def get_page(client, film):
    response = client.get(film.get_absolute_url())
    assert response.status_code == 200
    return page_of(response)


def with_class(elements, name):
    return [element for element in elements if name in element.attrs.get("class", "").split()]


def defense_items(page):
    return with_class(page.by_id("defend").find_all("li"), "defense")


def scene_card(page, clip):
    return page.by_id(f"scene-{clip.pk}").text


# The forms -------------------------------------------------------------------------------


def test_the_dossier_carries_the_three_reader_forms_in_their_sections(client, drive):
    page = get_page(client, drive)

    for anchor in FORM_PAGES:
        section = page.by_id(anchor)
        assert section is not None, f"#{anchor} is missing"
        form = section.find("form", action=f"/films/drive/{anchor}/")
        assert form is not None, f"#{anchor} has no form posting to its URL"
        assert form.find("textarea", name="body") is not None
        assert form.find("input", name="website") is not None, f"#{anchor} has no honeypot"
    assert page.by_id("defend").find("h2").text == "Defend Drive."
    assert page.by_id("scene-challenge").find("h2").text == "Pick the scene that proves it."
    assert page.by_id("watch-next").by_id("next-pick") is not None, "the next-pick form is outside #watch-next"
    assert len(page.find_all("h1")) == 1


def test_the_scene_challenge_on_the_dossier_offers_the_shelf(client, drive):
    page = get_page(client, drive)

    options = [option.text for option in page.by_id("scene-challenge").find_all("option")]
    assert options == ["Choose a scene", "Scene 1: Clip 1", "Scene 2: Clip 2", "Scene 3: Clip 3"]


# Approved answers on the page ----------------------------------------------------------


def test_approved_defenses_appear_under_the_defend_form_with_who_wrote_them(client, drive, moderator):
    for name, body in [("Night driver", "The ending is a promise kept."), ("", "The score does the talking.")]:
        decide(make_submission(drive, body=body, display_name=name), moderator=moderator, to_state=State.APPROVED)

    items = defense_items(get_page(client, drive))

    texts = [item.text for item in items]
    assert len(texts) == 2
    assert any("The ending is a promise kept." in text and "Night driver" in text for text in texts)
    assert any("The score does the talking." in text and "Anonymous reader" in text for text in texts)


def test_featured_defenses_come_first_then_newest(client, drive, moderator):
    featured = make_submission(drive, body="Featured, though the oldest.")
    older = make_submission(drive, body="Approved, older.")
    newer = make_submission(drive, body="Approved, newest.")
    for submission in (older, newer):
        decide(submission, moderator=moderator, to_state=State.APPROVED)
    decide(featured, moderator=moderator, to_state=State.APPROVED, featured=True)

    items = defense_items(get_page(client, drive))

    expected = ["Featured, though the oldest.", "Approved, newest.", "Approved, older."]
    assert [next(body for body in expected if body in item.text) for item in items] == expected
    assert "Featured" in items[0].text and "Featured" not in items[1].text


def test_each_shelf_clip_shows_its_approved_reader_picks(client, drive, moderator):
    first, second, third = drive.scene_clips.order_by("position")
    for clip, count in [(first, 2), (second, 1)]:
        for n in range(count):
            pick = make_submission(drive, Kind.SCENE_PICK, scene_clip=clip, body=f"Pick {n} of {clip.title}.")
            decide(pick, moderator=moderator, to_state=State.APPROVED)

    page = get_page(client, drive)

    assert "2 reader picks" in scene_card(page, first)
    assert "1 reader pick" in scene_card(page, second)
    assert "1 reader picks" not in scene_card(page, second)
    assert "1 reader pick" not in scene_card(page, third) and "2 reader picks" not in scene_card(page, third)


def test_approved_next_picks_appear_in_the_watch_next_section(client, drive, thief, moderator):
    linked = make_submission(drive, Kind.NEXT_PICK, suggested_film=thief, suggested_title="Thief",
                             body="Same hand, colder city.")
    named = make_submission(drive, Kind.NEXT_PICK, suggested_title="Le Cercle Rouge", body="The heist as ritual.")
    for submission in (linked, named):
        decide(submission, moderator=moderator, to_state=State.APPROVED)

    page = get_page(client, drive)

    watch_next = page.by_id("watch-next")
    assert "Same hand, colder city." in watch_next.text
    assert "Le Cercle Rouge" in watch_next.text and "The heist as ritual." in watch_next.text
    assert watch_next.find("a", href=thief.get_absolute_url()) is not None


def test_a_next_pick_for_a_film_since_unpublished_is_not_linked(client, drive, thief, moderator):
    pick = make_submission(drive, Kind.NEXT_PICK, suggested_film=thief, suggested_title="Thief", body="Colder city.")
    decide(pick, moderator=moderator, to_state=State.APPROVED)
    Film.objects.filter(pk=thief.pk).update(status=Film.Status.DRAFT)

    watch_next = get_page(client, drive).by_id("watch-next")

    assert "Thief" in watch_next.text
    assert watch_next.find("a", href=thief.get_absolute_url()) is None


def test_nothing_pending_rejected_or_spam_is_ever_public(client, drive, moderator):
    clip = drive.scene_clips.order_by("position").first()
    for state in State:
        make_submission(drive, state=state, body=f"Defense that is {state}.", display_name=f"Defender {state}")
        make_submission(drive, Kind.SCENE_PICK, state=state, scene_clip=clip, body=f"Scene pick that is {state}.")
        make_submission(drive, Kind.NEXT_PICK, state=state, suggested_title=f"Next film {state}",
                        body=f"Next pick that is {state}.")

    page = get_page(client, drive)

    text = page.text
    for hidden in (State.PENDING, State.REJECTED, State.SPAM):
        assert f"that is {hidden}" not in text
        assert f"Defender {hidden}" not in text
        assert f"Next film {hidden}" not in text
    assert "Defense that is approved." in text
    assert "Next film approved" in text
    assert "1 reader pick" in scene_card(page, clip)
    assert len(defense_items(page)) == 1


def test_a_rejected_defense_leaves_the_page(client, drive, moderator):
    submission = make_submission(drive, body="Shown, then withdrawn by a moderator.")
    decide(submission, moderator=moderator, to_state=State.APPROVED, featured=True)
    assert "Shown, then withdrawn" in get_page(client, drive).text

    decide(submission, moderator=moderator, to_state=State.REJECTED)

    assert "Shown, then withdrawn" not in get_page(client, drive).text


def test_submissions_for_another_film_stay_on_that_film(client, drive, thief, moderator):
    elsewhere = make_submission(thief, body="A defense of Thief, not of Drive.")
    decide(elsewhere, moderator=moderator, to_state=State.APPROVED)

    assert "A defense of Thief" not in get_page(client, drive).text


def test_the_email_is_never_shown_on_the_page(client, drive, moderator):
    clip = drive.scene_clips.order_by("position").first()
    for kind, extra in [
        (Kind.DEFENSE, {}),
        (Kind.SCENE_PICK, {"scene_clip": clip}),
        (Kind.NEXT_PICK, {"suggested_title": "Le Cercle Rouge"}),
    ]:
        submission = make_submission(
            drive, kind, display_name="Night driver", email="night.driver@example.com", **extra
        )
        decide(submission, moderator=moderator, to_state=State.APPROVED, featured=True)

    response = client.get(drive.get_absolute_url())

    assert "Night driver" in response.content.decode()
    assert "night.driver@example.com" not in response.content.decode()
    assert "night.driver" not in response.content.decode()


# What a reader wrote is shown as text, never as markup ---------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'


def test_approved_submissions_are_escaped_on_the_dossier(client, drive, moderator):
    hostile = {"body": f"Hostile {SCRIPT} case {IMAGE} here.", "display_name": f"{SCRIPT}{IMAGE}"}
    clip = drive.scene_clips.order_by("position").first()
    for kind, extra in [
        (Kind.DEFENSE, {}),
        (Kind.SCENE_PICK, {"scene_clip": clip}),
        (Kind.NEXT_PICK, {"suggested_title": f"Film {SCRIPT}"}),
    ]:
        decide(make_submission(drive, kind, **hostile, **extra), moderator=moderator, to_state=State.APPROVED)

    response = client.get(drive.get_absolute_url())

    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "<img src=x onerror" not in html
    assert SCRIPT in " ".join(item.text for item in defense_items(page_of(response)))


# A bounded page, however many readers answer ---------------------------------------------


def approve_many(film, count, *, suggested_film):
    """`count` approved submissions in bulk: defenses, scene picks across the shelf, next picks."""
    clips = list(film.scene_clips.all())
    submissions = []
    for n in range(count):
        fields = {"film": film, "state": State.APPROVED, "is_featured": n % 50 == 0, "body": f"Answer {n}.",
                  "display_name": f"Reader {n}", "client_key": f"{n:064d}", "fingerprint": f"{n:064d}"}
        if n % 3 == 0:
            submissions.append(Submission(kind=Kind.DEFENSE, underrated=Submission.Underrated.IDEA, **fields))
        elif n % 3 == 1:
            submissions.append(Submission(kind=Kind.SCENE_PICK, scene_clip=clips[(n // 3) % len(clips)],
                                          carries=Submission.Carries.STYLE, **fields))
        else:
            linked = suggested_film if n % 2 else None
            submissions.append(Submission(kind=Kind.NEXT_PICK, suggested_film=linked,
                                          suggested_title=linked.title if linked else f"Film {n}",
                                          pathway=Pathway.SHELF, **fields))
    Submission.objects.bulk_create(submissions)


@pytest.mark.parametrize("count", [0, 500])
def test_the_dossier_runs_a_bounded_number_of_queries_however_many_answers(
    client, drive, thief, django_assert_max_num_queries, count
):
    approve_many(drive, count, suggested_film=thief)
    make_submission(drive, body="A pending one, never shown.")

    with django_assert_max_num_queries(DOSSIER_WITH_SUBMISSIONS_QUERIES):
        response = client.get(drive.get_absolute_url())

    assert response.status_code == 200
    page = page_of(response)
    defenses = defense_items(page)
    assert len(defenses) == min(len(range(0, count, 3)), DEFENSES_SHOWN)
    watch_next = page.by_id("watch-next").text
    shown_next_picks = [n for n in range(2, count, 3) if f"Answer {n}." in watch_next]
    assert len(shown_next_picks) == min(len(range(2, count, 3)), NEXT_PICKS_SHOWN)
    if count:
        tallies = {clip.pk: Submission.objects.filter(scene_clip=clip).count() for clip in drive.scene_clips.all()}
        for clip_pk, tally in tallies.items():
            assert f"{tally} reader picks" in page.by_id(f"scene-{clip_pk}").text
