"""Telling a submitter what became of their submission, by e-mail, once per decision.

Sent after the decision commits (a decision rolled back tells nobody), through Django's e-mail
framework (EMAIL_URL; the console in development). `Decision.mailed_at` is claimed with one
conditional UPDATE before sending, so however often this runs for a decision, one message goes.
Spam is never answered: it would confirm the address to whoever sent it.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext

from submissions.models import Decision, Submission

logger = logging.getLogger(__name__)

TOLD = {Submission.State.APPROVED, Submission.State.REJECTED}


def tell_submitter(decision_pk):
    decision = Decision.objects.select_related("submission__film").get(pk=decision_pk)
    submission = decision.submission
    if not submission.email or decision.to_state not in TOLD:
        return False
    if not Decision.objects.filter(pk=decision.pk, mailed_at__isnull=True).update(mailed_at=timezone.now()):
        return False  # already told
    context = {"submission": submission, "decision": decision, "status": status_of(submission, decision),
               "status_url": f"{settings.SITE_URL}{submission.get_status_url()}"}
    try:
        send_mail(
            subject=render_to_string("submissions/email/decided_subject.txt", context).strip(),
            message=render_to_string("submissions/email/decided.txt", context),
            from_email=None,  # DEFAULT_FROM_EMAIL
            recipient_list=[submission.email],
        )
    except OSError:
        # The mail server is down: the page still tells them (its status link); try no more.
        logger.exception("Could not e-mail the decision on submission %s", submission.pk)
    return True


def status_of(submission, decision=None):
    """What the submitter is told: (state word, sentence), the reason in plain words."""
    if submission.state == Submission.State.PENDING:
        return gettext("Waiting"), gettext("A moderator has not read it yet. Most answers are read within a few days.")
    if submission.state == Submission.State.APPROVED:
        if submission.is_featured:
            return gettext("Featured"), gettext("It is published on the film's page, among the featured answers.")
        return gettext("Published"), gettext("It is published on the film's page.")
    decision = decision or submission.decisions.first()
    reason = decision.get_reason_display() if decision and decision.reason else ""
    if reason:
        return gettext("Not published"), gettext("It will not be published (%(reason)s).") % {"reason": reason.lower()}
    return gettext("Not published"), gettext("It will not be published.")
