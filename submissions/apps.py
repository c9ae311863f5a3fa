from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = "Reader submissions"

    def ready(self):
        from submissions import tallies

        tallies.connect()
