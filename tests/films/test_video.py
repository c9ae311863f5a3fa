"""The latest video signal: privacy-friendly embeds for YouTube and Vimeo, a plain link otherwise."""

from datetime import date

import pytest

from films.video import embed_url_for
from tests.factories import add_video, make_film
from tests.html import page_of

YOUTUBE_ID = "KBiOF3y1W0Y"


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/watch?v={YOUTUBE_ID}",
        f"https://youtube.com/watch?v={YOUTUBE_ID}&t=42s",
        f"https://m.youtube.com/watch?feature=share&v={YOUTUBE_ID}",
        f"https://youtu.be/{YOUTUBE_ID}",
        f"https://youtu.be/{YOUTUBE_ID}?si=tracking",
        f"https://www.youtube.com/shorts/{YOUTUBE_ID}",
        f"https://www.youtube.com/embed/{YOUTUBE_ID}",
        f"http://www.youtube.com/live/{YOUTUBE_ID}",
        f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}",
    ],
)
def test_youtube_urls_embed_through_the_no_cookie_host(url):
    assert embed_url_for(url) == f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}"


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/76979871",
        "https://www.vimeo.com/76979871",
        "https://vimeo.com/channels/staffpicks/76979871",
        "https://player.vimeo.com/video/76979871",
    ],
)
def test_vimeo_urls_embed_with_do_not_track(url):
    assert embed_url_for(url) == "https://player.vimeo.com/video/76979871?dnt=1"


@pytest.mark.parametrize(
    "url",
    [
        "",
        None,
        "not a url",
        "https://www.imdb.com/video/vi1234567/",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch",
        "https://www.youtube.com/@refn",
        f"https://www.youtube.com/watch?v={YOUTUBE_ID}%22onload%3D",
        f"https://youtu.be/{YOUTUBE_ID}x",
        "https://vimeo.com/",
        "https://vimeo.com/about",
        f"https://evil.example/watch?v={YOUTUBE_ID}",
        f"https://youtube.com.evil.example/watch?v={YOUTUBE_ID}",
        f"javascript:alert(1)//https://www.youtube.com/watch?v={YOUTUBE_ID}",
        f"JavaScript://www.youtube.com/watch?v={YOUTUBE_ID}",
        f"data:text/html,https://youtu.be/{YOUTUBE_ID}",
        f"ftp://youtu.be/{YOUTUBE_ID}",
    ],
)
def test_anything_else_gets_no_embed(url):
    assert embed_url_for(url) is None


def test_video_signal_exposes_its_embed_url(db):
    film = make_film()
    signal = add_video(film, f"https://youtu.be/{YOUTUBE_ID}")

    assert signal.embed_url == f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}"


# On the page.


def video_slot(reader, film):
    response = reader.get(film.get_absolute_url())
    assert response.status_code == 200
    slot = page_of(response).by_id("video-signal")
    assert slot is not None, "the video slot is always on the page"
    assert slot.heading == "Latest video signal"
    return slot


@pytest.mark.django_db
def test_film_without_video_shows_the_trailer_slot_ready(reader):
    film = make_film()

    slot = video_slot(reader, film)

    assert "Trailer slot ready" in slot.text
    assert slot.find("iframe") is None


@pytest.mark.django_db
def test_youtube_signal_plays_in_a_no_cookie_iframe(reader):
    film = make_film()
    add_video(film, f"https://www.youtube.com/watch?v={YOUTUBE_ID}")

    slot = video_slot(reader, film)

    iframe = slot.find("iframe")
    assert iframe is not None
    assert iframe.attrs["src"] == f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}"
    assert iframe.attrs.get("title"), "an iframe needs a title for screen readers"
    assert "Trailer slot ready" not in slot.text


@pytest.mark.django_db
def test_vimeo_signal_plays_in_a_do_not_track_iframe(reader):
    film = make_film()
    add_video(film, "https://vimeo.com/76979871", kind="interview", title="Refn on Drive")

    slot = video_slot(reader, film)

    iframe = slot.find("iframe")
    assert iframe is not None
    assert iframe.attrs["src"] == "https://player.vimeo.com/video/76979871?dnt=1"


@pytest.mark.django_db
def test_other_video_hosts_get_a_plain_link_and_no_iframe(reader):
    film = make_film()
    add_video(film, "https://www.imdb.com/video/vi1234567/", title="IMDb trailer")

    slot = video_slot(reader, film)

    assert slot.find("iframe") is None
    assert slot.find("a", href="https://www.imdb.com/video/vi1234567/") is not None
    assert "Trailer slot ready" not in slot.text


@pytest.mark.django_db
def test_newest_video_signal_wins(reader):
    film = make_film()
    add_video(film, "https://www.youtube.com/watch?v=AAAAAAAAAAA", published_on=date(2011, 5, 20), title="Cannes teaser")
    add_video(film, "https://www.youtube.com/watch?v=CCCCCCCCCCC", published_on=date(2021, 9, 16), title="Anniversary")
    add_video(film, "https://www.youtube.com/watch?v=BBBBBBBBBBB", published_on=date(2011, 9, 1), title="Trailer")

    slot = video_slot(reader, film)

    frames = slot.find_all("iframe")
    assert [frame.attrs["src"] for frame in frames] == ["https://www.youtube-nocookie.com/embed/CCCCCCCCCCC"]


@pytest.mark.django_db
def test_csp_allows_only_the_embedded_video_hosts_as_frames(reader):
    film = make_film()
    add_video(film, f"https://youtu.be/{YOUTUBE_ID}")

    response = reader.get(film.get_absolute_url())

    policy = response.headers["Content-Security-Policy"]
    frame_src = next(part.strip() for part in policy.split(";") if part.strip().startswith("frame-src"))
    assert frame_src.split()[1:] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
