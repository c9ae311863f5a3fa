"""Retries for tasks (django.tasks): a failed attempt is enqueued again, later, a few times.

Django's tasks framework runs an enqueued task once and records a failure; it has no retries
of its own. So a task that may fail for a passing reason (a mail server or a disk that is
down) takes its attempt number and, when it fails, enqueues the next one itself, each later
than the last. Only a backend that can defer (the database one, which a worker runs) retries:
the immediate backend runs a task inside the request that enqueued it, where trying again at
once would only repeat what just failed, and make the editor or moderator wait for it.

Here, in the lowest app that runs tasks, so that every app above can use it.
"""

from datetime import timedelta

from django.utils import timezone

# Seconds before the second, third and fourth attempts: four in all, over about six minutes.
RETRY_DELAYS = (10, 60, 300)


def retry_later(task, *args, attempt):
    """Enqueue attempt `attempt + 1` of `task` with `args`, after a delay that grows; False when
    `attempt` was the last, or the backend cannot run anything later."""
    if attempt > len(RETRY_DELAYS) or not task.get_backend().supports_defer:
        return False
    later = timezone.now() + timedelta(seconds=RETRY_DELAYS[attempt - 1])
    task.using(run_after=later).enqueue(*args, attempt=attempt + 1)
    return True
