"""Small hand-written factories for Cinema One content.

Each one makes the smallest valid thing and says so in its name; tests add what
they are about. `make_full_dossier` builds a Drive-style film that meets all 13
coverage checks, minus the ones named in `without`.
"""

import io
from datetime import date
from itertools import count

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from PIL import Image

from editorial.coverage import refresh_coverage
from editorial.models import (
    AfterlifeEntry,
    CaseFileLens,
    Collection,
    CollectionItem,
    CraftNote,
    DossierEntry,
    EndingRead,
    ProductionFileEntry,
    ProductionNote,
    QuoteRead,
    SceneArchitectureEntry,
    SignatureScene,
    Steelman,
    WhyItMatters,
)
from films.models import BehindTheScenesPhoto, Credit, Film, Genre, Person, SceneClip, VideoSignal

_numbers = count(1)

COVERAGE_KEYS = [
    "basics",
    "craft",
    "themes",
    "cast",
    "production_notes",
    "photos",
    "lenses",
    "scene_shelf",
    "signature_scene",
    "quote_read",
    "ending_read",
    "steelman",
    "collection",
]


def _unique_slug(model, text):
    slug = slugify(text) or "item"
    if model.objects.filter(slug=slug).exists():
        slug = f"{slug}-{next(_numbers)}"
    return slug


# Images ------------------------------------------------------------------------------


