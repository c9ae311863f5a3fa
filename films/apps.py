from django.apps import AppConfig


class FilmsConfig(AppConfig):
    name = "films"
    verbose_name = "Films and people"

    def ready(self):
        from films import signals  # noqa: F401  (connects the handlers)
        from films.versioning import register_film_history

        register_film_history()
