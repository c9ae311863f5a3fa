from django.db import migrations

from editorial.roles import EDITORS, grant


def editors_read_the_log(apps, schema_editor):
    # The site-wide audit log (cinemaone.admin.AuditLogAdmin): who published what, and when.
    grant(apps, EDITORS, codenames=["admin.view_logentry"])


class Migration(migrations.Migration):
    dependencies = [("editorial", "0010_entry_credit"), ("admin", "0003_logentry_add_action_flag_choices")]

    operations = [migrations.RunPython(editors_read_the_log, migrations.RunPython.noop)]
