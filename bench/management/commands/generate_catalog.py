"""Generate a synthetic catalog for the benchmark (`make bench`): N live films, M submissions.

Everything goes in with `bulk_create` (docs/benchmarks.md gives the time of every
stage). Bulk inserts send no signals, so what the signals would keep is done here:
`published_at` is set on each film, no image is processed per row (every photo
points at one of a handful of JPEG files written once into MEDIA_ROOT/bench/, with
width and height set explicitly), each film's stored coverage is worked out once the
dossiers are in (`refresh_coverage`), the submission tallies are recounted, and the
page cache is emptied at the end (`pagecache.tags.purge_all`).

Meant for an empty, freshly migrated database (the harness drops and recreates
its own, `cinemaone_bench_<films>`, on every run); it refuses to run on a
database that already holds films unless --force is given.

Shape of the data, per film: 2–3 genres, 3–6 themes (about 80, with a skewed
popularity), 1 director (directors are reused: each directs ~4 films, one of
them 12 at every scale), 6 cast and 2 crew credits, every dossier section
(why it matters 1, craft 3, production notes 5, lenses 4, production file 4,
scene architecture 3, afterlife 2, and the four single modules), 4 reviewed
photos, 5 scene clips; a video signal on a third of the films; one live
collection of 20 films per 25 films; a pinned watch-next pick on 1 %. The ten
"hot" films get 2 % of the submissions each (so a dossier with thousands of
reader answers exists at every scale); the rest are spread evenly. One film in
20 has "Night" in its title, and more at a small scale, so that
`/search/?q=night` fills its first page of results at every scale (at 100
films, one in 5).
"""

import datetime
import hashlib
import io
import itertools
import json
import random
import time
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from editorial.coverage import refresh_coverage
from editorial.models import (
    Collection,
    CollectionItem,
    DossierEntry,
    Pathway,
    Section,
    WatchNextPick,
)
from films.models import (
    BehindTheScenesPhoto,
    Credit,
    Film,
    Genre,
    Person,
    SceneClip,
    ThemedFilm,
    VideoSignal,
)
from pagecache import tags as page_tags
from public.views import SEARCH_PAGE_SIZE
from submissions import tallies
from submissions.models import Submission

BATCH = 2000
HOT_FILMS = 10  # films that get HOT_SHARE of the submissions each
HOT_SHARE = 0.02
PROLIFIC_FILMS = 12  # films of the most prolific director, at every scale
FILMS_PER_DIRECTOR = 4
FILMS_PER_COLLECTION = 25
COLLECTION_SIZE = 20
SEARCH_WORD_EVERY = 20  # one title in 20 carries "Night" (more often when that would not fill a page)

# Entries per section for every film (the four modules and the essay hold one each).
SECTION_COUNTS = {
    Section.WHY_IT_MATTERS: 1,
    Section.CRAFT: 3,
    Section.PRODUCTION_NOTE: 5,
    Section.LENS: 4,
    Section.PRODUCTION_FILE: 4,
    Section.SCENE_ARCHITECTURE: 3,
    Section.AFTERLIFE: 2,
    Section.SIGNATURE_SCENE: 1,
    Section.QUOTE: 1,
    Section.ENDING: 1,
    Section.STEELMAN: 1,
}

GENRES = [
    "Drama", "Crime", "Thriller", "Comedy", "Romance", "Science fiction", "Horror", "Documentary",
    "Animation", "Western", "War", "Musical", "Mystery", "Fantasy", "Adventure",
]
GENRE_WEIGHTS = [30, 14, 12, 10, 8, 6, 5, 3, 3, 2, 3, 2, 6, 4, 5]

THEMES = [
    "revenge", "memory", "guilt", "obsession", "grief", "loneliness", "class", "ambition", "betrayal",
    "family", "identity", "desire", "faith", "exile", "power", "surveillance", "masculinity",
    "adolescence", "ageing", "addiction", "war", "colonialism", "migration", "labour", "money",
    "justice", "corruption", "friendship", "first love", "marriage", "divorce", "motherhood",
    "fatherhood", "childhood", "death", "illness", "madness", "dreams", "time", "technology", "media",
    "celebrity", "art", "music", "dance", "sport", "cars", "cities", "the sea", "the desert", "winter",
    "rain", "islands", "trains", "hotels", "heists", "cons", "double lives", "doppelgangers", "ghosts",
    "monsters", "apocalypse", "utopia", "dystopia", "rebellion", "revolution", "prison", "escape",
    "road trips", "small towns", "suburbia", "wealth", "poverty", "honour", "loyalty", "secrets",
    "silence", "solitude", "redemption", "survival",
]

