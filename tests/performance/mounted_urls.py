"""The site's URLs under /mounted/, for test_links."""

from django.urls import include, path

urlpatterns = [path("mounted/", include("cinemaone.urls"))]
