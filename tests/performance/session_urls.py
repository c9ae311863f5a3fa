"""Public pages for test_page_cache: two that give the visitor a cookie (a session, a CSRF
secret), one that does not."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path


def starts_a_session(request):
    request.session["seen"] = True
    return HttpResponse("<p>Remembered you.</p>")


def has_a_csrf_token(request):
    return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{get_token(request)}"></form>')


def plain(request):
    return HttpResponse("<p>The same for everyone.</p>")


urlpatterns = [path("session/", starts_a_session), path("csrf/", has_a_csrf_token), path("plain/", plain)]
