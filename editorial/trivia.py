"""Importing a film's trivia: a pasted list (or a .txt file) becomes candidates for an editor to review.

Reading a list (`parse_items`):
- Items are paragraphs: text separated by blank lines. The lines of one paragraph are one item
  (wrapped lines are joined with a space).
- A list with no blank line at all (between its first and last item) holds one item per line:
  what a spreadsheet column or a plain list copied from a page gives. A list with a blank line
  anywhere is read as paragraphs throughout, so a paragraph that wraps is never cut in two.
- A line that starts with a bullet ("- ", "* ", "• ", "– ", "1. ", "2) " …) starts a new item
  in either case, and loses its bullet: a bulleted list needs no blank lines between items.
- Windows and old Mac line ends, a byte order mark, control characters (from a PDF or a
  terminal: PostgreSQL refuses NUL) and runs of spaces are tidied away; empty items, and items
  of punctuation only, are dropped.

Repeats (`import_trivia`):
- Each item's fingerprint is films.text.fingerprint (the one rule, shared with the reader
  submissions: case, look-alike letters, invisible characters) of its words: punctuation does
  not count either, so "novel, after" and "novel after" are the same item. `occurrence` counts
  the repeats of a fingerprint within one list: importing the same list again adds nothing,
  while a list that holds an item twice gives two candidates, the second shown as a repeat.
- Each new item is compared (`similarity`) with the film's items and the list's earlier ones;
  the best match scoring GROUP_THRESHOLD or more makes it a repeat of that match's group (its
  first item), with the score as `similarity`. Grouping only shows the editor the repeats
  side by side, to keep one: nothing is merged or dropped.

What the editor makes of them: `set_status` (reject, publish as trivia, return to review),
`set_spoiler`, and `make_production_note`. Each empties the cached pages that show them.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import translation
from modeltranslation.settings import AVAILABLE_LANGUAGES, DEFAULT_LANGUAGE
from rapidfuzz import fuzz

from editorial.models import ProductionNote, TriviaItem
from editorial.page_tags import film_change_tags, film_state
from films.models import Film
from films.text import CONTROL_CHARACTER, fingerprint, normalize
from pagecache import tags

MAX_FILE_BYTES = 1024 * 1024  # 1 MB: some 4,000 items, far more than any film's list

# Similarity, in percent, from which an item counts as a repeat.
#
# The scorer is rapidfuzz's token_set_ratio on the items' words (normalised: cased, spaced and
# punctuated alike). It compares the words the two items share with each one's whole: a
# rewording that keeps most of the words scores in the 90s, and so does an item that repeats a
# part of a longer one (the one-sentence version of a paragraph), which an editor wants to see
# beside it just as much. Plain ratio (the edit distance of the whole texts) misses those: in the
# seed list (/work/shared/seeds/002_…, Drive) it gives the five part-repeats 39-68, no more than
# unrelated pairs get. WRatio gives them 85.5, and as much to unrelated items of very different
# lengths (its partial score): no threshold tells them apart.
#
# On the seed, with token_set_ratio, the eight pairs that are repeats (read one by one) score
# 92.0 to 100, and every other pair 78.0 or less: the closest, 78.0, a short item on Refn's first
# film from a novel and a long one on the music, which share little more than "Nicolas Winding
# Refn", "film" and "novel"; unrelated items about one actor score 70.3 (Ryan Gosling's Malibu
# and his superhero interview) and 68.7 (Carey Mulligan). 85 sits in the middle of the gap.
GROUP_THRESHOLD = 85

# Below this many distinct words, "all of its words are in the other item" says little (any
# long item holds "filmed in Los Angeles"): a short item is compared as a whole (plain ratio).
MIN_WORDS_FOR_PART_REPEAT = 4

# 100 is kept for word-for-word repeats (same words, in the same order): any other pair,
# however alike, says 99 at most.
WORD_FOR_WORD = 100

_BULLET = re.compile(r"^\s*(?:[-*•‣◦▪·–—]|\d{1,3}[.)])(?:\s+|$)")
_SPACE_RUNS = re.compile(r"[ \t\n\x0b\x0c\r]+")


class TriviaFileError(ValueError):
    """A file that is not a list of trivia we can read; the message says why, for the editor."""


# --- Reading a list -----------------------------------------------------------------------


def decode(data, *, name="The file"):
    """The text of an uploaded or read file: UTF-8 (with or without a byte order mark)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TriviaFileError(
            f"{name} is not UTF-8 text (its byte {error.start + 1} is not): save it as UTF-8 "
            "(in most editors: Save as… > Encoding: UTF-8) and try again."
        ) from error
    if "\x00" in text:
        raise TriviaFileError(f"{name} is not a text file (it holds NUL bytes): export the list as plain text.")
    return text


