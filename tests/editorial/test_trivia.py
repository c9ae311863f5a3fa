"""Trivia: a pasted list or a file becomes candidates (editorial.trivia), repeats are grouped,
and an editor publishes, rejects or makes production notes of them in the admin
(editorial.trivia_admin) — what they publish shows on the dossier."""

import io
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from editorial.models import ProductionNote, TriviaItem
from editorial.trivia import (
    GROUP_THRESHOLD,
    MAX_FILE_BYTES,
    AlreadyPromoted,
    ImportResult,
    import_trivia,
    item_fingerprint,
    make_production_note,
    parse_items,
    similarity,
    words,
)
from tests.factories import make_film, make_full_dossier
from tests.html import page_of
from tests.navigation.forms import form_data, inline_prefix

SEED = Path("/work/shared/seeds/002_ef84e353313d337b.txt")
IMPORT_URL = reverse("admin:editorial_triviaitem_import")
CHANGELIST_URL = reverse("admin:editorial_triviaitem_changelist")

# The seed's repeats, by their place in the list (1 = its first item): the later item -> the
# earlier one it repeats, as read one by one.
WORD_FOR_WORD = (99, 40)  # "Producers Marc Platt and Adam Siegel…": a comma and a quote mark apart
REWORDED = (96, 47)  # "Hossein Amini felt…" / "Hossein Amini adapted the novel for the screen…"
SEED_REPEATS = {
    99: 40,
    96: 47,
    98: 25,  # "Nicolas Winding Refn was inspired by…" / "The director said he was also inspired by…"
    92: 65,  # Beth Mickle hired on Gosling's recommendation: the first sentence of 65, reworded
    97: 65,  # Mickle's crew of 40: the rest of 65, reworded
    84: 61,  # Johnny Jewel's music: the first half of 61, reworded
    94: 48,  # "hoots and howls of joy": a sentence of 48 (Cannes)
    60: 37,  # Carey Mulligan living at Refn's: 37 in more words
}
# Unrelated items about one actor, the closest such pair: Gosling's Malibu and his superhero interview.
SAME_ACTOR = (1, 16)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_text():
    if not SEED.exists():
        pytest.skip(f"The seed list {SEED} is not on this machine (it is shared by the project's helpers).")
    return SEED.read_text(encoding="utf-8")


def seed_items(seed_text):
    return parse_items(seed_text)


def at(film, position):
    return TriviaItem.objects.get(film=film, position=position)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Reading a list -------------------------------------------------------------------------


def test_paragraphs_are_items_and_their_wrapped_lines_are_joined():
    text = "\ufeffFirst item,\r\nwrapped onto a second line.\r\n\r\n\r\n  Second item.  \r\n\r\n \t \r\nThird.\r\n"
    assert parse_items(text) == ["First item, wrapped onto a second line.", "Second item.", "Third."]


def test_a_list_without_blank_lines_is_one_item_per_line():
    assert parse_items("One.\nTwo.\rThree.\n\n") == ["One.", "Two.", "Three."]


def test_bullets_start_items_and_are_dropped_as_are_empty_items():
    text = "- One.\n• Two,\n  continued.\n* Three.\n\n1. Four.\n2) Five.\n-\n•   \n...\n\n– Six."
    assert parse_items(text) == ["One.", "Two, continued.", "Three.", "Four.", "Five.", "Six."]


def test_control_characters_and_space_runs_are_tidied():
    assert parse_items("A\x00 B\x0c\tC   D\u00a0E") == ["A B C D\u00a0E"]
    assert parse_items("") == [] and parse_items(" \n\n \n") == []


def test_the_fingerprint_ignores_case_spacing_punctuation_and_look_alike_letters():
    same = ["Ryan Gosling replaced Hugh Jackman.", "ryan  gosling replaced hugh jackman", "Ryan Gosling, replaced "
            "Hugh Jackman!", "Ryаn Gosling replaced Hugh Jackman."]  # the last "а" is Cyrillic
    assert len({item_fingerprint(text) for text in same}) == 1
    assert item_fingerprint("Ryan Gosling replaced Hugh Jackman.") != item_fingerprint("Ryan Gosling replaced Jackman.")
    assert len(item_fingerprint("x")) == 64


