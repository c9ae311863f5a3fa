"""Telling a submitter what became of their submission, by e-mail, once per decision.

Sent by a task (`tell_submitter`) enqueued after the decision commits (a decision rolled back
tells nobody), through Django's e-mail framework (EMAIL_URL; the console in development).
`Decision.mailed_at` is claimed with one conditional UPDATE before sending, so however often
the task runs for a decision, one message goes; a send that fails gives the claim back, and
a later attempt (films.task_retries: with the database backend, a few, further and further
apart) sends it. Spam is never answered: it would confirm the address to whoever sent it.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext

from films.task_retries import retry_later
from submissions.models import Decision, Submission

logger = logging.getLogger(__name__)

TOLD = {Submission.State.APPROVED, Submission.State.REJECTED}


@task
def tell_submitter(decision_pk, attempt=1):
    """E-mail the submitter the decision `decision_pk`, unless they were told already; True
    when this attempt sent the message."""
    decision = Decision.objects.select_related("submission__film").get(pk=decision_pk)
    submission = decision.submission
    if not submission.email or decision.to_state not in TOLD:
        return False
    claimed_at = timezone.now()
    claim = Decision.objects.filter(pk=decision.pk, mailed_at__isnull=True)
    if not claim.update(mailed_at=claimed_at):
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
    except OSError:  # smtplib's errors too: the mail server is down, or refused the message
        # Not told: the next attempt may claim it. (Meanwhile the status link tells them.)
        Decision.objects.filter(pk=decision.pk, mailed_at=claimed_at).update(mailed_at=None)
        if retry_later(tell_submitter, decision_pk, attempt=attempt):
            logger.warning("Could not e-mail the decision on submission %s (attempt %s); trying again later",
                           submission.pk, attempt)
        else:
            logger.error("Could not e-mail the decision on submission %s; giving up after attempt %s",
                         submission.pk, attempt)
        raise  # recorded as this attempt's failure
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
