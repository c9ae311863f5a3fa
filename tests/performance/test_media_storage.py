"""The media storage's quicker URLs are the URLs Django's own file storage gives."""

import pytest
from django.core.files.storage import FileSystemStorage

from cinemaone.storage import MediaStorage

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