def _lines(text):
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2029", "\n\n").replace("\u2028", "\n")  # Unicode's paragraph and line separators
    text = CONTROL_CHARACTER.sub(" ", text)
    return text.split("\n")


def _has_blank_line(lines):
    filled = [index for index, line in enumerate(lines) if line.strip()]
    return bool(filled) and any(not line.strip() for line in lines[filled[0]:filled[-1]])


def _tidy(item):
    return _SPACE_RUNS.sub(" ", CONTROL_CHARACTER.sub(" ", item)).strip()


def parse_items(text):
    """The items of a pasted list or a file's text, in order (see the module's docstring)."""
    lines = _lines(text)
    by_paragraph = _has_blank_line(lines)
    items, current = [], []

    def end_item():
        item = _tidy(" ".join(current))
        if words(item):
            items.append(item)
        current.clear()

    for line in lines:
        bullet = _BULLET.match(line)
        if not line.strip() or bullet or not by_paragraph:
            end_item()
        if line.strip():
            current.append(line[bullet.end():] if bullet else line)
    end_item()
    return items


# --- Comparing items ----------------------------------------------------------------------


def words(text):
    """The item's words as compared: films.text.normalize, then punctuation and symbols as spaces."""
    normalized = normalize(text)
    spaced = "".join(" " if unicodedata.category(c)[0] in "PS" else c for c in normalized)
    return " ".join(spaced.split())


def item_fingerprint(text):
    return fingerprint(words(text))


def similarity(a, b):
    """How alike two items' `words` are, 0-100 (100: word for word). See GROUP_THRESHOLD."""
    if a == b:
        return WORD_FOR_WORD
    if min(len(set(a.split())), len(set(b.split()))) < MIN_WORDS_FOR_PART_REPEAT:
        score = fuzz.ratio(a, b)
    else:
        score = fuzz.token_set_ratio(a, b)
    return min(score, WORD_FOR_WORD - 1)


# --- Importing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    created: int  # new candidates
    skipped: int  # items the film already had (the same text, the same nth time in its list)
    grouped: int  # new candidates that repeat an earlier item
    groups: int  # the earlier items they repeat (a group's first item), counted once each


@dataclass
class _Known:
    """An item a new one may repeat: the film's, or earlier in the list."""

    words: str
    fingerprint: str
    group: object  # the pk of its group's first item, or that item (a TriviaItem) when it is new too


def _best_match(item_words, item_fingerprint_, known, by_fingerprint):
    same = by_fingerprint.get(item_fingerprint_)
    if same is not None:
        return WORD_FOR_WORD, same
    best_score, best = 0, None
    for candidate in known:
        score = similarity(item_words, candidate.words)
        if score >= GROUP_THRESHOLD and score > best_score:  # on a tie, the earlier item
            best_score, best = score, candidate
    return best_score, best


