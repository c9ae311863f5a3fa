from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content of `make demo` (`manage.py load_demo`): installed only with DEBUG on."""

    name = "demo"
    verbose_name = "Demo content"
