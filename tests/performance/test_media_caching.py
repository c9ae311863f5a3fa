"""Uploads served by Django (SERVE_MEDIA) are kept by browsers for a year, and that is honest:
an editor who replaces an image, even with a file of the same name, gives it a new URL, and the
old URL never comes to show the new picture."""

import pytest
from django.test import Client

from films.models import Film
from tests.performance.uploads import plain_jpeg, post_with_backdrop, upload

pytestmark = pytest.mark.django_db

A_YEAR = "max-age=31536000"


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def test_an_upload_is_cached_for_a_year_as_immutable(drive):
    photo = drive.photos.first()
    response = Client().get(photo.image.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == photo.image.open("rb").read()
    assert cache_control(response) == {"public", A_YEAR, "immutable"}


def test_a_revalidated_upload_is_a_304_that_keeps_its_caching(drive):
    url = drive.photos.first().image.url
    first = Client().get(url)
    again = Client().get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304
    assert cache_control(again) == {"public", A_YEAR, "immutable"}


def test_a_missing_upload_is_a_404_nobody_keeps(db):
    response = Client().get("/media/bts/never-uploaded.png")
    assert response.status_code == 404
    assert "immutable" not in response.get("Cache-Control", "")


def test_replacing_an_image_with_one_of_the_same_name_changes_its_url(editor_client, drive):
    post_with_backdrop(editor_client, drive, upload("night.jpg", plain_jpeg(1200, 675)))
    first = Film.objects.get(pk=drive.pk).backdrop
    first_bytes = Client().get(first.url)
    post_with_backdrop(editor_client, drive, upload("night.jpg", plain_jpeg(1280, 720)))
    second = Film.objects.get(pk=drive.pk).backdrop
    assert second.url != first.url
    old_url_now = Client().get(first.url)
    if old_url_now.status_code == 200:  # kept for pages still cached with it, its own bytes
        assert b"".join(old_url_now.streaming_content) == b"".join(first_bytes.streaming_content)
    else:
        assert old_url_now.status_code == 404
