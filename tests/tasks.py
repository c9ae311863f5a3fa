"""Tasks in tests: the database backend (what production runs) and its worker, run for one batch.

The tests run with the immediate backend (each task inside the request that enqueued it). A test
of the worker itself sets TASKS to the database backend, so its tasks wait in the database until
`run_worker()` runs `manage.py db_worker --batch`: every task due, then it stops.
"""

import signal

from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
STOP_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]


def run_worker():
    """Run the worker on every task due now. It takes over the stop signals (to finish the task
    in hand); pytest gets them back."""
    handlers = {number: signal.getsignal(number) for number in STOP_SIGNALS}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


def _named(name):
    results = DBTaskResult.objects.order_by("enqueued_at")
    return results.filter(task_path__endswith=f".{name}") if name else results


def waiting(name=None):
    """The tasks (those named `name`) stored and not run yet, as (name, run_after or None)."""
    return [(result.task_path.rsplit(".", 1)[1], None if result.run_after == get_date_max() else result.run_after)
            for result in _named(name).filter(status="READY")]


def make_due():
    """Time passes: every task waiting to be retried later is due now."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def failed(name=None):
    """The attempts (of the tasks named `name`) that failed."""
    return [result.task_path.rsplit(".", 1)[1] for result in _named(name).filter(status="FAILED")]
