from django.apps import AppConfig


class FilmsConfig(AppConfig):
    name = "films"
    verbose_name = "Films and people"

    def ready(self):
        from films import signals  # noqa: F401  (connects the handlers)
