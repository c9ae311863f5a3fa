"""The three reader forms, each also served alone at its own URL.

A good POST queues the submission and redirects back to the dossier, at the
form, with a thank-you (post/redirect/get). Anything refused shows the form
again with everything the reader typed, the database being down included. The
forms are anonymous and carry no CSRF token: a POST must come from one of this
site's pages (submissions.cross_origin).
"""

from django.conf import settings
from django.contrib import messages
from django.db import InterfaceError, OperationalError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from films.models import Film, SceneClip
from pagecache import tags
from pagecache.middleware import reads_query
from submissions import ratelimit
from submissions.cross_origin import comes_from_this_site
from submissions.forms import FORMS_BY_KIND, ScenePickForm
from submissions.models import Submission
from submissions.notify import status_of
from submissions.privacy import client_key
from submissions.services import accept_submission

UNAVAILABLE_NOTICE = _(
    "Cinema One cannot take answers for a moment: nothing was sent, and your text is kept below. "
    "Please send it again in a minute."
)


def _form_page(request, form, *, status=200, notice=None):
    context = {"film": form.film, "form": form, "notice": notice}
    return render(request, "submissions/form_page.html", context, status=status)


@reads_query()
@csrf_exempt  # protected by comes_from_this_site instead of a token
@require_http_methods(["GET", "HEAD", "POST"])
def submission_form(request, slug, kind):
    form_class = FORMS_BY_KIND[kind]
    if request.method != "POST":
        film = get_object_or_404(Film.objects.live(), slug=slug)
        response = _form_page(request, form_class(film))
        return tags.tag_response(response, {tags.film(film.pk)})
    try:
        return _receive(request, get_object_or_404(Film.objects.live(), slug=slug), form_class)
    except (OperationalError, InterfaceError):  # the database is unreachable
        return _unavailable(request, slug, form_class)


def _receive(request, film, form_class):
    form = form_class(film, data=request.POST)
    if not comes_from_this_site(request):
        notice = gettext(
            "Your browser did not confirm that this form was sent from Cinema One. "
            "Your text is kept: send it again from this page."
        )
        return _form_page(request, form, status=403, notice=notice)
    client = client_key(request)
    if not ratelimit.allow(client):
        wait = ratelimit.seconds_until_reset()
        minutes = max(1, round(wait / 60))
        notice = ngettext(
            "You have sent a lot in a short time. Please wait about %(minutes)d minute, "
            "then send it again: your text is kept below.",
            "You have sent a lot in a short time. Please wait about %(minutes)d minutes, "
            "then send it again: your text is kept below.",
            minutes,
        ) % {"minutes": minutes}
        response = _form_page(request, form, status=429, notice=notice)
        response["Retry-After"] = str(wait)
        return response
    if not form.is_valid():
        return _form_page(request, form, status=400)
    submission, _created = accept_submission(form, client_key=client)
    thanks = format_html(
        gettext('{thanks} <a href="{url}">Follow what becomes of it</a> (keep that link: it is yours alone).'),
        thanks=form.thanks, url=submission.get_status_url(),
    )
    messages.success(request, thanks, extra_tags=form.anchor)
    return redirect(f"{film.get_absolute_url()}#{form.anchor}")


@require_safe
def status_page(request, token):
    """The submitter's private page: where their submission stands, in plain words."""
    submission = get_object_or_404(Submission.objects.select_related("film"), status_token=token)
    state, sentence = status_of(submission)
    context = {"submission": submission, "state": state, "sentence": sentence,
               "film_is_live": Film.objects.live().filter(pk=submission.film_id).exists()}
    response = render(request, "submissions/status.html", context)
    response["Cache-Control"] = "private, no-store"  # it changes with a decision, and it is theirs
    response["X-Robots-Tag"] = "noindex"
    return response


def _unavailable(request, slug, form_class):
    """The database is down or hung: the form again, filled from what the reader sent alone (not
    validated: that needs the database), with a 503."""
    film = Film(slug=slug, title=gettext("this film"))  # its real title is in the database
    options = {}
    if form_class is ScenePickForm:
        chosen = request.POST.get("scene", "")
        options["clips"] = [SceneClip(pk=int(chosen), title=gettext("The scene you chose"))] if chosen.isdigit() else []
    form = form_class(film, initial=request.POST.dict(), **options)
    response = _form_page(request, form, status=503, notice=UNAVAILABLE_NOTICE)
    response["Retry-After"] = str(settings.RETRY_AFTER_SECONDS)
    return response
