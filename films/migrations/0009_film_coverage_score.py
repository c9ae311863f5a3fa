from django.db import migrations, models


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
        # Scores are filled by editorial's 0007, which stores every film's passed checks.
    ]
