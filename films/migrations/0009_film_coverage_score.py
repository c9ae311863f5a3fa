from django.db import migrations, models


def fill_scores(apps, schema_editor):
    # The rules live in one place (editorial.coverage), so this uses them as they are; the
    # historical models would need the thirteen checks written out again here.
    from editorial.coverage import refresh_scores

    refresh_scores()


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0008_featured_index"),
        ("editorial", "0006_content_version_next_go_live"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="film",
            name="coverage_score",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddIndex(
            model_name="film",
            index=models.Index(fields=["coverage_score"], name="film_coverage_score_idx"),
        ),
        migrations.RunPython(fill_scores, migrations.RunPython.noop),
    ]
