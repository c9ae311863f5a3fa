"""A trigram index for the admin's film search, which matches titles without accents
(`title__unaccented__icontains`). PostgreSQL only: SQLite scans."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations
from django.db.models.functions import Upper

from films.lookups import Unaccented

INDEX = "film_title_unaccented_trgm_idx"


def _index():
    return GinIndex(OpClass(Upper(Unaccented("title")), name="gin_trgm_ops"), name=INDEX)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("films", "Film"), _index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("films", "Film"), _index())


class Migration(migrations.Migration):
    dependencies = [("films", "0014_field_names_editors_read")]

    operations = [migrations.RunPython(create, drop)]
