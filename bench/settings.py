"""The site's settings, with the benchmark's commands installed (`manage.py ... --settings bench.settings`)."""

from cinemaone.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