# --- Importing the seed -------------------------------------------------------------------------


def test_the_seed_gives_122_candidates_with_its_repeats_grouped(seed_text):
    film = make_film("Drive")

    result = import_trivia(film, seed_text, "IMDb trivia")

    assert result == ImportResult(created=122, skipped=0, grouped=len(SEED_REPEATS), groups=7)
    items = list(TriviaItem.objects.filter(film=film))
    assert len(items) == 122
    assert [item.position for item in items] == list(range(1, 123))
    assert {item.status for item in items} == {TriviaItem.Status.CANDIDATE}
    assert {item.source for item in items} == {"IMDb trivia"}
    assert items[0].text_en == items[0].text == seed_items(seed_text)[0]
    grouped = {item.position: item.duplicate_of.position for item in items if item.duplicate_of_id}
    assert grouped == SEED_REPEATS

    repeat, first = at(film, WORD_FOR_WORD[0]), at(film, WORD_FOR_WORD[1])
    assert repeat.text.startswith("Producers Marc Platt") and first.text.startswith("Producers Marc Platt")
    assert repeat.text != first.text  # a comma and a quote mark apart: still word for word
    assert repeat.fingerprint == first.fingerprint and (first.occurrence, repeat.occurrence) == (1, 2)
    assert repeat.duplicate_of == first and repeat.similarity == 100

    reworded, original = at(film, REWORDED[0]), at(film, REWORDED[1])
    assert reworded.text.startswith("Hossein Amini adapted") and original.text.startswith("Hossein Amini felt")
    assert reworded.fingerprint != original.fingerprint
    assert reworded.duplicate_of == original and GROUP_THRESHOLD <= reworded.similarity < 100
    assert reworded.similarity == round(similarity(words(reworded.text), words(original.text))) == 98

    # Two repeats of one item join its group, each with how alike it is to its best match.
    assert {item.position: item.similarity for item in at(film, 65).repeats.all()} == {92: 99, 97: 99}
    assert all(item.similarity is None for item in items if item.duplicate_of_id is None)


def test_importing_the_seed_again_adds_nothing(seed_text):
    film = make_film("Drive")
    import_trivia(film, seed_text, "IMDb trivia")

    assert import_trivia(film, seed_text, "again") == ImportResult(created=0, skipped=122, grouped=0, groups=0)
    assert TriviaItem.objects.filter(film=film).count() == 122

    out = io.StringIO()
    call_command("import_trivia", film.slug, str(SEED), stdout=out)
    assert out.getvalue().strip() == "Drive: 0 trivia candidates added, 122 already there, 0 grouped as repeats."
    assert TriviaItem.objects.filter(film=film).count() == 122


def test_the_command_imports_the_seed_with_the_file_name_as_source(seed_text):
    film = make_film("Drive")
    out = io.StringIO()

    call_command("import_trivia", film.slug, str(SEED), stdout=out)

    assert out.getvalue().strip() == "Drive: 122 trivia candidates added, 0 already there, 8 grouped as repeats."
    assert set(TriviaItem.objects.values_list("source", flat=True)) == {SEED.name}
    call_command("import_trivia", film.slug, str(SEED), "--source", "IMDb", stdout=io.StringIO())
    assert TriviaItem.objects.count() == 122


