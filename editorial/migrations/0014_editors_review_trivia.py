from django.db import migrations

from editorial.roles import EDITOR_APPS, EDITORS, grant


def grant_editors(apps, schema_editor):
    # Editors hold every permission of their apps: trivia items' too (import, review, delete).
    # Moderators hold none of editorial's.
    grant(apps, EDITORS, app_labels=EDITOR_APPS)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0013_spoilers_trivia_translations")]

    operations = [migrations.RunPython(grant_editors, migrations.RunPython.noop)]
