"""Screening a new submission against the word lists moderators keep (ScreenedWord).

Text and words are compared after submissions.privacy.normalize (case, look-alike letters,
invisible characters), whole words only, so "Cheap" in "cheapest" is not a match and a
Cyrillic "а" does not hide a banned word.
"""

import re

from submissions.models import ScreenedWord
from submissions.privacy import normalize


def _matches(text, words):
    return [word for word in words if re.search(rf"(?<!\w){re.escape(normalize(word))}(?!\w)", text)]


def screen(*texts):
    """(banned words found, suspect words found) in the texts a reader sent."""
    text = normalize(" ".join(texts))
    lists = {ScreenedWord.Action.BANNED: [], ScreenedWord.Action.SUSPECT: []}
    for word, action in ScreenedWord.objects.values_list("word", "action"):
        lists[action].append(word)
    return _matches(text, lists[ScreenedWord.Action.BANNED]), _matches(text, lists[ScreenedWord.Action.SUSPECT])
