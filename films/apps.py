from django.apps import AppConfig
from django.db.backends.signals import connection_created

from films import lookups


class FilmsConfig(AppConfig):
    name = "films"
    verbose_name = "Films and people"

    def ready(self):
        from films import signals  # noqa: F401  (connects the handlers)

        lookups.register()
        connection_created.connect(lookups.add_sqlite_function, dispatch_uid="films.unaccent")
