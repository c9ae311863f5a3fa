"""The site's own words never make a browser fetch a second font file.

Each family is split (docs/fonts.md): a first file for English, French and most names, and
files a page fetches only when it shows a rarer character. A French interface string or a
template's own text with a character outside the first file's unicode-range would cost every
page that shows it an extra download (Fraunces' extra files are 17-19 KB each)."""

import re
from pathlib import Path

from django.conf import settings

CSS = Path(settings.BASE_DIR, "static/css/site.css").read_text()
FACE = re.compile(r"@font-face\s*\{(.*?)\}", re.S)


def faces():
    for body in FACE.findall(CSS):
        family = re.search(r'font-family:\s*"([^"]+)"', body).group(1)
        style = re.search(r"font-style:\s*(\w+)", body).group(1)
        file = re.search(r'url\("\.\./fonts/([^"]+)"\)', body).group(1)
        ranges = re.search(r"unicode-range:\s*([^;]+);", body).group(1)
        yield family, style, file, code_points(ranges)


def code_points(ranges):
    points = set()
    for part in ranges.replace("\n", " ").split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def first_files():
    """Per family and style, the face a page always needs (the first one declared)."""
    first = {}
    for family, style, file, points in faces():
        first.setdefault((family, style), (file, points))
    return first


def site_text():
    """Every character of the templates and of the French translations."""
    templates = "".join(path.read_text() for path in Path(settings.BASE_DIR, "templates").rglob("*.html"))
    french = Path(settings.BASE_DIR, "locale/fr/LC_MESSAGES/django.po").read_text()
    return set(templates + french)


def test_the_site_text_needs_only_the_first_file_of_each_family():
    for (family, style), (first_file, first_points) in first_files().items():
        later = set().union(*(points for f, s, file, points in faces()
                              if (f, s) == (family, style) and file != first_file))
        needing_later = sorted(ch for ch in site_text() if ord(ch) in later - first_points)
        assert needing_later == [], f"{family} {style}: {needing_later} would fetch a second file"


def test_the_faces_of_a_family_never_overlap():
    # Two faces claiming one character: the browser picks the last declared, and the split lies.
    seen = {}
    for family, style, file, points in faces():
        for point in points:
            other = seen.setdefault((family, style, point), file)
            assert other == file, f"U+{point:04X} is in both {other} and {file}"


def test_french_and_names_are_in_the_first_files():
    for (family, style), (file, points) in first_files().items():
        missing = [ch for ch in "éèàçôîûëïüÿœæÉÀÇŒ«»’–—…öñåøß€" if ord(ch) not in points]
        assert missing == [], f"{file} lacks {missing}"


def test_preloaded_fonts_are_first_files_that_exist():
    base = Path(settings.BASE_DIR, "templates/base.html").read_text()
    preloaded = re.findall(r"""rel="preload" href="\{% static 'fonts/([^']+)' %\}" as="font\"""", base)
    assert preloaded, "base.html preloads no font"
    firsts = {file for file, points in first_files().values()}
    for file in preloaded:
        assert file in firsts, f"{file} is preloaded but is not a family's first file"
        assert Path(settings.BASE_DIR, "static/fonts", file).stat().st_size > 0