def test_a_list_adds_only_what_the_film_lacks_and_groups_with_its_items(seed_text):
    film = make_film("Drive")
    import_trivia(film, "Ryan Gosling replaced Hugh Jackman.\n\nThe elevator scene took two days.", "first")

    result = import_trivia(film, "The elevator scene took two days!\n\nRyan Gosling replaced Hugh Jackman.\n\n"
                                 "ryan gosling replaced hugh jackman\n\nA new item about the jacket.", "second")

    assert result == ImportResult(created=2, skipped=2, grouped=1, groups=1)
    second = TriviaItem.objects.get(film=film, source="second", occurrence=2)
    assert second.duplicate_of == TriviaItem.objects.get(film=film, position=1) and second.similarity == 100
    assert [item.position for item in TriviaItem.objects.filter(film=film)] == [1, 2, 3, 4]
    # Another film's list is its own.
    other = make_film("Bronson")
    assert import_trivia(other, "Ryan Gosling replaced Hugh Jackman.").created == 1


def test_unrelated_items_about_the_same_actor_are_not_grouped(seed_text):
    items = seed_items(seed_text)
    malibu, superhero = items[SAME_ACTOR[0] - 1], items[SAME_ACTOR[1] - 1]
    assert "Ryan Gosling" in malibu and "Ryan Gosling" in superhero
    film = make_film("Drive")

    result = import_trivia(film, [malibu, superhero, items[2]])  # and "Ryan Gosling replaced Hugh Jackman."

    assert result.grouped == 0
    assert not TriviaItem.objects.filter(duplicate_of__isnull=False).exists()
    assert similarity(words(malibu), words(superhero)) < GROUP_THRESHOLD


def test_no_two_items_of_the_seed_but_its_repeats_reach_the_threshold(seed_text):
    """The threshold sits in a gap: every repeat at 92 or more, every other pair at 78.0 or less."""
    items = [words(item) for item in seed_items(seed_text)]
    repeats = {(earlier - 1, later - 1) for later, earlier in SEED_REPEATS.items()}
    closest_other = max(similarity(items[i], items[j]) for i in range(len(items)) for j in range(i + 1, len(items))
                        if (i, j) not in repeats)
    assert min(similarity(items[i], items[j]) for i, j in repeats) >= 92 > GROUP_THRESHOLD > 78.1 > closest_other


def test_the_import_runs_in_a_bounded_number_of_queries(seed_text, django_assert_max_num_queries):
    film = make_film("Drive")
    import_trivia(film, "\n\n".join(seed_items(seed_text)[:40]), "first part")

    with django_assert_max_num_queries(8):  # savepoint, lock, the film's items, insert, update, release
        result = import_trivia(film, seed_text, "the whole list")

    assert (result.created, result.skipped) == (82, 40)


def test_the_command_says_what_is_wrong(tmp_path):
    film = make_film("Drive")
    good = tmp_path / "good.txt"
    good.write_text("One.\n\nTwo.", encoding="utf-8")
    with pytest.raises(CommandError, match='No film has the slug "no-such-film"'):
        call_command("import_trivia", "no-such-film", str(good))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_trivia", film.slug, str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="is a folder"):
        call_command("import_trivia", film.slug, str(tmp_path))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Volonté était là.".encode("latin-1"))
    with pytest.raises(CommandError, match="is not UTF-8 text"):
        call_command("import_trivia", film.slug, str(latin1))
    assert not TriviaItem.objects.exists()
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffOne.\r\n\r\nTwo.\r\n".encode())
    call_command("import_trivia", film.slug, str(bom), stdout=io.StringIO())
    assert list(TriviaItem.objects.values_list("text", flat=True)) == ["One.", "Two."]


# --- The admin: importing -----------------------------------------------------------------------


