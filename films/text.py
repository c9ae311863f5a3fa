"""What text a person can type: the control characters no field, filter or query may hold.

C0 controls (but tab, newline and carriage return) and DEL arrive only by accident, pasted from
a terminal or a PDF, or on purpose: PostgreSQL refuses NUL outright, XML and so the feed cannot
carry the rest, and none shows on a page. Forms refuse them with an error, query strings with a 400.

And when two texts are the same to a person: `normalize` and `fingerprint` (one rule for the
copies a reader posts, submissions.services and .screening, and the repeats in an imported
trivia list, editorial.trivia).
"""

import hashlib
import re
import unicodedata
from functools import cache

from confusable_homoglyphs.confusables import confusables_data
from django.core.validators import RegexValidator

CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

refuse_control_characters = RegexValidator(
    CONTROL_CHARACTER,
    inverse_match=True,
    message="This text holds an invisible control character (often pasted from elsewhere); "
    "please remove it or type the text again.",
    code="control_character",
)


def has_control_character(text):
    return bool(CONTROL_CHARACTER.search(text))


# --- Copies a person would call the same text ---

_SPACES = re.compile(r"\s+")
_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Co", "Cn"}  # zero-width and format characters, controls
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


@cache
def _latin_look_alikes():
    """Each non-ASCII letter that Unicode's confusables table says looks like an ASCII one
    (Cyrillic "а", Greek "ο", ...), mapped to it."""
    table = {}
    for character, lookalikes in confusables_data.items():
        if len(character) == 1 and not character.isascii():
            ascii_forms = [entry["c"] for entry in lookalikes if entry["c"].isascii() and entry["c"].isalnum()]
            if ascii_forms:
                table[ord(character)] = ascii_forms[0]
    return table


def _is_decoration(character):
    """Punctuation, symbols (emoji included) and spaces: what a copy adds or drops at its ends."""
    return unicodedata.category(character)[0] in "PSZ" or character.isspace()


def normalize(text):
    text = unicodedata.normalize("NFKC", str(text))
    text = _VARIATION_SELECTORS.sub("", text)
    text = "".join(c for c in text if c.isspace() or unicodedata.category(c) not in _INVISIBLE_CATEGORIES)
    text = text.translate(_latin_look_alikes()).casefold()
    text = _SPACES.sub(" ", text)
    start, end = 0, len(text)
    while start < end and _is_decoration(text[start]):
        start += 1
    while end > start and _is_decoration(text[end - 1]):
        end -= 1
    return text[start:end]


def fingerprint(*parts):
    """The same words, however spaced, cased, decorated or spelt in look-alike letters, give the same value."""
    return hashlib.sha256("\x1f".join(normalize(part) for part in parts).encode()).hexdigest()