ADJECTIVES = [
    "Silent", "Broken", "Golden", "Last", "Hidden", "Burning", "Cold", "Distant", "Empty", "Final",
    "Frozen", "Gentle", "Hollow", "Lost", "Narrow", "Pale", "Quiet", "Restless", "Scarlet", "Secret",
    "Shallow", "Sleeping", "Stolen", "Strange", "Sudden", "Tender", "Velvet", "Wild", "Wounded", "Blue",
    "Crooked", "Drifting", "Electric", "Fading", "Glass", "Heavy", "Iron", "Long", "Mirror", "Open",
]
NOUNS = [
    "Harbour", "River", "City", "Garden", "Mirror", "Road", "House", "Summer", "Winter", "Letter",
    "Station", "Island", "Border", "Window", "Bridge", "Machine", "Season", "Frontier", "Hotel", "Coast",
    "Theatre", "Circus", "Forest", "Desert", "Lantern", "Orchard", "Tunnel", "Canal", "Signal", "Engine",
    "Archive", "Ballroom", "Chapel", "Cinema", "Factory", "Harvest", "Kingdom", "Lighthouse", "Market",
    "Mountain", "Parade", "Quarry", "Reef", "Saint", "Tower", "Valley", "Voyage", "Witness", "Years",
    "Echo", "Fever", "Glory", "Horizon", "Promise", "Shadow", "Silence", "Stranger", "Thunder", "Verdict",
]
FIRST_NAMES = [
    "Anna", "Ben", "Carla", "David", "Elena", "Felix", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Leo",
    "Maya", "Nils", "Olga", "Pablo", "Rosa", "Sami", "Tara", "Umberto", "Vera", "Walter", "Xenia",
    "Yusuf", "Zoe", "Amir", "Bianca", "Chen", "Dario", "Emeka", "Freya", "Goran", "Hana", "Ivo",
    "Julia", "Kenji", "Lucia", "Marek", "Nadia", "Omar",
]
LAST_NAMES = [
    "Almeida", "Brandt", "Castillo", "Dumont", "Eriksen", "Ferrante", "Gallo", "Haas", "Ibsen", "Jansen",
    "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato", "Tanaka",
    "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zeller", "Abe", "Bauer", "Costa", "Delgado", "Engel",
    "Fischer", "Grant", "Holm", "Ivanova", "Jung", "Keller", "Lund", "Marsh", "Nakamura",
]
CREW_JOBS = ["Cinematographer", "Editor", "Composer", "Production designer", "Screenwriter", "Producer"]
CERTIFICATIONS = ["U", "PG", "12A", "15", "18", "R", "PG-13", "Not rated"]
VIDEO_KINDS = [VideoSignal.Kind.TRAILER, VideoSignal.Kind.INTERVIEW, VideoSignal.Kind.SCENE]

WORDS = (
    "camera frame light shadow cut sound score silence face hand door window street room car rain "
    "morning evening road water glass fire voice memory pressure rhythm gesture doubt promise distance "
    "weight tension release colour grain lens angle edge return escape pursuit waiting argument "
    "performance ending opening patience craft pulse"
).split()

# Stand-in images, written once per run: (file name, width, height).
PHOTO_FILES = [(f"bench/bts-{n}.jpg", 1200, 800) for n in range(1, 5)]
BACKDROP_FILES = [(f"bench/backdrop-{n}.jpg", 1600, 900) for n in range(1, 3)]
IMAGE_MANIFEST = "bench/manifest.json"  # the files and renditions written, reused by the next scale


def _sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _chunks(iterable, size=BATCH):
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _bulk(model, rows, size=BATCH):
    """Insert an iterable of unsaved rows in batches, never holding more than one batch; returns the count."""
    total = 0
    for chunk in _chunks(rows, size):
        model.objects.bulk_create(chunk, batch_size=size)
        total += len(chunk)
    return total


