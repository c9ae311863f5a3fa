"""Uploads on S3-compatible object storage (MEDIA_STORAGE_URL), and the URL that configures it.

The end-to-end test needs a real S3-compatible server. No MinIO is installable here (Debian has
no package), so it runs moto's standalone server: a separate HTTP server speaking the S3
protocol, reached only over the network by boto3, as MinIO would be. It is skipped, saying why,
when that server cannot start.
"""

import json
import socket
import urllib.request
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.utils.html import escape
from PIL import features

from cinemaone.media_storage import IMMUTABLE, LOCAL_FILES, media_origins, media_storage
from films.admin_uploads import NOT_STORED
from films.models import Film
from tests.factories import make_film
from tests.html import page_of
from tests.navigation.forms import form_errors
from tests.performance.uploads import plain_jpeg, post_with_backdrop, rendition_names, upload

boto3 = pytest.importorskip("boto3", reason="boto3 (django-storages[s3]) is not installed")
moto_server = pytest.importorskip("moto.server", reason="moto[server] (the test extras) is not installed")

MIME_TYPES = {"image/avif", "image/webp", "image/jpeg"} if features.check("avif") else {"image/webp", "image/jpeg"}
KEY, SECRET = "cinemaone", "s3cr/t+key=="  # the secret has the characters a URL must escape
SECRET_IN_URL = "s3cr%2Ft%2Bkey%3D%3D"


# The URL ---------------------------------------------------------------------------------


def test_no_url_keeps_uploads_in_local_files():
    assert media_storage("") == LOCAL_FILES
    assert media_origins(LOCAL_FILES) == []


def test_a_full_url_configures_the_bucket():
    storage = media_storage(
        f"s3://{KEY}:{SECRET_IN_URL}@minio:9000/cinemaone-media/uploads/?region=eu-west-1&secure=off"
        "&custom_domain=media.cinemaone.example"
    )

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert {name: options[name] for name in (
        "bucket_name", "location", "endpoint_url", "access_key", "secret_key", "region_name", "custom_domain",
        "file_overwrite", "querystring_auth", "object_parameters",
    )} == {
        "bucket_name": "cinemaone-media",
        "location": "uploads",
        "endpoint_url": "http://minio:9000",
        "access_key": KEY,
        "secret_key": SECRET,  # percent-decoded
        "region_name": "eu-west-1",
        "custom_domain": "media.cinemaone.example",
        "file_overwrite": False,
        "querystring_auth": False,
        "object_parameters": {"CacheControl": IMMUTABLE},
    }
    assert media_origins(storage) == ["https://media.cinemaone.example"]  # what the CSP lets images come from


