"""Who is looking at which pending submission: "Next pending" hands each one to one moderator.

A claim is short (CLAIM_SECONDS) and needs no release: a moderator who walks away holds
nothing for long. Claiming is one conditional UPDATE per candidate, so of two moderators
pressing "next" at the same instant one wins the row and the other moves on to the next.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from submissions.models import Submission

CLAIM_SECONDS = 180
CANDIDATES = 20  # how far down the queue one press looks before saying it is clear


def _free_for(moderator, now):
    return Q(claimed_until__isnull=True) | Q(claimed_until__lte=now) | Q(claimed_by=moderator)


def claim(submission_pk, moderator):
    """Hold a pending submission for `moderator` unless someone else holds it. True if theirs now."""
    now = timezone.now()
    claimed = Submission.objects.pending().filter(_free_for(moderator, now), pk=submission_pk).update(
        claimed_by=moderator, claimed_until=now + timedelta(seconds=CLAIM_SECONDS)
    )
    if claimed:  # one item at a time: the one they held before is free again
        Submission.objects.filter(claimed_by=moderator).exclude(pk=submission_pk).update(
            claimed_by=None, claimed_until=None
        )
    return bool(claimed)


def claim_next(moderator, *, skipped=()):
    """The oldest pending submission nobody else holds and `moderator` has not skipped, now
    held by them; None when there is none."""
    candidates = (
        Submission.objects.pending()
        .filter(_free_for(moderator, timezone.now()))
        .exclude(pk__in=list(skipped))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:CANDIDATES]
    )
    return next((pk for pk in candidates if claim(pk, moderator)), None)


def held_by_someone_else(submission, moderator):
    """Who else holds `submission` right now, or None."""
    if submission.claimed_by_id in (None, moderator.pk) or submission.claimed_until <= timezone.now():
        return None
    return submission.claimed_by
