"""The GIN index behind ranked search. PostgreSQL only: SQLite searches without it."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX_NAME = "film_search_document_idx"


def _index():
    from films.search import FILM_DOCUMENT

    return GinIndex(FILM_DOCUMENT, name=INDEX_NAME)


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("films", "Film"), _index())


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("films", "Film"), _index())


class Migration(migrations.Migration):
    dependencies = [("films", "0003_publication_time")]

    operations = [migrations.RunPython(create_search_index, drop_search_index)]
