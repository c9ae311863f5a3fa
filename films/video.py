"""Turn a video page URL into a privacy-friendly embed URL.

Only YouTube (through its no-cookie host) and Vimeo (with Do Not Track) are
embedded; these are the frame sources the Content Security Policy allows.
Anything else is shown as a plain link.
"""

import re
from urllib.parse import parse_qs, urlparse

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^\d+$")


def _youtube_id(parsed):
    host = parsed.netloc.lower().removeprefix("www.").removeprefix("m.")
    path = parsed.path.strip("/")
    if host == "youtu.be":
        return path.split("/")[0]
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if path == "watch":
            return parse_qs(parsed.query).get("v", [""])[0]
        parts = path.split("/")
        if len(parts) == 2 and parts[0] in {"embed", "shorts", "live"}:
            return parts[1]
    return None


def _vimeo_id(parsed):
    host = parsed.netloc.lower().removeprefix("www.")
    if host not in {"vimeo.com", "player.vimeo.com"}:
        return None
    parts = [part for part in parsed.path.split("/") if part]
    return parts[-1] if parts else None


def embed_url_for(url):
    parsed = urlparse(url or "")
    if parsed.scheme not in {"http", "https"}:
        return None
    video_id = _youtube_id(parsed)
    if video_id and _YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    video_id = _vimeo_id(parsed)
    if video_id and _VIMEO_ID.match(video_id):
        return f"https://player.vimeo.com/video/{video_id}?dnt=1"
    return None