@contextmanager
def _explicit_timestamps(*fields):
    """Let bulk_create keep the times we set on auto_now / auto_now_add fields (spread over years)."""
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    try:
        for field in fields:
            field.auto_now = field.auto_now_add = False
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _zipf_weights(count, exponent=0.9):
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


class Command(BaseCommand):
    help = (
        "Generate a synthetic catalog for the benchmark into the (empty, migrated) database DATABASE_URL points "
        "at: --films live films with people, credits, every dossier section, photos, clips, collections, and "
        "--submissions reader submissions. Bulk inserts only; prints the time of every stage."
    )

    def add_arguments(self, parser):
        parser.add_argument("--films", type=int, default=100)
        parser.add_argument("--submissions", type=int, default=200_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="store_true", help="Run even if the database already has films.")
        parser.add_argument("--json", help="Also write the stage timings (seconds) to this JSON file.")

    def handle(self, *args, **options):
        films_wanted, submissions_wanted = options["films"], options["submissions"]
        if films_wanted < HOT_FILMS + PROLIFIC_FILMS:
            raise CommandError(f"--films must be at least {HOT_FILMS + PROLIFIC_FILMS}.")
        if Film.objects.exists() and not options["force"]:
            raise CommandError(
                "This database already holds films. generate_catalog fills an empty, migrated database "
                "(the benchmark drops and recreates its own); pass --force to add to it anyway."
            )
        self.rng = random.Random(options["seed"])
        self.seed = options["seed"]
        self.now = timezone.now()
        self.timings = {}
        started = time.perf_counter()

        self._stage("images", self._images)
        with transaction.atomic():
            self._stage("genres and themes", self._genres_and_themes)
            self._stage("people", lambda: self._people(films_wanted))
            self._stage("films", lambda: self._films(films_wanted))
            self._stage("genre and theme links", self._film_links)
            self._stage("credits", self._credits)
            self._stage("dossier entries", self._entries)
            self._stage("photos, clips, video signals", self._media_rows)
            self._stage("collections and pinned picks", self._collections)
            self._stage("coverage", refresh_coverage)  # bulk inserts send no signals
        with transaction.atomic():
            self._stage("submissions", lambda: self._submissions(submissions_wanted))
            self._stage("submission tallies", tallies.recount)  # bulk inserts send no signals
        self._stage("analyze", self._analyze)
        self._stage("page cache purge", page_tags.purge_all)  # no page stored before this run survives

        self.timings["total"] = round(time.perf_counter() - started, 2)
        self.stdout.write(self.style.SUCCESS(
            f"Generated {len(self.film_ids):,} live films and {submissions_wanted:,} submissions "
            f"in {self.timings['total']:.1f} s."
        ))
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(
                {"films": films_wanted, "submissions": submissions_wanted, "seed": self.seed,
                 "stages": self.timings}, indent=2
            ))

    def _stage(self, name, function):
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        self.timings[name] = round(elapsed, 2)
        detail = f" ({result:,} rows)" if isinstance(result, int) else ""
        self.stdout.write(f"  {name:<32} {elapsed:7.2f} s{detail}")
        return result

    # ------------------------------------------------------------------ images

    def _images(self):
        """A handful of real JPEGs every photo and backdrop points at; renditions made once per file.

        Kept in MEDIA_ROOT/bench/ with a manifest, so the next scale of the same run reuses them.
        """
        manifest = self._stored_manifest()
        if manifest is None:
            manifest = {"photos": [self._write_image(*spec, number) for number, spec in enumerate(PHOTO_FILES)],
                        "backdrops": [self._write_image(*spec, number) for number, spec in enumerate(BACKDROP_FILES)]}
            if default_storage.exists(IMAGE_MANIFEST):
                default_storage.delete(IMAGE_MANIFEST)
            default_storage.save(IMAGE_MANIFEST, ContentFile(json.dumps(manifest).encode()))
        self.photo_files, self.backdrop_files = manifest["photos"], manifest["backdrops"]
        return len(self.photo_files) + len(self.backdrop_files)

    def _stored_manifest(self):
        if not default_storage.exists(IMAGE_MANIFEST):
            return None
        with default_storage.open(IMAGE_MANIFEST) as stored:
            manifest = json.loads(stored.read())
        names = [image["name"] for image in manifest["photos"] + manifest["backdrops"]]
        expected = len(PHOTO_FILES) + len(BACKDROP_FILES)
        if len(names) != expected or not all(default_storage.exists(name) for name in names):
            return None
        return manifest

    def _write_image(self, name, width, height, number):
        from PIL import Image, ImageDraw

        image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
        tint = Image.new("RGB", (width, height), ((40 * number) % 255, 60, 120 + 20 * number))
        image = Image.blend(image, tint, 0.55)
        draw = ImageDraw.Draw(image)
        for line in range(12):
            y = (line * 67 + number * 13) % height
            draw.line((0, y, width, (y + 200) % height), fill=(230, 200, 150), width=3)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=80)
        if default_storage.exists(name):
            default_storage.delete(name)
        stored = default_storage.save(name, ContentFile(buffer.getvalue()))
        return {"name": stored, "width": width, "height": height, "renditions": self._renditions(stored)}

    @staticmethod
    def _renditions(name):
        """The renditions dict the site stores for an uploaded image, if this version of the site has them."""
        if "renditions" not in {field.name for field in BehindTheScenesPhoto._meta.get_fields()}:
            return None
        try:
            from films.images import process_image
        except ImportError:
            return None
        return process_image(BehindTheScenesPhoto(image=name).image)

    # ------------------------------------------------------------------ taxonomy and people

    def _genres_and_themes(self):
        genres = Genre.objects.bulk_create(Genre(name=name, slug=slugify(name)) for name in GENRES)
        self.genre_ids = [genre.pk for genre in genres]
        tags = Tag.objects.bulk_create(Tag(name=name, slug=slugify(name)) for name in THEMES)
        self.tag_ids = [tag.pk for tag in tags]
        return len(genres) + len(tags)

    def _people(self, films):
        rng = self.rng
        directors = max(1, (films - PROLIFIC_FILMS) // FILMS_PER_DIRECTOR + 1)
        total = max(int(films * 2.5), directors + 20)
        crew = max(10, films // 2)  # the rest of the people are cast

        def people():
            for n in range(total):
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                yield Person(name=name, slug=f"{slugify(name)}-{n}", bio=_sentence(rng, 20))

        created = _bulk(Person, people())
        ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
        self.director_ids = ids[:directors]
        self.crew_ids = ids[directors:directors + crew]
        self.cast_ids = ids[directors + crew:]
        assert len(self.cast_ids) >= 6, "not enough people for a cast"
        return created

    # ------------------------------------------------------------------ films

    def _films(self, count):
        rng = self.rng
        featured = set(rng.sample(range(count), k=min(8, count)))

        # Enough "Night" titles for a full page of search results, so that the search
        # measured at 100 and at 10,000 films draws the same page.
        night_every = max(1, min(SEARCH_WORD_EVERY, count // SEARCH_PAGE_SIZE))

        def title(n):
            if n % night_every == night_every // 2:
                return rng.choice([f"The {rng.choice(ADJECTIVES)} Night", f"Night {rng.choice(NOUNS)}",
                                   f"Night of the {rng.choice(NOUNS)}"])
            pattern = rng.randrange(4)
            if pattern == 0:
                return f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
            if pattern == 1:
                return f"{rng.choice(NOUNS)} of {rng.choice(NOUNS)}"
            if pattern == 2:
                return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
            return rng.choice(NOUNS) + rng.choice(["", "s", " Years", " Song"])

        def films():
            for n in range(count):
                name = title(n)
                # Years: a realistic spread, most films recent.
                year = min(2025, int(2026 - rng.expovariate(1 / 22))) if rng.random() < 0.9 else rng.randint(1920, 1960)
                year = max(1920, year)
                backdrop = self.backdrop_files[n % len(self.backdrop_files)]
                published = self.now - datetime.timedelta(minutes=rng.randint(10, 5 * 365 * 24 * 60))
                film = Film(
                    title=name,
                    slug=f"{slugify(name)}-{n}",
                    logline=f"{rng.choice(FIRST_NAMES)} {rng.choice(['chases', 'hides', 'carries', 'loses', 'finds'])} "
                            f"a {rng.choice(WORDS)} across the {rng.choice(NOUNS).lower()} and pays for it.",
                    year=year,
                    runtime_minutes=rng.randint(78, 190),
                    rating=Decimal(rng.randint(50, 95)) / 10,
                    certification=rng.choice(CERTIFICATIONS),
                    backdrop=backdrop["name"],
                    backdrop_width=backdrop["width"],
                    backdrop_height=backdrop["height"],
                    backdrop_alt=f"A still from {name}.",
                    status=Film.Status.LIVE,
                    go_live_at=None,
                    published_at=published,
                    is_featured=n in featured,
                    created_at=published - datetime.timedelta(days=rng.randint(1, 60)),
                    updated_at=published,
                )
                if backdrop["renditions"] is not None and hasattr(film, "backdrop_renditions"):
                    film.backdrop_renditions = backdrop["renditions"]
                yield film

        with _explicit_timestamps(Film._meta.get_field("created_at"), Film._meta.get_field("updated_at")):
            created = _bulk(Film, films())
        self.film_ids = list(Film.objects.order_by("pk").values_list("pk", flat=True))
        # Hot films: the first ones (they get the submissions, collections and video signals they need).
        self.hot_ids = self.film_ids[:HOT_FILMS]
        return created

    def _film_links(self):
        rng = self.rng
        genre_weights = GENRE_WEIGHTS[: len(self.genre_ids)]
        theme_weights = _zipf_weights(len(self.tag_ids))
        Through = Film.genres.through

        def genre_rows():
            for film_id in self.film_ids:
                chosen = set()
                while len(chosen) < rng.randint(2, 3):
                    chosen.add(rng.choices(self.genre_ids, weights=genre_weights)[0])
                for genre_id in chosen:
                    yield Through(film_id=film_id, genre_id=genre_id)

        def theme_rows():
            for film_id in self.film_ids:
                wanted = rng.randint(3, 6)
                chosen = set()
                while len(chosen) < wanted:
                    chosen.add(rng.choices(self.tag_ids, weights=theme_weights)[0])
                for tag_id in chosen:
                    yield ThemedFilm(content_object_id=film_id, tag_id=tag_id)

        return _bulk(Through, genre_rows()) + _bulk(ThemedFilm, theme_rows())

    def _credits(self):
        rng = self.rng
        # The most prolific director (the first) directs PROLIFIC_FILMS films at every scale; the
        # others ~FILMS_PER_DIRECTOR each, in shuffled blocks, so every director lane has several films.
        order = self.film_ids[:]
        rng.shuffle(order)
        director_of = {film_id: self.director_ids[0] for film_id in order[:PROLIFIC_FILMS]}
        others = self.director_ids[1:] or self.director_ids
        for index, film_id in enumerate(order[PROLIFIC_FILMS:]):
            director_of[film_id] = others[(index // FILMS_PER_DIRECTOR) % len(others)]

        def rows():
            for film_id in self.film_ids:
                yield Credit(film_id=film_id, person_id=director_of[film_id], role=Credit.Role.DIRECTOR)
                for order_, person_id in enumerate(rng.sample(self.cast_ids, 6)):
                    yield Credit(film_id=film_id, person_id=person_id, role=Credit.Role.CAST,
                                 character=f"{rng.choice(FIRST_NAMES)} {order_ + 1}", billing_order=order_)
                for order_, (person_id, job) in enumerate(zip(rng.sample(self.crew_ids, 2), rng.sample(CREW_JOBS, 2), strict=True)):
                    yield Credit(film_id=film_id, person_id=person_id, role=Credit.Role.CREW, job=job,
                                 billing_order=order_)

        return _bulk(Credit, rows(), size=5000)

    def _entries(self):
        rng = self.rng
        # A pool of texts, reused: the page's cost is in the rows, not in the words.
        bodies = [" ".join(_sentence(rng, rng.randint(10, 22)) for _ in range(rng.randint(2, 5))) for _ in range(300)]
        headings = [f"{rng.choice(ADJECTIVES)} {rng.choice(WORDS)}" for _ in range(200)]

        def rows():
            for film_id in self.film_ids:
                for section, count in SECTION_COUNTS.items():
                    for position in range(count):
                        yield DossierEntry(
                            film_id=film_id,
                            section=section,
                            heading=rng.choice(headings),
                            body=rng.choice(bodies),
                            quote=_sentence(rng, 9) if section == Section.QUOTE else "",
                            position=position,
                        )

        return _bulk(DossierEntry, rows(), size=5000)

    def _media_rows(self):
        rng = self.rng
        has_renditions = "renditions" in {field.name for field in BehindTheScenesPhoto._meta.get_fields()}

        def photos():
            for film_id in self.film_ids:
                for position in range(1, 5):
                    image = self.photo_files[(film_id + position) % len(self.photo_files)]
                    photo = BehindTheScenesPhoto(
                        film_id=film_id,
                        image=image["name"],
                        width=image["width"],
                        height=image["height"],
                        alt_text="The crew setting up a night exterior." if position % 2 else "A rehearsal.",
                        title=f"{rng.choice(ADJECTIVES)} {rng.choice(WORDS)}",
                        why_it_matters=_sentence(rng, 18),
                        caption=_sentence(rng, 8),
                        source_name="Studio archive",
                        source_url="https://example.org/archive",
                        is_reviewed=True,
                        is_placeholder=True,
                        position=position,
                    )
                    if has_renditions and image["renditions"] is not None:
                        photo.renditions = image["renditions"]
                    yield photo

        def clips():
            for film_id in self.film_ids:
                for position in range(1, 6):
                    yield SceneClip(
                        film_id=film_id,
                        position=position,
                        source_channel=rng.choice(["Criterion", "Studio channel", "Festival"]),
                        label=rng.choice(["Mood / thesis", "Pressure", "Turn", "Release", "Style"]),
                        title=f"The {rng.choice(WORDS)} {rng.choice(['scene', 'sequence', 'shot'])}",
                        note=_sentence(rng, 14),
                        url=f"https://www.youtube.com/watch?v=bench{film_id}x{position}",
                    )

        hot = set(self.hot_ids)

        def videos():
            for index, film_id in enumerate(self.film_ids):
                if film_id in hot or index % 3 == 0:
                    yield VideoSignal(
                        film_id=film_id,
                        kind=rng.choice(VIDEO_KINDS),
                        title=f"{rng.choice(['Official trailer', 'Director interview', 'Opening scene'])}",
                        url=f"https://www.youtube.com/watch?v=video{film_id}",
                        published_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 2000)),
                    )

        total = _bulk(BehindTheScenesPhoto, photos()) + _bulk(SceneClip, clips(), size=5000)
        total += _bulk(VideoSignal, videos())
        self.clips_by_film = {}
        for clip_id, film_id in SceneClip.objects.values_list("pk", "film_id"):
            self.clips_by_film.setdefault(film_id, []).append(clip_id)
        return total

    def _collections(self):
        rng = self.rng
        count = max(1, len(self.film_ids) // FILMS_PER_COLLECTION)
        collections = Collection.objects.bulk_create(
            Collection(
                title=f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} shelf {n + 1}",
                slug=f"shelf-{n + 1}",
                argument=_sentence(rng, 30),
                status=Collection.Status.LIVE,
            )
            for n in range(count)
        )

        def items():
            for index, collection in enumerate(collections):
                members = rng.sample(self.film_ids, min(COLLECTION_SIZE, len(self.film_ids)))
                if index == 0:  # the hot films are on the first shelf, so their dossiers pass every check
                    members = list(dict.fromkeys(self.hot_ids + members))[:COLLECTION_SIZE]
                for position, film_id in enumerate(members):
                    yield CollectionItem(collection=collection, film_id=film_id, position=position,
                                         note=_sentence(rng, 10))

        total = len(collections) + _bulk(CollectionItem, items())
        # Pinned watch-next picks on 1 % of the films (never on the hot films, whose pathways are computed).
        hot = set(self.hot_ids)
        candidates = [film_id for film_id in self.film_ids if film_id not in hot]
        picks = []
        for film_id in rng.sample(candidates, max(1, len(candidates) // 100)):
            if rng.random() < 0.5:
                target = rng.choice([other for other in rng.sample(self.film_ids, 3) if other != film_id])
                picks.append(WatchNextPick(film_id=film_id, pathway=Pathway.FILMMAKER,
                                           target_film_id=target, reason=_sentence(rng, 10)))
            else:
                picks.append(WatchNextPick(film_id=film_id, pathway=Pathway.SHELF,
                                           target_collection=rng.choice(collections), reason=_sentence(rng, 10)))
        WatchNextPick.objects.bulk_create(picks)
        return total + len(picks)

    # ------------------------------------------------------------------ submissions

    def _submissions(self, count):
        rng = self.rng
        film_ids, hot_ids = self.film_ids, self.hot_ids
        bodies = [" ".join(_sentence(rng, rng.randint(12, 24)) for _ in range(rng.randint(1, 3))) for _ in range(500)]
        names = [f"{first} {last[0]}." for first in FIRST_NAMES for last in LAST_NAMES[:10]]
        kinds = [Submission.Kind.DEFENSE, Submission.Kind.SCENE_PICK, Submission.Kind.NEXT_PICK]
        year_seconds = 365 * 24 * 3600
        pending_target = min(4000, max(1, count // 50))  # "a few thousand pending" at 200,000
        hot_share = HOT_SHARE * len(hot_ids)

        def rows():
            for n in range(count):
                film_id = rng.choice(hot_ids) if rng.random() < hot_share else rng.choice(film_ids)
                kind = rng.choices(kinds, weights=[50, 30, 20])[0]
                roll = rng.random()
                if n % (count // pending_target) == 0:
                    state = Submission.State.PENDING
                elif roll < 0.56:
                    state = Submission.State.APPROVED
                elif roll < 0.82:
                    state = Submission.State.REJECTED
                else:
                    state = Submission.State.SPAM
                if state == Submission.State.PENDING:  # the queue: the last few weeks
                    created = self.now - datetime.timedelta(seconds=rng.randint(60, 21 * 24 * 3600))
                else:
                    created = self.now - datetime.timedelta(seconds=rng.randint(3600, 2 * year_seconds))
                submission = Submission(
                    film_id=film_id,
                    kind=kind,
                    state=state,
                    is_featured=state == Submission.State.APPROVED and rng.random() < 0.01,
                    body=rng.choice(bodies),
                    display_name=rng.choice(names) if rng.random() < 0.7 else "",
                    email=f"reader{n}@example.org" if rng.random() < 0.2 else "",
                    client_key=hashlib.sha256(f"client-{rng.randrange(60_000)}".encode()).hexdigest(),
                    fingerprint=hashlib.sha256(f"bench:{self.seed}:{n}".encode()).hexdigest(),
                    created_at=created,
                    decided_at=None if state == Submission.State.PENDING else created + datetime.timedelta(hours=rng.randint(1, 72)),
                )
                if kind == Submission.Kind.DEFENSE:
                    submission.underrated = rng.choice(Submission.Underrated.values)
                elif kind == Submission.Kind.SCENE_PICK:
                    submission.carries = rng.choice(Submission.Carries.values)
                    clips = self.clips_by_film.get(film_id)
                    if clips and rng.random() < 0.7:
                        submission.scene_clip_id = rng.choice(clips)
                    else:
                        submission.scene_name = f"The {rng.choice(WORDS)} scene"
                else:
                    submission.pathway = rng.choice(Pathway.values)
                    if rng.random() < 0.6:
                        other = rng.choice(film_ids)
                        if other != film_id:
                            submission.suggested_film_id = other
                    if submission.suggested_film_id is None:
                        submission.suggested_title = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
                yield submission

        with _explicit_timestamps(Submission._meta.get_field("created_at")):
            return _bulk(Submission, rows(), size=5000)

    def _analyze(self):
        """Fresh planner statistics, as a production database would have after autovacuum."""
        if connection.vendor == "postgresql":
            # Through psql (Django's dbshell), outside any transaction of ours: VACUUM needs that.
            call_command("dbshell", "--", "--quiet", "--command", "VACUUM ANALYZE")