def test_a_bare_url_talks_https_and_leaves_credentials_to_boto3():
    options = media_storage("s3://s3.eu-west-1.amazonaws.com/cinemaone-media")["OPTIONS"]

    assert (options["endpoint_url"], options["access_key"], options["secret_key"]) == (
        "https://s3.eu-west-1.amazonaws.com", None, None,
    )
    assert (options["location"], options["region_name"], options["custom_domain"]) == ("", None, None)
    assert media_origins({"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}) == [
        "https://s3.eu-west-1.amazonaws.com"
    ]


def test_virtual_host_addressing_puts_the_bucket_in_the_images_origin():
    storage = media_storage("s3://s3.example.net/cinemaone-media?addressing_style=virtual")

    assert storage["OPTIONS"]["client_config"].s3 == {"addressing_style": "virtual"}
    assert media_origins(storage) == ["https://cinemaone-media.s3.example.net"]


@pytest.mark.parametrize(
    "url, message",
    [
        ("s3://key:secret@minio:9000", "MEDIA_STORAGE_URL names no bucket"),
        ("s3://key:secret@minio:9000/", "MEDIA_STORAGE_URL names no bucket"),
        ("https://minio:9000/media", "MEDIA_STORAGE_URL must start with s3:// (got https://)"),
        ("minio:9000/media", "MEDIA_STORAGE_URL must start with s3://"),
        ("s3:///media", "MEDIA_STORAGE_URL names no endpoint host"),
        ("s3://key@minio/media", "an access key without a secret key"),
        ("s3://minio:port/media", "the port must be a number"),
        ("s3://minio/media?secure=maybe", "secure must be on or off, not 'maybe'"),
        ("s3://minio/media?bucket=other", "unknown option bucket"),
        ("s3://minio/media?addressing_style=dns", "addressing_style must be path or virtual"),
    ],
)
def test_a_bad_url_is_refused_at_start_saying_what_is_wrong(url, message):
    with pytest.raises(ImproperlyConfigured) as refused:
        media_storage(url)
    assert message in str(refused.value)


# Uploads in a bucket ---------------------------------------------------------------------


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """An S3-compatible server of its own on a free local port."""
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    try:
        server.start()
    except Exception as error:  # whatever keeps it from starting, the test says so and is skipped
        pytest.skip(f"the S3-compatible test server (moto) could not start: {error!r}")
    yield f"127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A new, empty bucket that anyone may read (as cinemaone.media_storage asks: URLs are not
    signed), and the site's uploads going to it through MEDIA_STORAGE_URL."""
    name = f"cinemaone-media-{uuid.uuid4().hex[:8]}"
    client = boto3.client(
        "s3", endpoint_url=f"http://{s3_endpoint}", aws_access_key_id=KEY, aws_secret_access_key=SECRET,
        region_name="eu-west-1",
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    client.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{name}/*",
    }]}))
    url = f"s3://{KEY}:{SECRET_IN_URL}@{s3_endpoint}/{name}?region=eu-west-1&secure=off"
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(url)}
    return client, name


def stored_objects(client, name):
    return {item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", [])}


@pytest.mark.all_image_formats
@pytest.mark.django_db
def test_an_uploaded_backdrop_and_its_renditions_are_served_from_the_bucket(
    editor_client, reader, bucket, s3_endpoint, media_root
):
    client, name = bucket
    film = make_film("Drive")

    response = post_with_backdrop(editor_client, film, upload("traffic.jpg", plain_jpeg(1000, 562)))

    assert response.status_code == 302, form_errors(response)
    film = Film.objects.get(pk=film.pk)
    renditions = film.backdrop_renditions
    assert set(renditions["formats"]) == MIME_TYPES, "the renditions were not made"
    names = {film.backdrop.name, *rendition_names(renditions)}
    assert stored_objects(client, name) == names
    assert not media_root.exists() or not any(media_root.rglob("*")), "an upload went to local files"
    for key in names:
        stored = client.head_object(Bucket=name, Key=key)
        assert stored["CacheControl"] == IMMUTABLE, key
        assert stored["ContentType"].startswith("image/"), (key, stored["ContentType"])

    picture = page_of(reader.get(film.get_absolute_url())).find("header", class_="hero hero--backdrop").find("picture")

    urls = [picture.find("img").attrs["src"]]
    for srcset in [picture.find("img").attrs["srcset"]] + [source.attrs["srcset"] for source in picture.find_all("source")]:
        urls += [candidate.split()[0] for candidate in srcset.split(", ")]
    bucket_url = f"http://{s3_endpoint}/{name}/"
    assert all(url.startswith(bucket_url) for url in urls), urls
    assert {url.removeprefix(bucket_url) for url in urls} == set(rendition_names(renditions))
    assert len(picture.find_all("source")) == len(MIME_TYPES) - 1  # every format but the JPEG fallback
    # A reader's browser gets the image from the bucket itself, unsigned, with a year's caching.
    with urllib.request.urlopen(urls[0], timeout=5) as fetched:
        assert fetched.headers["Cache-Control"] == IMMUTABLE
        with default_storage.open(urls[0].removeprefix(bucket_url), "rb") as stored:
            assert fetched.read() == stored.read()


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["nothing listens", "no such bucket"])
def test_an_upload_the_bucket_cannot_take_is_a_message_on_the_form(editor_client, settings, s3_endpoint, where):
    """Object storage fails with botocore's errors, not OSError: the editor still gets the
    message on the form, with what they typed, and nothing is saved."""
    endpoint = f"127.0.0.1:{_free_port()}" if where == "nothing listens" else s3_endpoint
    url = f"s3://{KEY}:{SECRET_IN_URL}@{endpoint}/cinemaone-missing-{uuid.uuid4().hex[:8]}?secure=off"
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(url)}
    film = make_film("Drive")

    response = post_with_backdrop(editor_client, film, upload("traffic.jpg", plain_jpeg(800, 450)),
                                  extra={"backdrop_alt_en": ["Night traffic on the 110, seen from above"]})

    assert response.status_code == 200
    assert escape(" ".join(NOT_STORED.split())) in " ".join(response.content.decode().split())
    assert "Night traffic on the 110, seen from above" in response.content.decode()
    assert not Film.objects.get(pk=film.pk).backdrop
