"""The two standing roles. Migrations call `grant` so every database has them.

Editors shape films, people, dossiers, themes and collections. Moderators work
the review queue only; their permissions arrive with the submissions app.
"""

EDITORS = "Editors"
MODERATORS = "Moderators"

# Apps whose every model an editor may view, add, change and delete.
EDITOR_APPS = ["films", "editorial", "taggit"]


def ensure_permissions(apps):
    """Permissions are normally made after all migrations; make them now so they can be granted."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, group_name, *, app_labels=(), codenames=()):
    """Give a group every permission of the named apps, plus the named `app_label.codename`s."""
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*Permission.objects.filter(content_type__app_label__in=app_labels))
    for label in codenames:
        app_label, codename = label.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group
