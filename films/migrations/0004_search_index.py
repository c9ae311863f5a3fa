"""The GIN index behind ranked search. PostgreSQL only: SQLite searches without it.

Built on the expression search matched on at the time (moved to a stored column in 0010).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "film_search_document_idx"


def _index():
    document = SearchVector("title", weight="A", config="english") + SearchVector(
        "logline", weight="B", config="english"
    )
    return GinIndex(document, name=INDEX_NAME)


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("films", "Film"), _index())


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("films", "Film"), _index())


class Migration(migrations.Migration):
    dependencies = [("films", "0003_publication_time")]

    operations = [migrations.RunPython(create_search_index, drop_search_index)]
