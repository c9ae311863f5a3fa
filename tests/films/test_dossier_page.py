"""The dossier page: every section under its heading, only what is filed, in a bounded number of queries."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.models import (
    AfterlifeEntry,
    CaseFileLens,
    CraftNote,
    ProductionFileEntry,
    ProductionNote,
    SceneArchitectureEntry,
    Steelman,
)
from films.models import Credit, Genre, VideoSignal
from tests.factories import (
    add_cast,
    add_clips,
    add_entries,
    add_photo,
    add_video,
    image_bytes,
    make_collection,
    make_film,
    make_full_dossier,
    make_person,
)
from tests.html import page_of

pytestmark = pytest.mark.django_db

# (section id, its h2) in page order.
SECTIONS = [
    ("video-signal", "Latest video signal"),
    ("why-it-matters", "Why it matters"),
    ("craft-read", "Craft read"),
    ("themes", "Themes"),
    ("cast-and-context", "Cast and context"),
    ("coverage", "Coverage status"),
    ("production-notes", "Production notes"),
    ("watch-next", "What should you do after Drive?"),
    ("case-file", "The argument this page is making"),
    ("behind-the-movie", "Production photos worth studying"),
    ("production-file", "How the movie became this object"),
    ("scene-architecture", "The moments that change the machine"),
    ("cultural-afterlife", "What people did with it afterward"),
    ("editorial-modules", None),
    ("scene-shelf", "The clips that prove the movie"),
    ("more-from-director", "More from this director"),
]


def get_page(reader, film):
    response = reader.get(film.get_absolute_url())
    assert response.status_code == 200
    return page_of(response)


@pytest.fixture
def drive():
    """Drive as the seed page has it: every section filed, a sibling film by Refn, a trailer."""
    film = make_full_dossier("Drive")
    refn = film.credits.get(role=Credit.Role.DIRECTOR).person
    make_film("Only God Forgives", year=2013, director=refn)
    add_video(film, "https://www.youtube.com/watch?v=KBiOF3y1W0Y", title="Official trailer")
    return film


def test_full_dossier_shows_every_section_under_its_heading(reader, drive):
    page = get_page(reader, drive)

    for section_id, heading in SECTIONS:
        section = page.by_id(section_id)
        assert section is not None, f"#{section_id} is missing"
        if heading:
            assert section.heading == heading, section_id


def test_sections_come_in_the_seed_page_order(reader, drive):
    ids = [element.attrs["id"] for element in get_page(reader, drive).iter() if "id" in element.attrs]

    positions = [ids.index(section_id) for section_id, _heading in SECTIONS]
    assert positions == sorted(positions)


def test_page_has_one_h1_with_the_title_and_the_director(reader, drive):
    page = get_page(reader, drive)

    assert [h1.text for h1 in page.find_all("h1")] == ["Drive"]
    assert "Directed by Nicolas Winding Refn" in page.text
    assert "Not rated" in page.text


def test_empty_sections_are_left_out_but_the_video_slot_stays(reader):
    film = make_film("Bare", genres=[], themes=[])

    page = get_page(reader, film)

    # The video slot says it is ready, coverage always has a score, and the
    # watch-next section always carries the "Suggest a better next pick" form.
    for section_id, _heading in SECTIONS:
        if section_id in {"video-signal", "coverage", "watch-next"}:
            assert page.by_id(section_id) is not None, section_id
        else:
            assert page.by_id(section_id) is None, f"#{section_id} should be left out when empty"
    assert "Trailer slot ready" in page.by_id("video-signal").text
    pathway_cards = [
        li for li in page.by_id("watch-next").find_all("li") if "pathway" in li.attrs.get("class", "").split()
    ]
    assert pathway_cards == []


def test_craft_read_shows_labelled_notes_in_order(reader, drive):
    notes = get_page(reader, drive).by_id("craft-read").text

    assert notes.index("Mood") < notes.index("Violence") < notes.index("Identity")
    assert "Sudden and total." in notes


def test_themes_link_to_their_theme_pages(reader, drive):
    themes = get_page(reader, drive).by_id("themes")

    links = {link.text: link.attrs["href"] for link in themes.find_all("a")}
    assert links == {
        "identity": "/themes/identity/",
        "loneliness": "/themes/loneliness/",
        "violence": "/themes/violence/",
    }


def test_cast_links_to_people_pages(reader, drive):
    cast = get_page(reader, drive).by_id("cast-and-context")

    gosling = drive.credits.get(person__name="Ryan Gosling").person
    link = cast.find("a", href=gosling.get_absolute_url())
    assert link is not None
    assert link.text == "Ryan Gosling"
    assert gosling.get_absolute_url() == "/people/ryan-gosling/"
    assert "as Driver" in cast.text


def test_director_lane_counts_live_pages_with_plural(reader, drive):
    lane = get_page(reader, drive).by_id("cast-and-context").text

    assert "Nicolas Winding Refn currently has 2 live movie pages in Cinema One." in lane


def test_director_lane_says_one_live_movie_page_in_the_singular(reader):
    film = make_film("Bronson", year=2008, director="Nicolas Winding Refn")

    lane = get_page(reader, film).by_id("cast-and-context").text

    assert "Nicolas Winding Refn currently has 1 live movie page in Cinema One." in lane


def test_coverage_shows_score_tier_and_checklist(reader, drive):
    coverage = get_page(reader, drive).by_id("coverage")

    assert "13/13" in coverage.text
    assert "fully authored" in coverage.text
    assert "Collection pathway live" in coverage.text


def test_coverage_on_the_page_follows_the_content(reader, drive):
    Steelman.objects.filter(film=drive).delete()

    coverage = get_page(reader, drive).by_id("coverage").text

    assert "12/13" in coverage
    assert "shaped" in coverage
    assert "fully authored" not in coverage


def test_watch_next_offers_filmmaker_theme_and_shelf(reader, drive):
    make_film("Blade Runner", year=1982, themes=["loneliness"])

    watch_next = get_page(reader, drive).by_id("watch-next")

    assert watch_next.heading == "What should you do after Drive?"
    hrefs = [link.attrs["href"] for link in watch_next.find_all("a")]
    assert "/films/only-god-forgives/" in hrefs
    assert "/films/blade-runner/" in hrefs
    assert drive.collections.get().get_absolute_url() in hrefs


def test_case_file_shows_its_four_lenses(reader, drive):
    case_file = get_page(reader, drive).by_id("case-file")

    assert [h3.text for h3 in case_file.find_all("h3")] == ["Core tension", "Best lens", "Director lane", "Page job"]


def test_behind_the_movie_shows_only_reviewed_photos_numbered(reader, drive):
    add_photo(drive, reviewed=True, title="Gosling at the wheel", position=5)
    add_photo(drive, reviewed=False, title="Unchecked set photo", position=6)

    section = get_page(reader, drive).by_id("behind-the-movie")

    assert "BTS file #1" in section.text
    assert "BTS file #2" in section.text
    assert "BTS file #3" not in section.text
    assert "Gosling at the wheel" in section.text
    assert "Unchecked set photo" not in section.text
    assert len(section.find_all("img")) == 2


def test_section_is_left_out_when_its_only_photo_is_unreviewed(reader):
    film = make_film()
    add_photo(film, reviewed=False, title="Unchecked set photo")

    page = get_page(reader, film)

    assert page.by_id("behind-the-movie") is None
    assert "Unchecked set photo" not in page.text


def test_photos_carry_dimensions_alt_text_and_lazy_loading(reader, drive):
    add_photo(drive, title="Wide", width=64, height=40, alt_text="Refn framing the garage")

    images = get_page(reader, drive).by_id("behind-the-movie").find_all("img")

    assert len(images) == 2
    for image in images:
        assert image.attrs.get("loading") == "lazy"
        assert image.attrs.get("width") and image.attrs.get("height")
        assert image.attrs.get("alt")
        assert image.attrs["src"].startswith("/media/renditions/bts/")  # a stored rendition, not the original
    wide = next(image for image in images if image.attrs["alt"] == "Refn framing the garage")
    assert (wide.attrs.get("width"), wide.attrs.get("height")) == ("64", "40")


def test_hero_backdrop_loads_eagerly_with_its_dimensions(reader, drive):
    drive.backdrop.save("drive.jpg", ContentFile(image_bytes(160, 90, "JPEG")), save=False)
    drive.backdrop_alt = "The Driver in the scorpion jacket"
    drive.save()

    image = get_page(reader, drive).find("img", alt="The Driver in the scorpion jacket")

    assert image is not None
    assert image.attrs["src"].startswith("/media/renditions/backdrops/")
    assert (image.attrs.get("width"), image.attrs.get("height")) == ("160", "90")
    assert image.attrs.get("loading") != "lazy", "the first screen must not wait for lazy loading"


def test_titled_block_sections_show_their_blocks(reader, drive):
    page = get_page(reader, drive)

    assert "Production file 2" in page.by_id("production-file").text
    assert "Scene block 2" in page.by_id("scene-architecture").text
    assert "Afterlife 2" in page.by_id("cultural-afterlife").text


def test_editorial_modules_are_articles_with_their_eyebrow(reader, drive):
    modules = get_page(reader, drive).by_id("editorial-modules")

    articles = modules.find_all("article")
    assert len(articles) == 4
    assert all("Editorial module" in article.text for article in articles)
    assert [article.heading for article in articles] == ["The elevator", "Five minutes", "The drive away", "Too cool?"]
    assert "You give me a time and a place." in modules.find("blockquote").text


def test_scene_shelf_numbers_its_clips(reader, drive):
    shelf = get_page(reader, drive).by_id("scene-shelf")

    assert [h3.text for h3 in shelf.find_all("h3")] == ["Clip 1", "Clip 2", "Clip 3"]
    assert "Mood / thesis" in shelf.text
    assert "Movieclips" in shelf.text


def test_more_from_director_lists_other_live_films(reader, drive):
    section = get_page(reader, drive).by_id("more-from-director")

    assert section.find("a", href="/films/only-god-forgives/") is not None
    assert section.find("a", href="/films/drive/") is None


# Bounded queries: the page costs the same however much a dossier holds.

# Measured on the 40-item dossier, the same on SQLite and PostgreSQL: 1 content version
# + 1 film (coverage facts, newest video and first live shelf as columns) + 8 prefetches
# (genres, themes, credits, entries, reviewed photos, watch-next pins, clips with their
# pick counts, published trivia) + 1 director lane and its cards' directors (2) + 1 approved reader
# answers. The first request after a
# content change also computes the live themes for the pressure pick (1 query); later
# requests read them from the cache.
# The film with its sections, one query per related list, the director's other films, the
# pressure pick, the approved answers: however many items each section has.
DOSSIER_PAGE_QUERIES = 14


def build_dossier_with(size, title="Drive", director_name="Nicolas Winding Refn"):
    """A live film with `size` items in every repeating section and around it."""
    director = make_person(director_name)
    film = make_film(title, director=director)
    add_cast(film, size)
    for model, heading in [
        (CraftNote, "Craft note"),
        (ProductionNote, "Production note"),
        (CaseFileLens, "Lens"),
        (ProductionFileEntry, "Production file"),
        (SceneArchitectureEntry, "Scene block"),
        (AfterlifeEntry, "Afterlife"),
    ]:
        add_entries(film, model, size, heading=heading)
    for n in range(1, size + 1):
        add_photo(film, title=f"Production photo #{n}", position=n)
    add_photo(film, reviewed=False, title="Unreviewed photo", position=0)
    add_clips(film, size)
    film.themes.add(*(f"theme {n}" for n in range(1, size + 1)))
    film.genres.add(
        *Genre.objects.bulk_create(
            Genre(name=f"Genre {n} ({title})", slug=f"{film.slug}-genre-{n}") for n in range(1, size + 1)
        )
    )
    VideoSignal.objects.bulk_create(
        VideoSignal(film=film, title=f"Signal {n}", url=f"https://vimeo.com/{1000 + n}", published_on=date(2011, 1, n % 28 + 1))
        for n in range(1, size + 1)
    )
    for n in range(1, size + 1):
        sibling = make_film(f"Sibling {n}", year=1990 + n, themes=["theme 1"], director=director)
        make_collection(f"Shelf {n}", films=[film, sibling])
    return film


@pytest.mark.parametrize("size", [3, 40])
def test_dossier_page_runs_a_fixed_number_of_queries(reader, django_assert_max_num_queries, size):
    film = build_dossier_with(size)

    with django_assert_max_num_queries(DOSSIER_PAGE_QUERIES):
        response = reader.get(film.get_absolute_url())
    with django_assert_max_num_queries(DOSSIER_PAGE_QUERIES):
        again = reader.get(film.get_absolute_url())

    assert response.status_code == again.status_code == 200
    assert page_of(again).by_id("watch-next").text == page_of(response).by_id("watch-next").text
    page = page_of(response)
    last = str(size)
    assert f"Actor {last}" in page.by_id("cast-and-context").text
    assert f"Craft note {last}" in page.by_id("craft-read").text
    assert f"Production note {last}" in page.by_id("production-notes").text
    assert f"Lens {last}" in page.by_id("case-file").text
    assert f"Production file {last}" in page.by_id("production-file").text
    assert f"Scene block {last}" in page.by_id("scene-architecture").text
    assert f"Afterlife {last}" in page.by_id("cultural-afterlife").text
    assert f"BTS file #{last}" in page.by_id("behind-the-movie").text
    assert f"Production photo #{last}" in page.by_id("behind-the-movie").text
    assert len(page.by_id("behind-the-movie").find_all("img")) == size
    assert f"Clip {last}" in page.by_id("scene-shelf").text
    assert page.by_id("themes").find("a", href=f"/themes/theme-{last}/") is not None
    assert f"Genre {last}" in page.text
    assert f"currently has {size + 1} live movie pages" in page.by_id("cast-and-context").text
    assert page.by_id("more-from-director").find("a", href=f"/films/sibling-{last}/") is not None
    assert "Shelf 1" in page.by_id("watch-next").text
    assert page.by_id("video-signal").find("iframe") is not None


def test_dossier_page_costs_the_same_with_3_or_40_items_per_section(reader):
    small = build_dossier_with(3, "Bronson", "Director of the small one")
    big = build_dossier_with(40, "Drive", "Nicolas Winding Refn")
    counts = {}
    for size, film in [(3, small), (40, big)]:
        for visit in ("first", "again"):
            with CaptureQueriesContext(connection) as queries:
                assert reader.get(film.get_absolute_url()).status_code == 200
            counts[size, visit] = len(queries)

    assert counts[3, "first"] == counts[40, "first"] == counts[3, "again"] == counts[40, "again"]
    assert counts[40, "first"] <= DOSSIER_PAGE_QUERIES