def test_an_editor_imports_a_pasted_list(editor_client):
    film = make_film("Drive")
    page = editor_client.get(f"{IMPORT_URL}?film={film.pk}")
    assert page.status_code == 200
    assert page.context["form"]["film"].value() == film.pk  # preselected
    assert f'<option value="{film.pk}" selected>' in page.content.decode()

    response = editor_client.post(IMPORT_URL, {
        "film": film.pk, "source": "Press kit",
        "text": "Ryan Gosling replaced Hugh Jackman.\n\nThe elevator scene took two days.\n\n"
                "Ryan Gosling, replaced Hugh Jackman!",
    })

    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST_URL}?film={film.pk}"
    assert messages_of(response) == ["Drive: 3 candidates added, 0 already there; 1 group of repeats."]
    assert list(TriviaItem.objects.values_list("source", flat=True)) == ["Press kit"] * 3
    listing = editor_client.get(response["Location"])
    assert listing.status_code == 200
    shown = [item.position for item in listing.context["cl"].result_list]
    assert shown == [1, 3, 2]  # the repeat beside what it repeats
    first = TriviaItem.objects.get(position=1)
    assert f'repeats <a href="{reverse("admin:editorial_triviaitem_change", args=[first.pk])}">#{first.pk}</a> · ' \
           "100 % alike" in listing.content.decode()
    assert "first of 2" in listing.content.decode()
    assert f'href="{IMPORT_URL}?film={film.pk}"' in listing.content.decode()  # "Import trivia", for this film


def test_an_editor_imports_a_file_and_the_source_defaults_to_its_name(editor_client):
    film = make_film("Drive")
    upload = SimpleUploadedFile("drive-trivia.txt", "- One.\r\n- Two.\r\n".encode(), content_type="text/plain")

    response = editor_client.post(IMPORT_URL, {"film": film.pk, "source": "", "text": "", "file": upload})

    assert response.status_code == 302
    assert list(TriviaItem.objects.values_list("text", "source")) == [("One.", "drive-trivia.txt"),
                                                                     ("Two.", "drive-trivia.txt")]


def test_the_pasted_text_is_kept_on_an_error(editor_client):
    pasted = "Ryan Gosling replaced Hugh Jackman.\n\nThe elevator scene took two days."

    response = editor_client.post(IMPORT_URL, {"film": "", "source": "Press kit", "text": pasted})

    assert response.status_code == 200
    assert "Choose the film the trivia is about." in response.content.decode()
    assert form_data(response, "trivia_import_form")["text"] == [pasted]
    assert not TriviaItem.objects.exists()


