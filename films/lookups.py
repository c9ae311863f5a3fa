"""`__unaccented`: text compared without its accents, so "volonte" finds Volonté and "samourai"
Le Samouraï.

Both databases call a function named `cinemaone_unaccent`: on PostgreSQL an IMMUTABLE wrapper
of the unaccent extension (migration films/0013), which lets a trigram index serve
`name__unaccented__icontains`; on SQLite the Python `strip_accents` below, registered on each
connection (films.apps).
"""

import unicodedata

from django.db.models import CharField, TextField, Transform

FUNCTION = "cinemaone_unaccent"


def strip_accents(text):
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


class Unaccented(Transform):
    lookup_name = "unaccented"
    function = FUNCTION
    bilateral = True  # the searched-for text loses its accents too
    output_field = TextField()


def register():
    CharField.register_lookup(Unaccented)
    TextField.register_lookup(Unaccented)


def add_sqlite_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, strip_accents, deterministic=True)
