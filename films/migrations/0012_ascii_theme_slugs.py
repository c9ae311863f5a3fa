"""Themes made before their slugs were ASCII ("孤独", "café") get one their URLs can carry."""

import re

from anyascii import anyascii
from django.db import migrations
from django.utils.text import slugify

ASCII_SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")


def ascii_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.values_list("slug", flat=True))
    for tag in Tag.objects.all():
        if ASCII_SLUG.match(tag.slug):
            continue
        base = slugify(anyascii(tag.name)) or "theme"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        tag.slug = slug
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0011_coverage_passed"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(ascii_slugs, migrations.RunPython.noop)]