@pytest.mark.parametrize(("name", "content", "error"), [
    ("latin1.txt", "Volonté était là.".encode("latin-1"), "is not UTF-8 text"),
    ("big.txt", b"An item.\n\n" * (MAX_FILE_BYTES // 10 + 1), "the limit is 1 MB"),
    ("trivia.docx", b"PK\x03\x04", "is not a .txt file"),
    ("binary.txt", b"\x00\x01\x02", "is not a text file"),
])
def test_a_wrong_file_is_refused_with_a_message(editor_client, name, content, error):
    film = make_film("Drive")
    pasted = "Also pasted."

    response = editor_client.post(IMPORT_URL, {"film": film.pk, "text": pasted,
                                               "file": SimpleUploadedFile(name, content, "text/plain")})

    assert response.status_code == 200
    page = response.content.decode()
    assert error in page and "Choose the file again" in page
    assert form_data(response, "trivia_import_form")["text"] == [pasted]
    assert not TriviaItem.objects.exists()


def test_an_empty_list_is_refused(editor_client):
    film = make_film("Drive")
    for text in ["", "  \n\n - \n"]:
        response = editor_client.post(IMPORT_URL, {"film": film.pk, "text": text})
        assert response.status_code == 200
        assert "Paste the list, or choose a file." in response.content.decode() or \
            "No trivia found" in response.content.decode()
    assert not TriviaItem.objects.exists()


def test_moderators_can_neither_import_nor_review_trivia(moderator_client):
    film = make_film("Drive")
    import_trivia(film, "One.")
    item = TriviaItem.objects.get()

    assert moderator_client.get(IMPORT_URL).status_code == 403
    assert moderator_client.post(IMPORT_URL, {"film": film.pk, "text": "Two."}).status_code == 403
    assert moderator_client.get(CHANGELIST_URL).status_code == 403
    promote = reverse("admin:editorial_triviaitem_production_note", args=[item.pk])
    assert moderator_client.post(promote).status_code == 403
    assert TriviaItem.objects.count() == 1 and not ProductionNote.objects.exists()


# --- The admin: reviewing, and the page ---------------------------------------------------------


def act(client, action, items, film):
    return client.post(f"{CHANGELIST_URL}?film={film.pk}",
                       {"action": action, "_selected_action": [item.pk for item in items], "index": "0"})


def test_promoted_and_published_trivia_show_on_the_dossier(editor_client, reader):
    film = make_full_dossier("Drive")
    import_trivia(film, "Gosling restored the Malibu himself.\n\nThe jacket was made in two days.\n\n"
                        "Standard was meant to survive.", "Press kit")
    note_item, trivia_item, spoiler_item = TriviaItem.objects.filter(film=film)

    response = editor_client.post(reverse("admin:editorial_triviaitem_production_note", args=[note_item.pk]))

    note_item.refresh_from_db()
    note = note_item.production_note
    assert note_item.status == TriviaItem.Status.PROMOTED and note is not None
    assert (note.section, note.heading, note.body) == ("production_note", "", "Gosling restored the Malibu himself.")
    assert note.position == 3  # after the dossier's three notes (0, 1, 2)
    film_page = editor_client.get(reverse("admin:films_film_change", args=[film.pk]))
    anchor = f"#{inline_prefix(film_page, ProductionNote)}-group"
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:films_film_change", args=[film.pk]) + anchor
    assert "Rewrite it in our words before publishing." in messages_of(response)[0]
    assert f'id="{anchor[1:]}"' in film_page.content.decode()
    # The item's page links back to its note, and to the film.
    item_page = editor_client.get(reverse("admin:editorial_triviaitem_change", args=[note_item.pk]))
    assert item_page.content.decode().count(f'href="{response["Location"]}"') == 2  # the field and the tool
    assert f'href="{reverse("admin:films_film_change", args=[film.pk])}"' in item_page.content.decode()
    assert "Make a production note" not in item_page.content.decode()

    assert act(editor_client, "publish_selected", [trivia_item, spoiler_item], film).status_code == 302
    assert act(editor_client, "mark_spoiler", [spoiler_item], film).status_code == 302
    assert set(TriviaItem.objects.values_list("status", "is_spoiler")) == {
        ("promoted", False), ("published", False), ("published", True)}

    page = reader.get(film.get_absolute_url())
    assert page.status_code == 200
    html = page_of(page)
    assert "Gosling restored the Malibu himself." in html.by_id("production-notes").text
    trivia = html.by_id("trivia")
    assert trivia is not None, 'no section id="trivia" on the dossier'
    assert "The jacket was made in two days." in trivia.text
    assert "Gosling restored the Malibu himself." not in trivia.text  # a note now, not trivia
    spoilers = [details for details in trivia.find_all("details") if "spoiler" in details.attrs.get("class", "").split()]
    assert any("Standard was meant to survive." in details.text for details in spoilers)
    assert not any("The jacket was made in two days." in details.text for details in spoilers)


def test_an_item_is_made_a_production_note_once(editor_client):
    film = make_film("Drive")
    import_trivia(film, "One item.")
    item = TriviaItem.objects.get()
    make_production_note(item)
    with pytest.raises(AlreadyPromoted):
        make_production_note(item)

    response = editor_client.post(reverse("admin:editorial_triviaitem_production_note", args=[item.pk]))

    assert response.status_code == 302
    assert "made a production note already" in messages_of(response)[0]
    assert ProductionNote.objects.filter(film=film).count() == 1
    assert editor_client.get(reverse("admin:editorial_triviaitem_production_note", args=[item.pk])).status_code == 405


def test_actions_change_status_but_leave_production_notes_alone(editor_client):
    film = make_film("Drive")
    import_trivia(film, "One.\n\nTwo.\n\nThree.")
    one, two, three = TriviaItem.objects.all()
    make_production_note(one)

    response = act(editor_client, "reject_selected", [one, two, three], film)

    assert messages_of(response) == ["Rejected: 2.", "Left 1 as it is: made into production notes."]
    assert list(TriviaItem.objects.values_list("status", flat=True)) == ["promoted", "rejected", "rejected"]
    act(editor_client, "return_to_review", [two], film)
    act(editor_client, "mark_spoiler", [three], film)
    act(editor_client, "mark_not_spoiler", [three], film)
    assert list(TriviaItem.objects.values_list("status", "is_spoiler")) == [
        ("promoted", False), ("candidate", False), ("rejected", False)]


def test_the_list_filters_by_film_status_spoiler_and_repeats(editor_client):
    drive, bronson = make_film("Drive"), make_film("Bronson")
    import_trivia(drive, "Ryan Gosling replaced Hugh Jackman.\n\nOne of a kind.\n\nryan gosling replaced hugh jackman")
    import_trivia(bronson, "Tom Hardy gained weight for the role.")

    def shown(query):
        response = editor_client.get(f"{CHANGELIST_URL}?{urlencode(query)}")
        assert response.status_code == 200, query
        return [item.text for item in response.context["cl"].result_list]

    assert len(shown({})) == 4
    assert shown({"film": bronson.pk}) == ["Tom Hardy gained weight for the role."]
    assert shown({"film": drive.pk, "repeats": "yes"}) == ["Ryan Gosling replaced Hugh Jackman.",
                                                           "ryan gosling replaced hugh jackman"]
    assert shown({"status__exact": "published"}) == []
    assert shown({"is_spoiler__exact": "0", "q": "hardy"}) == ["Tom Hardy gained weight for the role."]
    filters = editor_client.get(CHANGELIST_URL).content.decode()
    assert "Drive (3 to review)" in filters and "Bronson (1 to review)" in filters
    # A film that is not one: the admin's "invalid filter" answer, never a failure.
    assert editor_client.get(f"{CHANGELIST_URL}?film=abc").status_code in (200, 302)


def test_add_opens_the_import_screen(editor_client):
    response = editor_client.get(reverse("admin:editorial_triviaitem_add"))
    assert response.status_code == 302 and response["Location"] == IMPORT_URL


# --- Hostile input --------------------------------------------------------------------------------


@pytest.fixture
def fuzz_client(editor):
    from tests.clients import browser

    client = browser(raise_request_exception=False)
    client.force_login(editor)
    return client


def test_no_input_makes_the_trivia_screens_fail(fuzz_client, seed_text):
    from tests.security.test_fuzz import ADMIN_VALUES, SEGMENTS, Fuzzer, fuzz_form, fuzz_query

    film = make_full_dossier("Drive")
    import_trivia(film, seed_text)
    item = TriviaItem.objects.filter(duplicate_of__isnull=False).first()
    fuzzer = Fuzzer()

    assert fuzzer.send(fuzz_client, "GET", IMPORT_URL, what="as it is").status_code == 200
    fuzz_query(fuzzer, fuzz_client, IMPORT_URL, ["film"], ADMIN_VALUES)
    good = {"film": str(film.pk), "source": "Fuzz", "text": "One more item."}
    fuzz_form(fuzzer, fuzz_client, IMPORT_URL, good, ["film", "source", "text"], ADMIN_VALUES, query_shapes=False)
    changelist = f"{CHANGELIST_URL}?film={film.pk}"
    assert fuzzer.send(fuzz_client, "GET", changelist, what="as it is").status_code == 200
    parameters = ["film", "repeats", "status__exact", "is_spoiler__exact", "q", "o", "_facets"]
    fuzz_query(fuzzer, fuzz_client, CHANGELIST_URL, parameters, ADMIN_VALUES)
    for label, segment in SEGMENTS:
        fuzzer.send(fuzz_client, "POST", f"/admin/editorial/triviaitem/{segment}/production-note/", what=label)
        fuzzer.send(fuzz_client, "GET", f"/admin/editorial/triviaitem/{segment}/change/", what=label)
    assert fuzzer.send(fuzz_client, "GET", reverse("admin:editorial_triviaitem_change", args=[item.pk]),
                       what="a repeat's page").status_code == 200

    fuzzer.assert_no_server_errors()
