from django.db import migrations

from editorial.roles import MODERATORS, grant


def grant_queue(apps, schema_editor):
    grant(
        apps,
        MODERATORS,
        codenames=[
            "submissions.view_submission",
            "submissions.decide_submission",
            "submissions.view_decision",
        ],
    )


def revoke_queue(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=MODERATORS).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="submissions"))


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0001_initial"),
        ("editorial", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_queue, revoke_queue)]
