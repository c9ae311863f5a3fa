"""What text a person can type: the control characters no field, filter or query may hold.

C0 controls (but tab, newline and carriage return) and DEL arrive only by accident, pasted from
a terminal or a PDF, or on purpose: PostgreSQL refuses NUL outright, XML and so the feed cannot
carry the rest, and none shows on a page. Forms refuse them with an error, query strings with a 400.
"""

import re

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