def image_bytes(width=48, height=27, image_format="PNG", color=(200, 40, 120)):
    """A real, decodable image made with Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format=image_format)
    return buffer.getvalue()


def uploaded_image(name="still.png", width=48, height=27):
    image_format = "JPEG" if name.lower().endswith((".jpg", ".jpeg")) else "PNG"
    return SimpleUploadedFile(
        name, image_bytes(width, height, image_format), content_type=f"image/{image_format.lower()}"
    )


# Catalog facts -----------------------------------------------------------------------


def make_person(name=None):
    name = name or f"Person {next(_numbers)}"
    return Person.objects.create(name=name, slug=_unique_slug(Person, name))


def make_genre(name):
    genre, _created = Genre.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
    return genre


def make_film(
    title="Drive",
    *,
    status=Film.Status.LIVE,
    director=None,
    year=2011,
    runtime_minutes=100,
    logline="A stunt driver moonlights as a getaway driver.",
    genres=(),
    themes=(),
    **fields,
):
    """A film with its facts; `director` is a Person or a name."""
    film = Film.objects.create(
        title=title,
        slug=fields.pop("slug", None) or _unique_slug(Film, title),
        status=status,
        year=year,
        runtime_minutes=runtime_minutes,
        logline=logline,
        **fields,
    )
    if genres:
        film.genres.add(*(make_genre(name) if isinstance(name, str) else name for name in genres))
    if themes:
        film.themes.add(*themes)
    if director is not None:
        add_credit(film, director, role=Credit.Role.DIRECTOR)
    return film


def make_draft_film(title="Only God Forgives", **fields):
    return make_film(title, status=Film.Status.DRAFT, **fields)


def _person(person_or_name):
    if isinstance(person_or_name, Person):
        return person_or_name
    return Person.objects.filter(name=person_or_name).first() or make_person(person_or_name)


def add_credit(film, person, *, role=Credit.Role.CAST, character="", job="", billing_order=0):
    return Credit.objects.create(
        film=film, person=_person(person), role=role, character=character, job=job, billing_order=billing_order
    )


def add_cast(film, count_, *, label="Actor"):
    """`count_` cast members, billed in order, named "<label> 1" … "<label> n"."""
    people = Person.objects.bulk_create(
        Person(name=f"{label} {n}", slug=f"{slugify(label)}-{n}-{next(_numbers)}") for n in range(1, count_ + 1)
    )
    credits = Credit.objects.bulk_create(
        Credit(film=film, person=person, role=Credit.Role.CAST, character=f"Role {n}", billing_order=n)
        for n, person in enumerate(people, start=1)
    )
    refresh_coverage([film.pk])  # bulk_create sends no signals
    return credits


def add_video(film, url, *, published_on=date(2011, 9, 16), kind=VideoSignal.Kind.TRAILER, title="Official trailer"):
    return VideoSignal.objects.create(film=film, url=url, published_on=published_on, kind=kind, title=title)


def add_photo(film, *, reviewed=True, title=None, position=0, width=48, height=27, alt_text=None):
    """A behind-the-scenes photo with a real PNG file in MEDIA_ROOT."""
    number = next(_numbers)
    photo = BehindTheScenesPhoto(
        film=film,
        title=title or f"Production photo {number}",
        alt_text=alt_text or f"The crew setting up shot {number}",
        why_it_matters="It shows how the night exteriors were lit.",
        caption="On the set.",
        source_name="Studio press kit",
        is_reviewed=reviewed,
        position=position,
    )
    photo.image.save(f"bts-{number}.png", ContentFile(image_bytes(width, height)), save=False)
    photo.save()
    return photo


def add_clips(film, count_, *, label="Mood / thesis", refresh=True):
    clips = SceneClip.objects.bulk_create(
        SceneClip(
            film=film,
            position=n,
            source_channel="Movieclips",
            label=label,
            title=f"Clip {n}",
            note=f"Why clip {n} matters.",
            url=f"https://www.youtube.com/watch?v=clip{n:07d}",
        )
        for n in range(1, count_ + 1)
    )
    if refresh:
        refresh_coverage([film.pk])  # bulk_create sends no signals
    return clips


# Authored sections -------------------------------------------------------------------


def add_entries(film, section_model, count_, *, heading="Note"):
    """`count_` entries of one list section, headed "<heading> 1" … "<heading> n"."""
    entries = section_model.objects.bulk_create(
        section_model(film=film, heading=f"{heading} {n}", body=f"{heading} {n}: the body.", position=n)
        for n in range(1, count_ + 1)
    )
    refresh_coverage([film.pk])  # bulk_create sends no signals
    return entries


def add_entry(film, section_model, body="Filed.", *, heading="", quote=""):
    return section_model.objects.create(film=film, heading=heading, body=body, quote=quote)


def make_collection(title="Night drives", *, films=(), status=Collection.Status.LIVE):
    collection = Collection.objects.create(
        title=title, slug=_unique_slug(Collection, title), argument="Why these films ride together.", status=status
    )
    for position, film in enumerate(films):
        CollectionItem.objects.create(collection=collection, film=film, position=position)
    return collection


def make_full_dossier(title="Drive", *, director="Nicolas Winding Refn", without=(), **fields):
    """A Drive-style dossier meeting every coverage check except those in `without`.

    Its parts go in with bulk_create and its coverage is refreshed once at the end, as
    generate_catalog does: a row-by-row build would work coverage out again for every row.
    """
    unknown = set(without) - set(COVERAGE_KEYS)
    assert not unknown, f"unknown coverage checks: {unknown}"
    has = lambda key: key not in without  # noqa: E731
    film = make_film(
        title,
        logline=fields.pop("logline", "A stunt driver moonlights as a getaway driver." if has("basics") else ""),
        genres=fields.pop("genres", ["Crime", "Drama"] if has("basics") else ()),
        themes=fields.pop("themes", ["loneliness", "violence", "identity"] if has("themes") else ()),
        **fields,
    )
    entries = []

    def entry(section_model, body, *, heading="", quote="", position=0):
        entries.append(section_model(film=film, heading=heading, body=body, quote=quote, position=position))

    def entry_list(section_model, headings):
        for position, heading in enumerate(headings):
            entry(section_model, f"{heading}: the body.", heading=heading, position=position)

    if has("basics"):
        entry(WhyItMatters, "It turns genre machinery into a mood piece.")
    if has("cast"):
        Credit.objects.bulk_create([
            Credit(film=film, person=_person(director), role=Credit.Role.DIRECTOR),
            Credit(film=film, person=_person("Ryan Gosling"), role=Credit.Role.CAST, character="Driver", billing_order=1),
            Credit(film=film, person=_person("Carey Mulligan"), role=Credit.Role.CAST, character="Irene", billing_order=2),
        ])
    if has("craft"):
        for position, (label, body) in enumerate(
            [("Mood", "Neon calm."), ("Violence", "Sudden and total."), ("Identity", "A man who is his job.")]
        ):
            entry(CraftNote, body, heading=label, position=position)
    if has("production_notes"):
        entry_list(ProductionNote, [f"Production note {n}" for n in range(1, 4)])
    if has("photos"):
        add_photo(film, title="Lighting the elevator")
    if has("lenses"):
        for position, label in enumerate(["Core tension", "Best lens", "Director lane", "Page job"]):
            entry(CaseFileLens, f"{label}: argued.", heading=label, position=position)
    if has("scene_shelf"):
        add_clips(film, 3, refresh=False)
    if has("signature_scene"):
        entry(SignatureScene, "The elevator: a kiss, then the stamp.", heading="The elevator")
    if has("quote_read"):
        entry(QuoteRead, "A promise as a threat.", heading="Five minutes", quote="You give me a time and a place.")
    if has("ending_read"):
        entry(EndingRead, "He drives on, wounded.", heading="The drive away")
    if has("steelman"):
        entry(Steelman, "Style over substance? Style is the substance.", heading="Too cool?")
    if has("collection"):
        make_collection(f"Night drives: {title}", films=[film])
    entry_list(ProductionFileEntry, [f"Production file {n}" for n in range(1, 3)])
    entry_list(SceneArchitectureEntry, [f"Scene block {n}" for n in range(1, 3)])
    entry_list(AfterlifeEntry, [f"Afterlife {n}" for n in range(1, 3)])
    DossierEntry.objects.bulk_create(entries)
    refresh_coverage([film.pk])  # bulk_create sends no signals
    film.refresh_from_db()
    return film
