"""Writes with consequences: accepting a reader's submission and deciding one.

Views and the admin both call these, so every state change has one path.
"""

from contextlib import contextmanager
from functools import partial

import reversion
from django.db import IntegrityError, transaction
from django.utils import timezone

from editorial.models import DossierEntry, Section, WatchNextPick
from pagecache import tags
from submissions import notify, tallies
from submissions.models import Decision, Submission
from submissions.privacy import fingerprint, today
from submissions.screening import screen


class AlreadyDecided(Exception):
    """Someone else changed the submission after this moderator loaded it."""

    def __init__(self, submission):
        super().__init__(f"Submission {submission.pk} was already decided.")
        self.submission = submission


class NothingToDecide(Exception):
    """The decision would not change anything (e.g. approving an approved submission)."""


def accept_submission(form, *, client_key):
    """Queue a valid form as a pending submission. Returns (submission, created).

    The same text (as a person would read it: submissions.privacy.fingerprint) for the same
    film and kind is queued once a day: the reader is thanked as usual, and the queue keeps
    one copy. The database's unique constraint decides, so two copies sent at the same instant
    store one row too.
    """
    instance = form.instance
    instance.client_key = client_key
    instance.fingerprint = fingerprint(*form.fingerprint_parts())
    instance.posted_on = today()
    banned, suspect = screen(instance.body, instance.display_name)
    if banned:
        instance.state = Submission.State.SPAM  # never in front of a moderator; still in the queue's spam
    instance.flagged_words = ", ".join(suspect)[:300]
    copy_of = {"film": form.film, "kind": instance.kind, "posted_on": instance.posted_on,
               "fingerprint": instance.fingerprint}
    duplicate = Submission.objects.filter(**copy_of).first()
    if duplicate is not None:
        return duplicate, False
    try:
        with transaction.atomic():
            return form.save(), True
    except IntegrityError:  # an identical post committed between our look and our insert
        return Submission.objects.get(**copy_of), False


def decide(submission, *, moderator, to_state, featured=False, note="", reason=""):
    """Move a submission to `to_state` (and featured or not), and record who did it.

    `submission` is the copy the moderator saw (its film, state and featured flag). The update only applies if the
    row still has that state and featured flag; if another moderator got there
    first, nothing is written and AlreadyDecided says so.
    """
    featured = featured and to_state == Submission.State.APPROVED
    if (submission.state, submission.is_featured) == (to_state, featured):
        raise NothingToDecide(f"It is already {submission.get_state_display().lower()}.")
    now = timezone.now()
    with transaction.atomic():
        applied = Submission.objects.filter(
            pk=submission.pk, state=submission.state, is_featured=submission.is_featured
        ).update(state=to_state, is_featured=featured, decided_at=now, claimed_by=None, claimed_until=None)
        if not applied:
            raise AlreadyDecided(Submission.objects.get(pk=submission.pk))
        if Submission.State.APPROVED in (submission.state, to_state):  # readers see approved answers only
            tags.invalidate({tags.answers(submission.film_id)})
        tallies.move(submission.state, to_state)
        decision = Decision.objects.create(
            submission=submission,
            moderator=moderator,
            from_state=submission.state,
            to_state=to_state,
            featured=featured,
            reason=reason if to_state in (Submission.State.REJECTED, Submission.State.SPAM) else "",
            note=note,
        )
        # robust: the decision stands if the task cannot be enqueued; the status link still tells them.
        transaction.on_commit(partial(notify.tell_submitter.enqueue, decision.pk), robust=True)
    submission.state, submission.is_featured, submission.decided_at = to_state, featured, now
    return submission


# What an approved submission can become on its film's page: the section, and its heading.
WATCH_NEXT = "watch_next"

# What an approved submission can become on its film's page: the section it fills (None for a
# pinned watch-next pick) and how the page and the history name it.
PROMOTIONS = {
    "steelman": (Section.STEELMAN, "Steelman the debate"),
    "signature_scene": (Section.SIGNATURE_SCENE, "Signature scene"),
    WATCH_NEXT: (None, "Watch-next pick"),
}


class CannotPromote(Exception):
    """The submission is not approved, or the film already has that module."""


def promote(submission, *, editor, into):
    """Make an approved submission the film's steelman or signature-scene module, or (a next
    pick naming one of our films) its pinned watch-next pick, prefilled with its text and
    credited to its submitter, in the film's history. Returns what was made."""
    if submission.state != Submission.State.APPROVED:
        raise CannotPromote("Only an approved submission can become part of the page.")
    if into == WATCH_NEXT:
        return _pin_next_pick(submission, editor=editor)
    section, heading = PROMOTIONS[into]
    if DossierEntry.objects.filter(film=submission.film, section=section).exists():
        raise CannotPromote(f"{submission.film.title} already has a {heading.lower()} module: edit that one.")
    with _made_from(submission, editor=editor, heading=heading):
        entry = DossierEntry.objects.create(
            film=submission.film,
            section=section,
            heading=submission.subject if submission.kind == Submission.Kind.SCENE_PICK else "",
            body=submission.body,
            credit=submission.author,
        )
        Submission.objects.filter(pk=submission.pk).update(promoted_to=entry)
    submission.promoted_to = entry
    return entry


def _pin_next_pick(submission, *, editor):
    if submission.kind != Submission.Kind.NEXT_PICK or not submission.suggested_film_id:
        raise CannotPromote("Only a next pick that names one of our films can be pinned.")
    if WatchNextPick.objects.filter(film=submission.film, pathway=submission.pathway).exists():
        raise CannotPromote(f"{submission.film.title} already has a pinned pick on that pathway: edit that one.")
    with _made_from(submission, editor=editor, heading=PROMOTIONS[WATCH_NEXT][1]):
        pick = WatchNextPick.objects.create(
            film=submission.film, pathway=submission.pathway, target_film_id=submission.suggested_film_id,
            reason=submission.body[:300], credit=submission.author,
        )
        Submission.objects.filter(pk=submission.pk).update(promoted_to_pick=pick)
    submission.promoted_to_pick = pick
    return pick


@contextmanager
def _made_from(submission, *, editor, heading):
    """One revision of the film that names the submission it was made from; its page is
    emptied from the cache once that commits."""
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(editor)
        reversion.set_comment(f"{heading} made from a reader's submission (#{submission.pk}, by {submission.author}).")
        yield
        reversion.add_to_revision(submission.film)
        tags.invalidate({tags.film(submission.film_id)})
