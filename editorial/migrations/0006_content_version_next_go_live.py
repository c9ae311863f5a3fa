from django.db import migrations, models
from django.utils import timezone


def note_next_go_live(apps, schema_editor):
    """Fill the new column, so a dossier already scheduled still goes live on time."""
    ContentVersion = apps.get_model("editorial", "ContentVersion")
    Film = apps.get_model("films", "Film")
    upcoming = Film.objects.filter(status="live", go_live_at__gt=timezone.now()).order_by("go_live_at")
    ContentVersion.objects.filter(pk=1).update(next_go_live_at=upcoming.values_list("go_live_at", flat=True).first())


class Migration(migrations.Migration):

    dependencies = [
        ("editorial", "0005_content_version"),
        ("films", "0005_image_renditions"),
    ]

    operations = [
        migrations.AddField(
            model_name="contentversion",
            name="next_go_live_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(note_next_go_live, migrations.RunPython.noop),
    ]
