"""Search without accents on PostgreSQL: "samourai" finds Le Samouraï, "volonte" Gian Maria Volonté.

- `cinemaone_unaccent(text)`: the unaccent extension's function with its dictionary named,
  which makes it safe to declare IMMUTABLE, so an index can be built on it (unaccent itself is
  only STABLE). films.lookups.Unaccented calls it; on SQLite a Python function of that name.
- People's trigram index moves from UPPER(name) to UPPER(cinemaone_unaccent(name)), the
  expression `name__unaccented__icontains` compiles to.
- Full-text search gets a configuration of its own, `cinemaone`: English stemming after
  unaccent. The stored search document is rebuilt with it (a generated column cannot be
  altered: removed and added again), and its GIN index with it.

Nothing to do on SQLite.
"""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations, models
from django.db.models.functions import Upper

import films.models
from films.lookups import Unaccented

FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION cinemaone_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
"""
CONFIG_SQL = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS cinemaone;
CREATE TEXT SEARCH CONFIGURATION cinemaone (COPY = english);
ALTER TEXT SEARCH CONFIGURATION cinemaone
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""
OLD_PERSON_INDEX = "person_name_trgm_idx"
PERSON_INDEX = "person_name_unaccented_trgm_idx"
DOCUMENT_INDEX = "film_search_document_idx"


def create_functions(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION_SQL)
        schema_editor.execute(CONFIG_SQL)


def drop_functions(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS cinemaone")
        schema_editor.execute("DROP FUNCTION IF EXISTS cinemaone_unaccent(text)")


def _indexes(unaccented):
    def build(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        person, film = apps.get_model("films", "Person"), apps.get_model("films", "Film")
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_PERSON_INDEX}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {PERSON_INDEX}")
        if unaccented:
            name = OpClass(Upper(Unaccented("name")), name="gin_trgm_ops")
            schema_editor.add_index(person, GinIndex(name, name=PERSON_INDEX))
        else:
            schema_editor.add_index(person, GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name=OLD_PERSON_INDEX))
        schema_editor.execute(f"DROP INDEX IF EXISTS {DOCUMENT_INDEX}")
        schema_editor.add_index(film, GinIndex("search_document", name=DOCUMENT_INDEX))

    return build


def _search_document(config):
    return models.GeneratedField(
        db_persist=True,
        expression=films.models.SearchDocument(config=config),
        output_field=django.contrib.postgres.search.SearchVectorField(null=True),
    )


class Migration(migrations.Migration):
    dependencies = [("films", "0012_ascii_theme_slugs")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_functions, drop_functions),
        migrations.RemoveField(model_name="film", name="search_document"),
        migrations.AddField(model_name="film", name="search_document", field=_search_document("cinemaone")),
        migrations.RunPython(_indexes(unaccented=True), _indexes(unaccented=False)),
    ]
