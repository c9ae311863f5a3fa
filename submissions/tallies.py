"""Submissions per state, kept in StateTally as they change, so the queue never counts them all.

A new submission adds one to its state (post_save), a decision moves one from
state to state (the decide service, in its transaction), a deletion takes one
away (post_delete, which also runs for each row a film's deletion cascades to).
Bulk inserts bypass signals: whoever makes them calls `recount()`.
"""

from django.db.models import Count, F
from django.db.models.signals import post_delete, post_save

from submissions.models import StateTally, Submission


def counts():
    """{state: total} for every state, zero where none."""
    totals = dict(StateTally.objects.values_list("state", "total"))
    return {state: totals.get(state, 0) for state in Submission.State.values}


def add(state, amount):
    if not StateTally.objects.filter(state=state).update(total=F("total") + amount):
        StateTally.objects.get_or_create(state=state)
        StateTally.objects.filter(state=state).update(total=F("total") + amount)


def move(from_state, to_state):
    if from_state != to_state:
        # Always lock the two rows in the same order, so two decisions moving in
        # opposite directions at once wait for each other instead of deadlocking.
        for state, amount in sorted([(from_state, -1), (to_state, 1)]):
            add(state, amount)


def recount():
    """Set every tally from a full count (after bulk inserts, or to repair)."""
    totals = dict(Submission.objects.order_by().values_list("state").annotate(total=Count("pk")))
    for state in Submission.State.values:
        StateTally.objects.update_or_create(state=state, defaults={"total": totals.get(state, 0)})


def _created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        add(instance.state, 1)


def _deleted(sender, instance, **kwargs):
    add(instance.state, -1)


def connect():
    post_save.connect(_created, sender=Submission, dispatch_uid="submissions.tallies.created")
    post_delete.connect(_deleted, sender=Submission, dispatch_uid="submissions.tallies.deleted")
