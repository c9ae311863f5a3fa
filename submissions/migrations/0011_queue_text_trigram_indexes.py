"""Trigram indexes for the review queue's search over what readers wrote and signed
(`body__icontains`, `display_name__icontains`: UPPER(...) LIKE '%...%'). Without them a search
read all 200,000 bodies. PostgreSQL only: SQLite scans."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations
from django.db.models.functions import Upper

INDEXES = {"body": "submission_body_trgm_idx", "display_name": "submission_name_trgm_idx"}


def _indexes():
    return [GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=name) for field, name in INDEXES.items()]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in _indexes():
            schema_editor.add_index(apps.get_model("submissions", "Submission"), index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in _indexes():
            schema_editor.remove_index(apps.get_model("submissions", "Submission"), index)


class Migration(migrations.Migration):
    dependencies = [("submissions", "0010_promoted_to")]

    operations = [TrigramExtension(), migrations.RunPython(create, drop)]
