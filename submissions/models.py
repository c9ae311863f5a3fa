"""Reader submissions: three kinds, one review queue, a record of every decision."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from editorial.models import Pathway
from films.models import Film, SceneClip


def _today():
    return timezone.now().date()


class SubmissionQuerySet(models.QuerySet):
    def public(self):
        """The one rule for what readers may see: approved, nothing else."""
        return self.filter(state=Submission.State.APPROVED)

    def pending(self):
        return self.filter(state=Submission.State.PENDING)


def _status_token():
    return secrets.token_urlsafe(32)


class Submission(models.Model):
    class Kind(models.TextChoices):
        # Shown to readers too (their answer's status page): translated.
        DEFENSE = "defense", _("Defense")
        SCENE_PICK = "scene_pick", _("Scene pick")
        NEXT_PICK = "next_pick", _("Next pick")

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    class Underrated(models.TextChoices):
        SCENE = "scene", _("A scene")
        PERFORMANCE = "performance", _("A performance")
        ENDING = "ending", _("The ending")
        IDEA = "idea", _("An idea")

    class Carries(models.TextChoices):
        PRESSURE = "pressure", _("Pressure")
        STYLE = "style", _("Style")
        ARGUMENT = "argument", _("Argument")
        REWATCH = "rewatch", _("Rewatch charge")

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="submissions")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    is_featured = models.BooleanField(default=False, verbose_name="featured")

    # What the reader wrote. Which of the kind-specific fields are filled depends on `kind`.
    body = models.TextField(verbose_name="the case")
    underrated = models.CharField(max_length=12, choices=Underrated.choices, blank=True)
    scene_clip = models.ForeignKey(
        SceneClip, on_delete=models.SET_NULL, null=True, blank=True, related_name="picks"
    )
    scene_name = models.CharField(max_length=200, blank=True, help_text="A scene named freely.")
    carries = models.CharField(max_length=10, choices=Carries.choices, blank=True)
    suggested_film = models.ForeignKey(
        Film, on_delete=models.SET_NULL, null=True, blank=True, related_name="suggested_in"
    )
    suggested_title = models.CharField(max_length=200, blank=True, help_text="A film named freely.")
    pathway = models.CharField(max_length=10, choices=Pathway.choices, blank=True)
    display_name = models.CharField(max_length=60, blank=True)
    email = models.EmailField(blank=True, help_text="Never shown publicly.")

    # Abuse defences (submissions.privacy): the reader's key for the day it was sent (never the
    # address), and a fingerprint of the text, so the same text is queued once per film and day.
    client_key = models.CharField(max_length=64, editable=False)
    fingerprint = models.CharField(max_length=64, editable=False, blank=True)
    posted_on = models.DateField(default=_today, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The submitter's private link to follow what happens to it (submissions.views.status_page).
    status_token = models.CharField(max_length=64, unique=True, null=True, editable=False,
                                    default=_status_token)
    # Suspect words it holds (submissions.screening), shown and filterable in the queue.
    flagged_words = models.CharField(max_length=300, blank=True, editable=False)
    # The editorial module an editor made of it (submissions.services.promote), if any.
    promoted_to = models.ForeignKey("editorial.DossierEntry", null=True, blank=True, editable=False,
                                    on_delete=models.SET_NULL, related_name="promoted_from")
    promoted_to_pick = models.ForeignKey("editorial.WatchNextPick", null=True, blank=True, editable=False,
                                         on_delete=models.SET_NULL, related_name="promoted_from")
    # "Next pending" hands an item to one moderator for a few minutes (submissions.claims), so
    # two moderators pressing it at once get different items.
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                   on_delete=models.SET_NULL, related_name="+")
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    # 0 while pending, 1 once decided: a stored column, so the queue's order (pending
    # first, oldest first) is read from an index instead of sorting every submission.
    queue_rank = models.GeneratedField(
        expression=models.Case(models.When(state="pending", then=models.Value(0)), default=models.Value(1)),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )

    objects = SubmissionQuerySet.as_manager()

    def get_status_url(self):
        return reverse("submission-status", kwargs={"token": self.status_token})

    class Meta:
        ordering = ["created_at", "pk"]
        permissions = [("decide_submission", "Can decide submissions (approve, reject, spam, feature)")]
        indexes = [
            models.Index(fields=["state", "created_at"], name="submission_queue_idx"),
            # The dossier's newest approved answers of each kind: an index-only top-N scan.
            models.Index(
                fields=["film", "state", "kind", "-is_featured", "-created_at", "-id"], name="submission_answers_idx"
            ),
            # The queue's film filter (films with the most pending answers) counts from the index
            # alone instead of probing every film of the catalog for pending rows.
            models.Index(fields=["film", "id"], condition=Q(state="pending"), name="submission_pending_film_idx"),
            # Each scene clip's approved picks, counted on the dossier from the index alone.
            models.Index(
                fields=["scene_clip", "id"], condition=Q(state="approved"), name="submission_approved_pick_idx"
            ),
            models.Index(fields=["queue_rank", "created_at", "id"], name="submission_queue_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=["pending", "approved", "rejected", "spam"]),
                                   name="submission_state_valid"),
            models.CheckConstraint(condition=Q(is_featured=False) | Q(state="approved"),
                                   name="only_approved_submissions_featured"),
            # One copy of a text per film, kind and day, however many readers send it at once.
            # (Rows made by staff or scripts carry no fingerprint.)
            models.UniqueConstraint(fields=["film", "kind", "posted_on", "fingerprint"],
                                    condition=~Q(fingerprint=""), name="submission_once_a_day"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.film.title} #{self.pk}"

    @property
    def author(self):
        return self.display_name or gettext("Anonymous reader")

    @property
    def subject(self):
        """What the submission is about, in a few words: the scene, the film or the aspect."""
        if self.kind == self.Kind.DEFENSE:
            return self.get_underrated_display()
        if self.kind == self.Kind.SCENE_PICK:
            return self.scene_clip.title if self.scene_clip_id else self.scene_name
        return self.suggested_film.title if self.suggested_film_id else self.suggested_title


class Decision(models.Model):
    """One change of a submission's state (or featuring), by whom and when."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="decisions")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="decisions")
    from_state = models.CharField(max_length=10, choices=Submission.State.choices)
    to_state = models.CharField(max_length=10, choices=Submission.State.choices)
    class Reason(models.TextChoices):
        """Why a submission is not published: said to its submitter in plain words (translated)."""

        OFF_TOPIC = "off_topic", _("Off topic")
        SPOILER = "spoiler", _("Gives away too much")
        ABUSE = "abuse", _("Abusive")
        DUPLICATE = "duplicate", _("Already said")
        LOW_EFFORT = "low_effort", _("Too thin to publish")
        OTHER = "other", _("Other")

    featured = models.BooleanField(default=False, help_text="Featured after this decision.")
    reason = models.CharField(max_length=12, choices=Reason.choices, blank=True,
                              help_text="For a rejection or spam: why.")
    note = models.TextField(blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)
    # When the submitter was told by e-mail (submissions.notify): set once, so never told twice.
    mailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state} by {self.moderator}"


