from django.db import migrations

from editorial.roles import EDITOR_APPS, EDITORS, grant


def grant_new_models(apps, schema_editor):
    # Editors hold every permission of their apps; models added since 0002 need granting too.
    grant(apps, EDITORS, app_labels=EDITOR_APPS)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_pinned_watch_next"),
        ("films", "0002_publishing"),
    ]

    operations = [migrations.RunPython(grant_new_models, migrations.RunPython.noop)]
