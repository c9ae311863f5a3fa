"""Editors author a whole dossier in the admin, see what it lacks, and filter films by coverage tier."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.admin import FilmAdmin
from editorial.coverage import coverage_of
from editorial.models import (
    AfterlifeEntry,
    CaseFileLens,
    Collection,
    CollectionItem,
    CraftNote,
    EndingRead,
    PreviewLink,
    ProductionFileEntry,
    ProductionNote,
    QuoteRead,
    SceneArchitectureEntry,
    SignatureScene,
    Steelman,
    WatchNextPick,
    WhyItMatters,
)
from films.models import BehindTheScenesPhoto, Credit, Film, SceneClip, VideoSignal
from tests.factories import (
    COVERAGE_KEYS,
    add_cast,
    make_collection,
    make_film,
    make_full_dossier,
    make_genre,
    make_person,
    uploaded_image,
)
from tests.html import page_of
from tests.navigation.forms import form_data as admin_form_data
from tests.navigation.forms import inline_prefix

pytestmark = pytest.mark.django_db

FILM_ADD_URL = "/admin/films/film/add/"
FILM_LIST_URL = "/admin/films/film/"


def management_forms(response):
    """Every named input, select and textarea the page actually renders: name -> value (the inline
    management forms' counts, and each inline's empty-form template, `<prefix>-__prefix__-<field>`)."""
    return {
        element.attrs["name"]: element.attrs.get("value", "")
        for element in page_of(response).iter()
        if element.tag in ("input", "select", "textarea") and element.attrs.get("name")
    }


def inline_prefixes(response):
    """Model -> formset prefix, as the add page renders them (proxies share `entries`, `entries-2` …)."""
    rendered = management_forms(response)
    prefixes = {}
    for inline in response.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        assert f"{prefix}-TOTAL_FORMS" in rendered, f"{prefix} has no management form on the page"
        prefixes[inline.opts.model] = prefix
    return prefixes, rendered


def inline_data(prefix, rows, rendered):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": rendered[f"{prefix}-MIN_NUM_FORMS"],
        f"{prefix}-MAX_NUM_FORMS": rendered[f"{prefix}-MAX_NUM_FORMS"],
    }
    for index, row in enumerate(rows):
        # Only what the page has an input for: a stale name (e.g. `body` once it is `body_en`) would be dropped silently.
        missing = [field for field in row if f"{prefix}-__prefix__-{field}" not in rendered]
        assert not missing, f"{prefix} rows have no input named {missing} on the page"
        data.update({f"{prefix}-{index}-{field}": value for field, value in row.items()})
    return data


def form_errors(response):
    """Every error on a re-rendered admin form, to make a failed POST readable."""
    if response.context is None or "adminform" not in response.context:
        return response.status_code
    errors = {"film": response.context["adminform"].form.errors}
    for inline in response.context["inline_admin_formsets"]:
        if any(inline.formset.errors) or inline.formset.non_form_errors():
            errors[inline.formset.prefix] = [inline.formset.errors, inline.formset.non_form_errors()]
    return errors


def drive_rows(refn, gosling, next_film):
    """What an editor types for Drive, section by section."""
    return {
        Credit: [
            {"role": "director", "person": str(refn.pk), "billing_order": "0"},
            {"role": "cast", "person": str(gosling.pk), "character": "Driver", "billing_order": "1"},
        ],
        VideoSignal: [
            {
                "kind": "trailer",
                "title": "Official trailer",
                "url": "https://www.youtube.com/watch?v=KBiOF3y1W0Y",
                "published_on": "2011-06-01",
            }
        ],
        WhyItMatters: [{"body_en": "It turns genre machinery into a mood piece."}],
        CraftNote: [
            {"position": "1", "heading_en": "Mood", "body_en": "Neon calm."},
            {"position": "2", "heading_en": "Violence", "body_en": "Sudden and total."},
            {"position": "3", "heading_en": "Identity", "body_en": "A man who is his job."},
        ],
        ProductionNote: [
            {"position": str(n), "body_en": body}
            for n, body in enumerate(["Shot in Los Angeles.", "Scored to synth-pop.", "A 2005 novel."], start=1)
        ],
        CaseFileLens: [
            {"position": str(n), "heading_en": label, "body_en": f"{label}: argued."}
            for n, label in enumerate(["Core tension", "Best lens", "Director lane", "Page job"], start=1)
        ],
        ProductionFileEntry: [{"position": "1", "heading_en": "From novel to film", "body_en": "Adapted from James Sallis."}],
        SceneArchitectureEntry: [{"position": "1", "heading_en": "The opening job", "body_en": "Five minutes of rules."}],
        AfterlifeEntry: [{"position": "1", "heading_en": "The jacket", "body_en": "A scorpion on every back."}],
        SignatureScene: [{"heading_en": "The elevator", "body_en": "A kiss, then the stamp."}],
        QuoteRead: [{"heading_en": "Five minutes", "quote_en": "You give me a time and a place.", "body_en": "A threat."}],
        EndingRead: [{"heading_en": "The drive away", "body_en": "He drives on, wounded."}],
        Steelman: [{"heading_en": "Too cool?", "body_en": "Style is the substance."}],
        BehindTheScenesPhoto: [
            {
                "image": uploaded_image("elevator.jpg", width=64, height=36),
                "alt_text_en": "Refn and Gosling rehearsing the elevator scene",
                "title_en": "Rehearsing the elevator",
                "why_it_matters_en": "The blocking is the whole scene.",
                "caption_en": "On set, 2010.",
                "source_name": "Press kit",
                "source_url": "",
                "is_reviewed": "on",
                "position": "0",
            }
        ],
        SceneClip: [
            {
                "position": str(n),
                "source_channel": "Movieclips",
                "label_en": label,
                "title_en": title,
                "note_en": f"Why {title} matters.",
                "url": "",
            }
            for n, (label, title) in enumerate(
                [("Mood / thesis", "The getaway"), ("Character code", "The elevator"), ("Rupture", "The motel")],
                start=1,
            )
        ],
        WatchNextPick: [
            {
                "pathway": "filmmaker",
                "target_film": str(next_film.pk),
                "target_collection": "",
                "reason_en": "Refn's next film pushes the same silence further.",
            }
        ],
        CollectionItem: [],  # joined from the Collections admin below, as editors also do
        PreviewLink: [],
    }


def test_editor_creates_a_whole_dossier_through_the_add_form(editor_client):
    refn = make_person("Nicolas Winding Refn")
    gosling = make_person("Ryan Gosling")
    crime = make_genre("Crime")
    only_god_forgives = make_film("Only God Forgives")

    page = editor_client.get(FILM_ADD_URL)
    assert page.status_code == 200
    prefixes, rendered = inline_prefixes(page)
    rows = drive_rows(refn, gosling, only_god_forgives)
    assert set(prefixes) == set(rows), "every inline on the page gets content"

    data = {
        "title": "Drive",
        "slug": "drive",
        "status": "live",
        "logline_en": "A stunt driver moonlights as a getaway driver.",
        "year": "2011",
        "runtime_minutes": "100",
        "rating": "7.8",
        "certification": "Not rated",
        "genres": [str(crime.pk)],
        "themes": "loneliness, violence, identity",
        "backdrop_alt_en": "",
        "_save": "Save",
    }
    assert not set(data) - set(rendered), "every field posted is one the page has an input for"
    for model, model_rows in rows.items():
        data.update(inline_data(prefixes[model], model_rows, rendered))

    response = editor_client.post(FILM_ADD_URL, data)

    assert response.status_code == 302, form_errors(response)
    film = Film.objects.get(slug="drive")
    assert response.url == f"/admin/films/film/{film.pk}/change/"  # published: it says so, on the film
    assert film.status == Film.Status.LIVE
    assert list(film.genres.all()) == [crime]
    assert sorted(film.themes.names()) == ["identity", "loneliness", "violence"]
    assert {(c.role, c.person.name) for c in film.credits.all()} == {
        ("director", "Nicolas Winding Refn"),
        ("cast", "Ryan Gosling"),
    }
    assert film.video_signals.get().embed_url == "https://www.youtube-nocookie.com/embed/KBiOF3y1W0Y"
    for model, model_rows in rows.items():
        if model in (Credit, VideoSignal, BehindTheScenesPhoto, SceneClip):
            continue
        assert model.objects.filter(film=film).count() == len(model_rows), model.__name__
    assert list(CraftNote.objects.filter(film=film).values_list("heading", flat=True)) == ["Mood", "Violence", "Identity"]
    assert QuoteRead.objects.get(film=film).quote == "You give me a time and a place."
    assert list(film.scene_clips.values_list("title", flat=True)) == ["The getaway", "The elevator", "The motel"]
    photo = film.photos.get()
    assert photo.is_reviewed
    assert (photo.width, photo.height) == (64, 36)
    assert photo.image.storage.exists(photo.image.name)

    coverage = coverage_of(Film.objects.get(pk=film.pk))  # as stored by the save
    assert (coverage.score, coverage.total) == (12, 13)
    assert [check.key for check in coverage.missing] == ["collection"]

    shelf_page = editor_client.get("/admin/editorial/collection/add/")
    shelf_prefix = next(f.formset.prefix for f in shelf_page.context["inline_admin_formsets"])
    response = editor_client.post(
        "/admin/editorial/collection/add/",
        {
            "title_en": "Night drives",
            "slug": "night-drives",
            "argument_en": "Cities after dark, men with rules.",
            "status": "live",
            **inline_data(shelf_prefix, [{"position": "0", "film": str(film.pk), "note_en": ""}], management_forms(shelf_page)),
        },
    )

    assert response.status_code == 302, form_errors(response)
    assert Collection.objects.live().get(slug="night-drives").films.get() == film
    coverage = coverage_of(Film.objects.get(pk=film.pk))  # as stored by the save
    assert (coverage.score, coverage.tier.name) == (13, "fully authored")


def coverage_panel(response):
    panel = page_of(response).find("section", class_="coverage-panel module")
    assert panel is not None, "no coverage panel on the page"
    return panel


@pytest.mark.parametrize("key", COVERAGE_KEYS)
def test_the_coverage_panel_leads_the_form_and_links_to_where_a_missing_check_is_met(editor_client, key):
    film = make_full_dossier("Drive", without=[key])

    response = editor_client.get(f"/admin/films/film/{film.pk}/change/")

    page = page_of(response)
    first = next(element for element in page.by_id("film_form").iter() if element.tag in ("section", "fieldset"))
    assert "coverage-panel" in first.attrs.get("class", ""), "the coverage panel is not the first thing on the form"
    panel = coverage_panel(response)
    assert "12/13 · shaped" in panel.text
    [missing] = panel.find_all("li", class_="coverage-panel__check")
    assert missing.attrs["data-check"] == key
    links = missing.find_all("a")
    assert links, f"{key}: no link to where it is met"
    for link in links:
        assert page.by_id(link.attrs["href"].removeprefix("#")) is not None, f"{key}: {link['href']} is not on the page"


def test_the_coverage_panel_names_which_basic_is_missing(editor_client):
    film = make_film("Drive", logline="", year=2011)

    response = editor_client.get(f"/admin/films/film/{film.pk}/change/")

    basics = coverage_panel(response).find("li", **{"data-check": "basics"})
    assert "Logline: missing" in basics.text
    assert "Genres: missing" in basics.text
    assert "Year" not in basics.text


def test_film_change_page_says_when_every_check_is_met(editor_client):
    film = make_full_dossier("Drive")

    response = editor_client.get(f"/admin/films/film/{film.pk}/change/")

    panel = coverage_panel(response)
    assert "Every check is met." in panel.text
    assert "13/13 · fully authored" in panel.text
    assert not panel.find_all("li", class_="coverage-panel__check")


def test_the_add_form_shows_every_check_as_a_to_do_list(editor_client):
    response = editor_client.get(FILM_ADD_URL)

    checks = coverage_panel(response).find_all("li", class_="coverage-panel__check")
    assert [item.attrs["data-check"] for item in checks] == list(COVERAGE_KEYS)


def test_a_film_joins_a_collection_from_its_own_page(editor_client):
    from_shelf = make_full_dossier("Drive", without=["collection"])
    shelf = make_collection("Night drives", films=[])
    path = f"/admin/films/film/{from_shelf.pk}/change/"
    page = editor_client.get(path)
    data = admin_form_data(page)
    prefix = inline_prefix(page, CollectionItem)
    data.update({f"{prefix}-TOTAL_FORMS": ["1"], f"{prefix}-0-collection": [str(shelf.pk)],
                 f"{prefix}-0-position": ["0"], f"{prefix}-0-note": ["Neon and night."], "_save": ["Save"]})

    assert editor_client.post(path, data).status_code == 302
    assert coverage_of(Film.objects.get(pk=from_shelf.pk)).score == 13


def test_staff_outside_editors_gets_403_on_the_film_add_page(outsider_client):
    assert outsider_client.get(FILM_ADD_URL).status_code == 403


def test_moderator_cannot_edit_films(moderator_client):
    film = make_film()

    assert moderator_client.get(FILM_ADD_URL).status_code == 403
    assert moderator_client.get(f"/admin/films/film/{film.pk}/change/").status_code == 403
    assert moderator_client.post(f"/admin/films/film/{film.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Film.objects.filter(pk=film.pk).exists()


def test_anonymous_is_sent_to_the_admin_login(reader):
    response = reader.get(FILM_ADD_URL)

    assert response.status_code == 302
    assert response.url == f"/admin/login/?next={FILM_ADD_URL}"


def test_editor_cannot_manage_user_accounts(editor_client):
    assert editor_client.get("/admin/auth/user/add/").status_code == 403


def test_admin_search_finds_a_film_once_by_anyone_credited(editor_client):
    drive = make_full_dossier("Drive")
    make_film("Bronson", director=drive.credits.get(role=Credit.Role.DIRECTOR).person)
    make_film("Blade Runner", director="Ridley Scott")
    Credit.objects.create(film=drive, person=make_person("Nicolas Cage"), role=Credit.Role.CAST, character="Cameo")

    response = editor_client.get(FILM_LIST_URL, {"q": "Nicolas"})

    assert sorted(film.title for film in response.context["cl"].result_list) == ["Bronson", "Drive"]
    assert response.context["cl"].result_count == 2


def test_editor_sees_the_film_list(editor_client):
    make_film("Drive")

    response = editor_client.get(FILM_LIST_URL)

    assert response.status_code == 200
    assert [film.title for film in response.context["cl"].result_list] == ["Drive"]


# The coverage column and the tier filter.


@pytest.fixture
def films_in_every_tier():
    make_full_dossier("Drive")
    make_full_dossier("Only God Forgives", without=["collection"])
    make_full_dossier("Bronson", without=["collection", "steelman", "ending_read", "quote_read", "signature_scene"])
    make_film("Valhalla Rising", logline="")


def coverage_column(response):
    rows = page_of(response).find("table", id="result_list").find("tbody").find_all("tr")
    return {
        row.find("th", class_="field-title").text: row.find("td", class_="field-coverage").text for row in rows
    }


@pytest.mark.parametrize(
    ("tier", "expected"),
    [
        ("fully_authored", {"Drive": "13/13 · fully authored"}),
        ("shaped", {"Only God Forgives": "12/13 · shaped"}),
        ("in_development", {"Bronson": "8/13 · in development"}),
        ("catalog_entry", {"Valhalla Rising": "0/13 · catalog entry"}),
    ],
)
def test_admin_tier_filter_lists_the_films_of_that_tier(editor_client, films_in_every_tier, tier, expected):
    response = editor_client.get(FILM_LIST_URL, {"tier": tier})

    assert response.status_code == 200
    assert coverage_column(response) == expected


def test_admin_film_list_shows_every_film_with_its_coverage(editor_client, films_in_every_tier):
    response = editor_client.get(FILM_LIST_URL)

    assert coverage_column(response) == {
        "Bronson": "8/13 · in development",
        "Drive": "13/13 · fully authored",
        "Only God Forgives": "12/13 · shaped",
        "Valhalla Rising": "0/13 · catalog entry",
    }


def test_admin_film_list_sorts_by_coverage(editor_client, films_in_every_tier):
    coverage_column = FilmAdmin.list_display.index("coverage") + 1  # admin numbers columns from 1
    response = editor_client.get(FILM_LIST_URL, {"o": f"-{coverage_column}"})

    assert [film.title for film in response.context["cl"].result_list] == [
        "Drive",
        "Only God Forgives",
        "Bronson",
        "Valhalla Rising",
    ]


def change_form_queries(client, film):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/admin/films/film/{film.pk}/change/").status_code == 200
    return len(queries)


def test_the_change_form_asks_the_same_queries_however_many_credits_and_picks_it_has(editor_client):
    small = make_full_dossier("Drive")
    large = make_full_dossier("Heat")
    add_cast(large, 40)
    change_form_queries(editor_client, small)  # the session and content types, once

    # 37: the page's forms and inlines, the coverage panel, and the translation count (one query
    # for each list it reads: entries, themes, clips, reviewed photos, published trivia).
    assert change_form_queries(editor_client, large) == change_form_queries(editor_client, small) <= 37
