"""The film's admin page says, per language, how much of the dossier is translated and what a
reader of that language still reads in English; filling a French field moves the count."""

import re

import pytest
from django.conf import settings
from taggit.models import Tag

from editorial.models import CraftNote, TriviaItem
from editorial.trivia import import_trivia
from films.models import SceneClip
from tests.factories import add_photo, make_film
from tests.html import page_of
from tests.navigation.forms import form_data, form_errors, inline_prefix, inline_row

pytestmark = pytest.mark.django_db

FRENCH_NAME = dict(settings.LANGUAGES)["fr"]


def change_url(film):
    return f"/admin/films/film/{film.pk}/change/"


def language_line(client, film, code="fr"):
    response = client.get(change_url(film))
    assert response.status_code == 200
    panel = page_of(response).find("section", class_="coverage-panel module")
    assert panel is not None, "no coverage panel on the film's page"
    return panel.find("p", **{"data-language": code})


def still_in_english(line):
    """The labels the line lists as English only, e.g. ["Logline", "Craft read (3)"]."""
    _before, found, after = line.text.partition("still in English only:")
    if not found:
        return []
    return [label.strip() for label in after.rstrip(". ").split(",")]


@pytest.fixture
def heat(db):
    """Heat in English only: a logline, two craft notes (label and body each), a theme and a clip.
    No plot: what has no English is nothing to translate."""
    film = make_film("Heat", slug="heat", logline="Two professionals circle each other across Los Angeles.",
                     plot="", themes=["obsession"])
    for position, (label, body) in enumerate([("Mood", "Cold blue light."), ("Pace", "Patient, then sudden.")]):
        CraftNote.objects.create(film=film, heading=label, body=body, position=position)
    SceneClip.objects.create(film=film, source_channel="Movieclips", label="Mood / thesis", title="The coffee shop",
                             note="Two men, one table.", url="")
    return film


# logline 1 + craft notes 2 × (label, body) + theme 1 + clip (label, title, note) 3
HEAT_TEXTS = 1 + 2 * 2 + 1 + 3


def save_in_admin(client, film, **typed):
    """Post the film's change form as the page rendered it, with `typed` filled in (field name -> value)."""
    page = client.get(change_url(film))
    data = form_data(page)
    for name, value in typed.items():
        data[name] = [value]
    data["_continue"] = ["Save and continue editing"]
    response = client.post(change_url(film), data)
    assert response.status_code == 302, form_errors(response)


def craft_field(client, film, note, field):
    """The admin form's name for one field of one craft-note row."""
    page = client.get(change_url(film))
    prefix = inline_prefix(page, CraftNote)
    index = inline_row(form_data(page), prefix, id=str(note.pk))
    return f"{prefix}-{index}-{field}"


def test_an_english_only_film_shows_french_at_zero_of_every_text(editor_client, heat):
    line = language_line(editor_client, heat)

    assert line is not None, "no line for French"
    assert f"{FRENCH_NAME}:" in line.text
    assert f"0 of {HEAT_TEXTS} texts translated (0 %)" in line.text
    assert sorted(still_in_english(line)) == sorted(["Logline", "Craft read (4)", "Themes", "Scene shelf (3)"])
    # English is what is translated from: it gets no line of its own.
    assert language_line(editor_client, heat, code="en") is None


def test_filling_the_french_logline_and_a_craft_note_raises_the_count(editor_client, heat):
    mood = CraftNote.objects.get(film=heat, heading="Mood")

    save_in_admin(editor_client, heat, logline_fr="Deux professionnels se tournent autour dans Los Angeles.",
                  **{craft_field(editor_client, heat, mood, "body_fr"): "Une lumière bleue et froide."})

    line = language_line(editor_client, heat)
    assert f"2 of {HEAT_TEXTS} texts translated ({round(200 / HEAT_TEXTS)} %)" in line.text
    missing = still_in_english(line)
    assert "Logline" not in missing
    assert "Craft read (3)" in missing and "Craft read (4)" not in missing
    assert "Themes" in missing and "Scene shelf (3)" in missing


def test_a_fully_translated_film_lists_nothing_in_english(editor_client, heat):
    for note in CraftNote.objects.filter(film=heat):
        note.heading_fr, note.body_fr = f"{note.heading} (fr)", f"{note.body} (fr)"
        note.save()
    Tag.objects.filter(name="obsession").update(name_fr="obsession")
    SceneClip.objects.filter(film=heat).update(label_fr="Atmosphère / thèse", title_fr="Le café",
                                               note_fr="Deux hommes, une table.")
    heat.logline_fr = "Deux professionnels se tournent autour dans Los Angeles."
    heat.save()

    line = language_line(editor_client, heat)

    assert f"{HEAT_TEXTS} of {HEAT_TEXTS} texts translated (100 %)" in line.text
    assert "still in English only" not in line.text


def test_clearing_a_french_text_puts_it_back_on_the_list(editor_client, heat):
    heat.logline_fr = "Deux professionnels."
    heat.save()
    assert "Logline" not in still_in_english(language_line(editor_client, heat))

    save_in_admin(editor_client, heat, logline_fr="")

    line = language_line(editor_client, heat)
    assert "Logline" in still_in_english(line)
    assert f"0 of {HEAT_TEXTS}" in line.text


def test_only_published_trivia_counts_as_text_to_translate(editor_client, heat):
    import_trivia(heat, "Shot in 65 locations.\n\nMaybe a rumour.\n\nNot true at all.", "Press notes")
    TriviaItem.objects.filter(film=heat, text="Shot in 65 locations.").update(status=TriviaItem.Status.PUBLISHED)
    TriviaItem.objects.filter(film=heat, text="Not true at all.").update(status=TriviaItem.Status.REJECTED)
    assert TriviaItem.objects.filter(film=heat).count() == 3

    line = language_line(editor_client, heat)

    assert f"0 of {HEAT_TEXTS + 1} texts" in line.text
    assert "Trivia" in still_in_english(line) and "Trivia (2)" not in still_in_english(line)


def counts(line):
    translated, total = re.search(r"(\d+) of (\d+) texts translated", line.text).groups()
    return int(translated), int(total)


def listed_count(line, label):
    """How many texts of `label` the line lists as English only (0 when it is not listed)."""
    for item in still_in_english(line):
        if item == label:
            return 1
        if item.startswith(f"{label} ("):
            return int(item.removeprefix(f"{label} (").rstrip(")"))
    return 0


def test_a_clips_title_and_label_count_as_texts_to_translate(editor_client, heat):
    line = language_line(editor_client, heat)

    # The clip shows its label, title and note on the French page, all in English.
    assert listed_count(line, "Scene shelf") == 3


def test_a_reviewed_photos_texts_count_as_texts_to_translate(editor_client, heat):
    _translated, before = counts(language_line(editor_client, heat))

    add_photo(heat, title="Mann on the freeway set")

    _translated, after = counts(language_line(editor_client, heat))
    assert after > before, "a reviewed photo adds nothing to translate"