def import_trivia(film, text, source=""):
    """Add the list's items to the film's trivia as candidates; see the module's docstring.

    `text` is the list (a str, read with `parse_items`) or its items already read (a list of str).
    A bounded number of queries, however long the list: the film's items are read once, the new
    ones written with one bulk insert, and their links to repeats within the list with one update.
    """
    items = parse_items(text) if isinstance(text, str) else [_tidy(item) for item in text if words(item)]
    source = source[: TriviaItem._meta.get_field("source").max_length]
    # The list is in the default language: `text` writes its column (text_en).
    with transaction.atomic(), translation.override(DEFAULT_LANGUAGE):
        # Two imports for one film at once would number the same repeats: the second waits.
        list(Film.objects.select_for_update().filter(pk=film.pk).order_by().values_list("pk", flat=True))
        existing = list(
            TriviaItem.objects.filter(film=film).order_by("position", "pk").values_list(
                "pk", f"text_{DEFAULT_LANGUAGE}", "fingerprint", "occurrence", "duplicate_of_id", "position")
        )
        taken = {(row[2], row[3]) for row in existing}
        known = [_Known(words(text_ or ""), fingerprint_, group or pk)
                 for pk, text_, fingerprint_, _occurrence, group, _position in existing]
        by_fingerprint = {}
        for candidate in known:
            by_fingerprint.setdefault(candidate.fingerprint, candidate)
        next_position = max((row[5] for row in existing), default=0) + 1

        seen, new, skipped = {}, [], 0
        repeats_within = []  # (new item, the new item whose group it joins)
        for item_text in items:
            item_words = words(item_text)
            item_fp = fingerprint(item_words)
            seen[item_fp] = seen.get(item_fp, 0) + 1
            if (item_fp, seen[item_fp]) in taken:
                skipped += 1
                continue
            score, match = _best_match(item_words, item_fp, known, by_fingerprint)
            item = TriviaItem(film=film, text=item_text, source=source, fingerprint=item_fp,
                              occurrence=seen[item_fp], position=next_position + len(new))
            if match is not None:
                item.similarity = round(score)
                if isinstance(match.group, TriviaItem):
                    repeats_within.append((item, match.group))
                else:
                    item.duplicate_of_id = match.group
            new.append(item)
            candidate = _Known(item_words, item_fp, match.group if match is not None else item)
            known.append(candidate)
            by_fingerprint.setdefault(item_fp, candidate)

        TriviaItem.objects.bulk_create(new)
        for item, first in repeats_within:
            item.duplicate_of_id = first.pk
        if repeats_within:
            TriviaItem.objects.bulk_update([item for item, _first in repeats_within], ["duplicate_of"])

    grouped = [item.duplicate_of_id for item in new if item.duplicate_of_id is not None]
    return ImportResult(created=len(new), skipped=skipped, grouped=len(grouped), groups=len(set(grouped)))


# --- What the editor makes of them --------------------------------------------------------


class AlreadyPromoted(Exception):
    """The item was made a production note already."""

    def __init__(self, item):
        super().__init__(f"Trivia item #{item.pk} was made a production note already.")
        self.item = item


def _pages_of(film_ids):
    # A trivia item shows on its film's dossier only.
    tags.invalidate({tags.film(pk) for pk in film_ids})


def set_status(items, status):
    """Give the items (a queryset) `status`; those made production notes stay as they are (their
    text is the note's now). Returns (how many changed, how many were left as notes)."""
    rows = list(items.values_list("pk", "film_id", "status", "production_note_id"))
    notes = [pk for pk, _film, _status, note in rows if note is not None]
    changing = [(pk, film) for pk, film, current, note in rows if note is None and current != status]
    if changing:
        TriviaItem.objects.filter(pk__in=[pk for pk, _film in changing]).update(status=status)
        _pages_of({film for _pk, film in changing})
    return len(changing), len(notes)


def set_spoiler(items, is_spoiler):
    """Mark the items (a queryset) as spoilers, shown behind a reveal, or not. Returns how many changed."""
    rows = list(items.exclude(is_spoiler=is_spoiler).values_list("pk", "film_id"))
    if rows:
        TriviaItem.objects.filter(pk__in=[pk for pk, _film in rows]).update(is_spoiler=is_spoiler)
        _pages_of({film for _pk, film in rows})
    return len(rows)


def make_production_note(item):
    """The item's text becomes the film's last production note, for the editor to rewrite in our
    words; the item is marked as made into it. Raises AlreadyPromoted if it was already."""
    with transaction.atomic():
        item = TriviaItem.objects.select_for_update().get(pk=item.pk)
        if item.production_note_id is not None:
            raise AlreadyPromoted(item)
        last = ProductionNote.objects.filter(film_id=item.film_id).aggregate(last=Max("position"))["last"]
        # The item's text in each language it has (only its English one, unless a translator added more).
        texts = {f"body_{language}": getattr(item, f"text_{language}") for language in AVAILABLE_LANGUAGES
                 if getattr(item, f"text_{language}", None)}
        with translation.override(DEFAULT_LANGUAGE):
            note = ProductionNote(film_id=item.film_id, heading="", position=0 if last is None else last + 1,
                                  body=texts.get(f"body_{DEFAULT_LANGUAGE}", item.text), **texts)
            note.save()
        item.status = TriviaItem.Status.PROMOTED
        item.production_note = note
        item.save(update_fields=["status", "production_note"])
    # The dossier shows the note; lists show the film's coverage, which may have moved.
    state = film_state(item.film_id)
    tags.invalidate(film_change_tags(state, state))
    return note
