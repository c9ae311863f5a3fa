from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial"

    def ready(self):
        from editorial import signals
        from editorial.versioning import register_film_history

        signals.connect()
        register_film_history()
