"""Two public pages for test_page_cache: one that starts a session, one that does not."""

from django.http import HttpResponse
from django.urls import path


def starts_a_session(request):
    request.session["seen"] = True
    return HttpResponse("<p>Remembered you.</p>")


def plain(request):
    return HttpResponse("<p>The same for everyone.</p>")


urlpatterns = [path("session/", starts_a_session), path("plain/", plain)]
