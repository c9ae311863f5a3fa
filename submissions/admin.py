"""The review queue: one list for every kind of submission, and a one-at-a-time review screen.

Moderators hold `view_submission` and `decide_submission`: they read what
readers wrote (never edit it), decide, and feature. Nobody edits a reader's
text; deleting needs the delete permission, which moderators do not have.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.text import Truncator

from films.models import Film
from films.text import refuse_control_characters
from submissions import claims, tallies
from submissions.models import Decision, ScreenedWord, Submission
from submissions.services import (
    PROMOTIONS,
    WATCH_NEXT,
    AlreadyDecided,
    CannotPromote,
    NothingToDecide,
    decide,
    promote,
)

EXCERPT_CHARS = 90
# Items a moderator skipped ("Skip for now") are not offered to them again this session.
SKIPPED_SESSION_KEY = "review_skipped"
MAX_SKIPPED = 200

# Decision buttons: name -> (state it moves to, featured after it, message).
DECISIONS = {
    "approve": (Submission.State.APPROVED, False, "Approved"),
    "feature": (Submission.State.APPROVED, True, "Approved and featured"),
    "reject": (Submission.State.REJECTED, False, "Rejected"),
    "spam": (Submission.State.SPAM, False, "Marked as spam"),
}


class ReviewForm(forms.Form):
    """What the review screen posts: the decision, the state the moderator saw, and a note."""

    decision = forms.ChoiceField(choices=[(name, label) for name, (_, _, label) in DECISIONS.items()],
                                 error_messages={"required": "Choose a decision.",
                                                 "invalid_choice": "Choose a decision."})
    seen_state = forms.ChoiceField(choices=Submission.State.choices)
    seen_featured = forms.BooleanField(required=False)
    reason = forms.ChoiceField(choices=[("", "—"), *Decision.Reason.choices], required=False,
                               help_text="For a rejection or spam: told to the submitter in plain words.")
    note = forms.CharField(required=False, max_length=2000, validators=[refuse_control_characters])

    def clean_seen_featured(self):
        return self.data.get("seen_featured") == "1"


class BulkDecisionForm(forms.Form):
    """The queue's bulk actions take a reason and a note, and remember when the list was loaded:
    an item decided by someone else since then is left as they decided it."""

    reason = forms.ChoiceField(choices=[("", "Reason (reject, spam)"), *Decision.Reason.choices], required=False,
                               label="")
    note = forms.CharField(required=False, max_length=2000, label="",
                           widget=forms.TextInput(attrs={"placeholder": "Note (kept with each decision)", "size": 30}),
                           validators=[refuse_control_characters])
    # ISO 8601 to the microsecond (a DateTimeField would render it to the second).
    listed_at = forms.CharField(required=False, widget=forms.HiddenInput,
                                initial=lambda: timezone.now().isoformat())

    def clean_listed_at(self):
        try:
            return parse_datetime(self.cleaned_data["listed_at"])
        except ValueError:  # shaped like a time, but none (a month 13)
            return None


class QueueActionForm(helpers.ActionForm, BulkDecisionForm):
    """The action bar: the action, then the bulk decision's reason and note."""


class FlaggedFilter(admin.SimpleListFilter):
    title = "suspect words"
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("yes", "Flagged"), ("no", "Not flagged")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(flagged_words="")
        if self.value() == "no":
            return queryset.filter(flagged_words="")
        return queryset


@admin.register(ScreenedWord)
class ScreenedWordAdmin(admin.ModelAdmin):
    """The word lists moderators keep: banned words go straight to spam, suspect words are flagged."""

    list_display = ["word", "action"]
    list_filter = ["action"]
    search_fields = ["word"]


