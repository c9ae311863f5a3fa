"""The three reader forms, each also served alone at its own URL.

A good POST queues the submission and redirects back to the dossier, at the
form, with a thank-you (post/redirect/get). Anything refused shows the form
again with everything the reader typed.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.views.csrf import csrf_failure as default_csrf_failure

from films.models import Film
from submissions import ratelimit
from submissions.forms import FORMS_BY_KIND
from submissions.privacy import client_hash
from submissions.services import accept_submission


def _form_page(request, form, *, status=200, notice=None):
    context = {"film": form.film, "form": form, "notice": notice}
    return render(request, "submissions/form_page.html", context, status=status)


def submission_form(request, slug, kind):
    film = get_object_or_404(Film.objects.live(), slug=slug)
    form_class = FORMS_BY_KIND[kind]
    if request.method != "POST":
        return _form_page(request, form_class(film))

    form = form_class(film, data=request.POST)
    client = client_hash(request)
    if not ratelimit.allow(client):
        wait = ratelimit.seconds_until_reset()
        minutes = max(1, round(wait / 60))
        notice = (
            f"You have sent a lot in a short time. Please wait about {minutes} "
            f"minute{pluralize(minutes)}, then send it again: your text is kept below."
        )
        response = _form_page(request, form, status=429, notice=notice)
        response["Retry-After"] = str(wait)
        return response
    if not form.is_valid():
        return _form_page(request, form, status=400)
    accept_submission(form, client_hash=client)
    messages.success(request, form.thanks, extra_tags=form.anchor)
    return redirect(f"{film.get_absolute_url()}#{form.anchor}")


def csrf_failure(request, reason=""):
    """A reader form refused for CSRF keeps the reader's text: show it again, ready to resend."""
    match = request.resolver_match
    if request.method != "POST" or match is None or match.namespace != "submissions":
        return default_csrf_failure(request, reason=reason)
    film = get_object_or_404(Film.objects.live(), slug=match.kwargs["slug"])
    form = FORMS_BY_KIND[match.kwargs["kind"]](film, data=request.POST)
    notice = "Your session could not be verified (perhaps the page was open a long time). Your text is kept: send it again."
    return _form_page(request, form, status=403, notice=notice)
