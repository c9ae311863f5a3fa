"""Search reads a stored tsvector: ranking no longer parses the title and logline of every match.

The GIN index moves from the expression (0004) to the column. PostgreSQL only,
as before; on SQLite the column is NULL and search matches by substring.
"""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

import films.models

INDEX_NAME = "film_search_document_idx"


def _move_index(to_column):
    def move(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")
        expression = "search_document" if to_column else films.models.SearchDocument()
        schema_editor.add_index(apps.get_model("films", "Film"), GinIndex(expression, name=INDEX_NAME))

    return move


class Migration(migrations.Migration):
    dependencies = [("films", "0009_film_coverage_score")]

    operations = [
        migrations.AddField(
            model_name="film",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=films.models.SearchDocument(),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.RunPython(_move_index(to_column=True), _move_index(to_column=False)),
    ]