class AgeFilter(admin.SimpleListFilter):
    title = "age"
    parameter_name = "age"
    AGES = {"day": ("Last 24 hours", timedelta(days=1)), "week": ("Last 7 days", timedelta(days=7))}

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _age) in self.AGES.items()] + [("older", "Older than 7 days")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() in self.AGES:
            return queryset.filter(created_at__gte=now - self.AGES[self.value()][1])
        if self.value() == "older":
            return queryset.filter(created_at__lt=now - timedelta(days=7))
        return queryset


class FilmFilter(admin.SimpleListFilter):
    """The films with the most pending submissions: a short list however large the catalog.

    (A filter listing every film would put thousands of choices, and thousands of
    facet counts, on every queue page.) Any film can also be found with the search box.
    """

    title = "film (most pending)"
    parameter_name = "film"
    LIMIT = 25

    def lookups(self, request, model_admin):
        # Counted on the pending-only index first; titles are read for the leaders only.
        # (Grouping by the film's title joined every film: 11 ms at 10,000 films.)
        per_film = Submission.objects.pending().values("film").annotate(pending=Count("pk")).order_by()
        cutoff = per_film.order_by("-pending").values_list("pending", flat=True)[self.LIMIT - 1 : self.LIMIT]
        pending = dict(per_film.filter(pending__gte=next(iter(cutoff), 1)).values_list("film", "pending"))
        titles = Film.objects.filter(pk__in=pending).order_by("title").values_list("pk", "title")
        # A stable sort on the count keeps the database's title order among ties.
        busiest = sorted(titles, key=lambda row: -pending[row[0]])[: self.LIMIT]
        return [(str(film), f"{title} ({pending[film]})") for film, title in busiest]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:  # a film's key, in the database's range (a link from outside may hold anything)
            film_key = Film._meta.pk.clean(self.value(), None)
        except ValidationError as error:
            raise IncorrectLookupParameters(error) from error
        return queryset.filter(film_id=film_key)


class DecisionInline(admin.TabularInline):
    model = Decision
    fields = ["decided_at", "moderator", "from_state", "to_state", "featured", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _state_counts(request):
    """The state tallies, read once per request: the queue's header and its paginator both show them."""
    if not hasattr(request, "_state_counts"):
        request._state_counts = tallies.counts()
    return request._state_counts


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "kind", "film_title", "state", "is_featured", "author_name", "flags", "created_at"]
    list_display_links = None  # a row opens its decision screen (the excerpt's link), not a read-only form
    action_form = QueueActionForm
    list_filter = ["state", "kind", AgeFilter, FilmFilter, FlaggedFilter, "is_featured"]
    list_select_related = ["film", "scene_clip", "suggested_film"]
    # What readers wrote and signed, each served by a trigram index (submissions/0011); the
    # film has its own filter.
    search_fields = ["body", "display_name"]
    actions = ["approve_selected", "feature_selected", "reject_selected", "spam_selected"]
    inlines = [DecisionInline]
    list_per_page = 50
    fields = [
        "film", "kind", "state", "is_featured", "underrated", "scene_clip", "scene_name", "carries",
        "suggested_film", "suggested_title", "pathway", "body", "display_name", "email", "created_at",
        "decided_at",
    ]
    readonly_fields = fields
    change_list_template = "admin/submissions/submission/change_list.html"

    # The unfiltered queue's total comes from the state tallies (see get_paginator);
    # a filtered one is counted once, without a second count of the whole table.
    show_full_result_count = False

    def get_ordering(self, request):
        # Pending first, oldest first: read from submission_queue_order_idx, never sorted.
        return ["queue_rank", "created_at", "pk"]

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        if not queryset.query.has_filters():  # the whole queue: no need to count 200,000 rows
            paginator.count = sum(_state_counts(request).values())
        return paginator

    # Who sent what is not for grouping: no filter, search or column reads the client key, the
    # fingerprint or the e-mail, and the admin's URL lookups may not either (a 400).
    PRIVATE_FIELDS = ("client_key", "fingerprint", "email", "posted_on")

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.split("__")[0] in self.PRIVATE_FIELDS:
            return False
        return super().lookup_allowed(lookup, value, request)

    # The text is the reader's: nobody changes it, moderators only decide.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_decide_permission(self, request):
        return request.user.has_perm("submissions.decide_submission")

    @admin.display(description="submission")
    def excerpt(self, submission):
        return format_html('<a href="{}">{}</a>', reverse("admin:submissions_submission_review", args=[submission.pk]),
                           Truncator(submission.body).chars(EXCERPT_CHARS))

    @admin.display(description="suspect words")
    def flags(self, submission):
        return submission.flagged_words or ""

    @admin.display(description="film", ordering="film__title")
    def film_title(self, submission):
        return submission.film.title

    @admin.display(description="by")
    def author_name(self, submission):
        return submission.author

    def _decide_many(self, request, queryset, decision):
        to_state, featured, label = DECISIONS[decision]
        form = BulkDecisionForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "The note could not be read; nothing was decided.", messages.ERROR)
            return
        listed_at = form.cleaned_data["listed_at"]
        options = {"reason": form.cleaned_data["reason"], "note": form.cleaned_data["note"]}
        done, decided_since, unchanged = 0, [], 0
        for submission in queryset.select_related("film"):
            if listed_at is not None and submission.decided_at is not None and submission.decided_at > listed_at:
                decided_since.append(submission)  # someone decided it after this list was loaded
                continue
            try:
                decide(submission, moderator=request.user, to_state=to_state, featured=featured, **options)
                done += 1
            except AlreadyDecided as conflict:
                decided_since.append(conflict.submission)
            except NothingToDecide:
                unchanged += 1
        self.message_user(request, f"{label}: {done}.", messages.SUCCESS if done else messages.WARNING)
        if decided_since:
            self.message_user(
                request,
                f"Skipped {len(decided_since)}: another moderator decided "
                f"{'it' if len(decided_since) == 1 else 'them'} after you loaded this list; their decision stands.",
                messages.WARNING,
            )
        if unchanged:
            self.message_user(request, f"Skipped {unchanged}: already {label.lower()}.", messages.INFO)

    @admin.action(description="Approve selected", permissions=["decide"])
    def approve_selected(self, request, queryset):
        self._decide_many(request, queryset, "approve")

    @admin.action(description="Approve and feature selected", permissions=["decide"])
    def feature_selected(self, request, queryset):
        self._decide_many(request, queryset, "feature")

    @admin.action(description="Reject selected", permissions=["decide"])
    def reject_selected(self, request, queryset):
        self._decide_many(request, queryset, "reject")

    @admin.action(description="Mark selected as spam", permissions=["decide"])
    def spam_selected(self, request, queryset):
        self._decide_many(request, queryset, "spam")

    def changelist_view(self, request, extra_context=None):
        counts = _state_counts(request)
        state_counts = [(state.label, counts[state.value], state.value) for state in Submission.State]
        extra_context = {
            **(extra_context or {}),
            "state_counts": state_counts,
            "can_decide": self.has_decide_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        review_urls = [
            path("review/next/", self.admin_site.admin_view(self.next_pending_view),
                 name="submissions_submission_next"),
            path("<int:pk>/review/", self.admin_site.admin_view(self.review_view),
                 name="submissions_submission_review"),
            path("<int:pk>/promote/", self.admin_site.admin_view(self.promote_view),
                 name="submissions_submission_promote"),
        ]
        return review_urls + super().get_urls()

    def next_pending_view(self, request):
        if not self.has_decide_permission(request):
            raise PermissionDenied
        chosen = claims.claim_next(request.user, skipped=request.session.get(SKIPPED_SESSION_KEY, []))
        if chosen is None:
            self.message_user(request, "Nothing pending is left for you: the queue is clear, or the rest is "
                                       "open with another moderator or skipped by you.", messages.SUCCESS)
            return redirect("admin:submissions_submission_changelist")
        return redirect("admin:submissions_submission_review", pk=chosen)

    def has_promote_permission(self, request):
        return request.user.has_perm("editorial.add_dossierentry")

    def _promotions(self, request, submission):
        """What an editor may make of this submission here: [(into, heading)]."""
        if (not self.has_promote_permission(request) or submission.state != Submission.State.APPROVED
                or submission.promoted_to_id or submission.promoted_to_pick_id):
            return []
        if submission.kind == Submission.Kind.NEXT_PICK:
            return [(WATCH_NEXT, PROMOTIONS[WATCH_NEXT][1])] if submission.suggested_film_id else []
        return [(into, heading) for into, (section, heading) in PROMOTIONS.items() if section is not None]

    def promote_view(self, request, pk):
        """An editor makes an approved submission the film's steelman or signature scene, then
        rewrites it on the film's page."""
        if request.method != "POST" or not self.has_promote_permission(request):
            raise PermissionDenied
        submission = get_object_or_404(Submission.objects.select_related("film"), pk=pk)
        into = request.POST.get("into")
        if into not in PROMOTIONS:
            self.message_user(request, "Choose what to make of it.", messages.ERROR)
            return redirect("admin:submissions_submission_review", pk=pk)
        try:
            promote(submission, editor=request.user, into=into)
        except CannotPromote as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return redirect("admin:submissions_submission_review", pk=pk)
        heading = PROMOTIONS[into][1]
        self.message_user(request, f"{heading} made from {submission.author}'s {submission.get_kind_display().lower()}, "
                                   "credited to them on the page: rewrite it below as the page needs.", messages.SUCCESS)
        return redirect("admin:films_film_change", submission.film_id)

    def review_view(self, request, pk):
        if not (self.has_decide_permission(request) or self.has_promote_permission(request)):
            raise PermissionDenied
        if request.method == "POST" and not self.has_decide_permission(request):
            raise PermissionDenied
        submission = get_object_or_404(
            Submission.objects.select_related("film", "scene_clip", "suggested_film", "claimed_by", "promoted_to",
                                              "promoted_to_pick"),
            pk=pk,
        )
        if request.method == "POST" and "skip" in request.POST:
            # Not decided, and not offered to this moderator again this session.
            skipped = request.session.get(SKIPPED_SESSION_KEY, [])
            request.session[SKIPPED_SESSION_KEY] = [*skipped, submission.pk][-MAX_SKIPPED:]
            return redirect("admin:submissions_submission_next")
        form = ReviewForm(request.POST if request.method == "POST" else None)
        if request.method == "GET" and submission.state == Submission.State.PENDING and self.has_decide_permission(request):
            claims.claim(submission.pk, request.user)
        if form.is_valid():
            # Decide on the state the moderator saw, not the one in the database now.
            seen = Submission(pk=submission.pk, film_id=submission.film_id, state=form.cleaned_data["seen_state"],
                              is_featured=form.cleaned_data["seen_featured"])
            to_state, featured, label = DECISIONS[form.cleaned_data["decision"]]
            try:
                decide(seen, moderator=request.user, to_state=to_state, featured=featured,
                       note=form.cleaned_data["note"], reason=form.cleaned_data["reason"])
            except AlreadyDecided as conflict:
                latest = conflict.submission.decisions.select_related("moderator").first()
                who = f" by {latest.moderator}" if latest else ""
                self.message_user(
                    request,
                    f"Another moderator decided this first{who}: it is now "
                    f"{conflict.submission.get_state_display().lower()}. Nothing was changed.",
                    messages.ERROR,
                )
                return redirect("admin:submissions_submission_review", pk=pk)
            except NothingToDecide as unchanged:
                self.message_user(request, str(unchanged), messages.WARNING)
                return redirect("admin:submissions_submission_review", pk=pk)
            self.message_user(request, f"{label}: {submission}.", messages.SUCCESS)
            return redirect("admin:submissions_submission_next")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Review {submission}",
            "submission": submission,
            "form": form,
            "held_by": claims.held_by_someone_else(submission, request.user),
            "can_decide": self.has_decide_permission(request),
            "promotions": self._promotions(request, submission),
            "decisions": submission.decisions.select_related("moderator"),
            "pending_count": tallies.counts()[Submission.State.PENDING],
            "changelist_url": reverse("admin:submissions_submission_changelist"),
        }
        return TemplateResponse(request, "admin/submissions/submission/review.html", context,
                                status=400 if form.is_bound else 200)
