"""Submitters hear back: each submission gets a private status link, each decision a record of
the e-mail that told its submitter. Existing submissions get their own tokens."""

import secrets

from django.db import migrations, models

import submissions.models


def give_tokens(apps, schema_editor):
    Submission = apps.get_model("submissions", "Submission")
    for pk in Submission.objects.filter(status_token__isnull=True).values_list("pk", flat=True).iterator():
        Submission.objects.filter(pk=pk).update(status_token=secrets.token_urlsafe(32))


class Migration(migrations.Migration):
    dependencies = [("submissions", "0008_decision_reasons_and_claims")]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="status_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(give_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="submission",
            name="status_token",
            field=models.CharField(default=submissions.models._status_token, editable=False, max_length=64,
                                   null=True, unique=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="mailed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
