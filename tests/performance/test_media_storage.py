"""The storages' quicker URLs are the URLs Django's file storage and whitenoise's static storage give."""

import json

import pytest
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

from cinemaone.storage import MediaStorage, StaticStorage

NAMES = [
    "renditions/films/drive-960.webp",
    "/leading/slash.jpg",
    "with space/and ünïcode é.avif",
    "odd?name#part&more=1.jpg",
    "percent%20already.jpg",
]


@pytest.mark.parametrize("base_url", ["/media/", "https://cdn.example.org/cinema/media/", "/media"])
@pytest.mark.parametrize("name", NAMES)
def test_media_urls_match_file_system_storage(tmp_path, base_url, name):
    ours = MediaStorage(location=tmp_path, base_url=base_url)
    django = FileSystemStorage(location=tmp_path, base_url=base_url)
    assert ours.url(name) == django.url(name)


def test_media_storage_without_a_base_url_refuses_like_django(tmp_path, settings):
    settings.MEDIA_URL = None
    with pytest.raises(ValueError):
        MediaStorage(location=tmp_path).url("photo.jpg")


# Static files ------------------------------------------------------------------------------


def manifest_storages(tmp_path):
    """Ours and whitenoise's, over one manifest (what collectstatic writes)."""
    manifest = {"version": "1.1", "hash": "0", "paths": {"css/site.css": "css/site.8cd932a1747d.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return [cls(location=tmp_path, base_url="/static/") for cls in (StaticStorage, CompressedManifestStaticFilesStorage)]


def test_static_urls_match_whitenoises_and_are_looked_up_once(tmp_path):
    ours, theirs = manifest_storages(tmp_path)
    assert ours.url("css/site.css") == theirs.url("css/site.css") == "/static/css/site.8cd932a1747d.css"
    ours.hashed_files.clear()  # a second lookup must not need the manifest again
    assert ours.url("css/site.css") == "/static/css/site.8cd932a1747d.css"


def test_a_file_missing_from_the_manifest_is_refused_every_time(tmp_path):
    ours, _theirs = manifest_storages(tmp_path)
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            ours.url("css/gone.css")
