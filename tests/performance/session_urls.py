"""Public pages for test_page_cache, each tagged for the page cache as the site's pages are: two
give the visitor a cookie (a session, a CSRF secret), one does not."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from pagecache.tags import tag_response

TAGS = {"test-page"}


def starts_a_session(request):
    request.session["seen"] = True
    return tag_response(HttpResponse("<p>Remembered you.</p>"), TAGS)


def has_a_csrf_token(request):
    page = f'<form method="post"><input name="csrfmiddlewaretoken" value="{get_token(request)}"></form>'
    return tag_response(HttpResponse(page), TAGS)


def plain(request):
    return tag_response(HttpResponse("<p>The same for everyone.</p>"), TAGS)


urlpatterns = [path("session/", starts_a_session), path("csrf/", has_a_csrf_token), path("plain/", plain)]