class StateTally(models.Model):
    """How many submissions are in each state, kept as they change (see submissions.tallies).

    The review queue shows these counts on every page; counting 200,000
    submissions per view took longer than everything else on the page.
    """

    state = models.CharField(max_length=10, choices=Submission.State.choices, primary_key=True)
    total = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.get_state_display()}: {self.total}"


class DailySalt(models.Model):
    """Today's secret for client keys (submissions.privacy); yesterday's is deleted."""

    day = models.DateField(primary_key=True)
    secret = models.CharField(max_length=64)

    def __str__(self):
        return f"Client-key secret of {self.day}"


class PostCount(models.Model):
    """How many forms one reader has sent in one rate-limit window (submissions.ratelimit)."""

    client_key = models.CharField(max_length=64)
    window = models.BigIntegerField(help_text="The window's number: seconds since the epoch // its length.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client_key", "window"], name="post_count_once")]
        indexes = [models.Index(fields=["window"], name="post_count_window_idx")]

    def __str__(self):
        return f"{self.count} posts in window {self.window}"


class ScreenedWord(models.Model):
    """A word the queue screens for (submissions.screening): banned words send a submission
    straight to spam, suspect words flag it for a moderator's eye. Matched as a person reads
    it: case, accents of look-alike letters and invisible characters do not hide a word."""

    class Action(models.TextChoices):
        BANNED = "banned", "Banned: straight to spam"
        SUSPECT = "suspect", "Suspect: flag in the queue"

    word = models.CharField(max_length=100, unique=True, help_text="A word or a phrase.")
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.SUSPECT)

    class Meta:
        ordering = ["action", "word"]

    def __str__(self):
        return self.word
