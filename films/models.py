"""The catalog facts of a film: who made it, what it is, what can be shown of it."""

from urllib.parse import urlparse

from anyascii import anyascii
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from films.images import validate_image_upload
from films.video import embed_url_for


class Genre(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("films:catalog") + f"?genre={self.slug}"


class Person(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    bio = models.TextField(blank=True)
    portrait = models.ImageField(
        upload_to="people/",
        blank=True,
        width_field="portrait_width",
        height_field="portrait_height",
        validators=[validate_image_upload],
    )
    portrait_renditions = models.JSONField(default=dict, blank=True, editable=False)
    portrait_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    portrait_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"slug": self.slug})


class FilmQuerySet(models.QuerySet):
    def live(self):
        """The one visibility rule: only live dossiers whose go-live time has come are public.

        Decided when queried, so a scheduled dossier appears on time with no job to run.
        """
        return self.filter(status=Film.Status.LIVE).filter(
            models.Q(go_live_at__isnull=True) | models.Q(go_live_at__lte=timezone.now())
        )

    def next_go_live_at(self):
        """When the next scheduled dossier goes public, or None: pages that list live films
        are valid until then (a film going live on schedule saves nothing)."""
        upcoming = self.filter(status=Film.Status.LIVE, go_live_at__gt=timezone.now())
        return upcoming.aggregate(next=models.Min("go_live_at"))["next"]


def theme_slug(name):
    """An ASCII slug for a theme of any script ("孤独" -> "gudu", "café" -> "cafe"), "theme" when
    nothing of the name remains ("★★"), numbered past the themes' slugs already taken, so a
    theme's URL can always be reversed."""
    base = slugify(anyascii(name)) or "theme"
    taken = set(Tag.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


class ThemedFilm(TaggedItemBase):
    """Theme tags through a real foreign key, so theme counts and joins are indexed."""

    content_object = models.ForeignKey("Film", on_delete=models.CASCADE, related_name="theme_links")

    class Meta:
        verbose_name = "film theme"
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_theme_per_film"),
        ]


# English stemming after unaccent (migration films/0013): "samourai" matches "Samouraï".
SEARCH_CONFIG = "cinemaone"


# What full-text search matches, by weight: the title (A), the logline (B) and the plot synopsis
# (C), each in both languages (films.translation).
SEARCH_WEIGHTS = {"A": ("title",), "B": ("logline_en", "logline_fr"), "C": ("plot_en", "plot_fr")}
# The weights before the plot and the French text were searched (migrations 0010 to 0015).
TITLE_AND_LOGLINE = {"A": ("title",), "B": ("logline",)}


@deconstructible(path="films.models.SearchDocument")
class SearchDocument(models.Func):
    """What full-text search matches and ranks: a PostgreSQL tsvector of the columns in
    `weights`. Other databases search by substring (films.search) and keep NULL here, since
    they have no tsvector to build.
    """

    output_field = SearchVectorField()

    def __init__(self, config="english", weights=None):
        # Both are arguments, so that migrations keep the document each step built.
        weights = weights or TITLE_AND_LOGLINE
        vectors = [SearchVector(*columns, weight=weight, config=config) for weight, columns in weights.items()]
        document = vectors[0]
        for vector in vectors[1:]:
            document = document + vector
        super().__init__(document)

    def as_sql(self, compiler, connection, **extra_context):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra_context):
        return compiler.compile(self.get_source_expressions()[0])


class Film(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        LIVE = "live", "Live"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    logline = models.CharField(max_length=300, blank=True, help_text="One sentence under the title.")
    plot = models.TextField(
        blank=True, verbose_name="plot synopsis",
        help_text="The whole story, ending included. Readers open it past a spoiler warning; it is never "
                  "in the page's description, its previews, the feed or search snippets.",
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1880), MaxValueValidator(2100)]
    )
    runtime_minutes = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name="runtime (minutes)")
    rating = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text="Out of 10.",
    )
    certification = models.CharField(max_length=40, default="Not rated", help_text="e.g. R, 15, Not rated.")
    genres = models.ManyToManyField(Genre, blank=True, related_name="films")
    themes = TaggableManager(through=ThemedFilm, blank=True, verbose_name="themes",
                             help_text="Comma-separated, e.g. loneliness, violence, identity (3 or more for coverage).")
    backdrop = models.ImageField(
        upload_to="backdrops/",
        blank=True,
        width_field="backdrop_width",
        height_field="backdrop_height",
        validators=[validate_image_upload],
    )
    backdrop_renditions = models.JSONField(default=dict, blank=True, editable=False)
    backdrop_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    backdrop_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    backdrop_alt = models.CharField(
        max_length=300, blank=True, help_text="What the backdrop shows, for readers who cannot see it."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    go_live_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name="go live at",
        help_text="Optional. A live dossier stays hidden until this time; leave empty to publish at once.",
    )
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the dossier became (or becomes) public."
    )
    is_featured = models.BooleanField(default=False, verbose_name="featured on the home page")
    # The coverage checks this dossier passes (editorial.coverage), stored once so that the
    # page, the admin and the catalog's tier filter read the same answer, and 10,000 films
    # filter and sort on a column. Kept in step by every save and delete of the dossier's
    # parts (editorial.signals); bulk inserts call editorial.coverage.refresh_coverage().
    coverage_passed = models.JSONField(default=list, editable=False)
    coverage_score = models.PositiveSmallIntegerField(default=0, editable=False)
    # Kept by the database as the title, logline and plot change, so that ranking a thousand
    # matches reads a column instead of parsing the texts again for each (GIN-indexed,
    # migration 0010).
    search_document = models.GeneratedField(
        expression=SearchDocument(config=SEARCH_CONFIG, weights=SEARCH_WEIGHTS), output_field=SearchVectorField(null=True), db_persist=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FilmQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="film_status_created_idx"),
            models.Index(fields=["status", "go_live_at"], name="film_status_go_live_idx"),
            models.Index(fields=["status", "-published_at"], name="film_status_published_idx"),
            models.Index(fields=["year"], name="film_year_idx"),
            models.Index(fields=["title"], name="film_title_idx"),  # the admin list and the catalog's title sort
            models.Index(fields=["coverage_score"], name="film_coverage_score_idx"),  # tier filters and sorts
            # The home page's few featured films, newest first, without reading every film.
            models.Index(
                fields=["-published_at", "-id"], condition=models.Q(is_featured=True), name="film_featured_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=["draft", "live"]), name="film_status_valid"),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def get_absolute_url(self):
        return reverse("films:detail", kwargs={"slug": self.slug})

    @property
    def is_live(self):
        """Public right now: the same rule as `Film.objects.live()`, for one instance."""
        return self.status == self.Status.LIVE and (self.go_live_at is None or self.go_live_at <= timezone.now())

    @property
    def is_scheduled(self):
        return self.status == self.Status.LIVE and self.go_live_at is not None and self.go_live_at > timezone.now()


class FormerSlug(models.Model):
    """A slug a film used to have, so old links answer with a permanent redirect."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=200, unique=True)
    retired_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-retired_at"]

    def __str__(self):
        return f"{self.slug} → {self.film.slug}"

    def get_absolute_url(self):
        return self.film.get_absolute_url()


class Credit(models.Model):
    class Role(models.TextChoices):
        DIRECTOR = "director", _("Director")
        CAST = "cast", _("Cast")
        CREW = "crew", _("Crew")

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="credits")
    role = models.CharField(max_length=10, choices=Role.choices)
    character = models.CharField(max_length=200, blank=True, help_text="Cast only.")
    job = models.CharField(max_length=100, blank=True, help_text="Crew only, e.g. Cinematographer.")
    billing_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["role", "billing_order", "pk"]
        indexes = [models.Index(fields=["person", "role"], name="credit_person_role_idx")]
        constraints = [
            models.UniqueConstraint(fields=["film", "person", "role", "character", "job"], name="unique_credit"),
        ]

    def __str__(self):
        detail = self.character or self.job or self.get_role_display()
        return f"{self.person} · {detail}"


class VideoSignal(models.Model):
    """A trailer, interview or scene for the widescreen slot; the newest one is shown."""

    class Kind(models.TextChoices):
        TRAILER = "trailer", _("Trailer")
        INTERVIEW = "interview", _("Interview")
        SCENE = "scene", _("Scene")

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="video_signals")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TRAILER)
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500, verbose_name="video URL",
                          help_text="YouTube or Vimeo: shown with their privacy-friendly player.")
    published_on = models.DateField(help_text="The newest date is the one shown.")

    class Meta:
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["film", "-published_on"], name="video_film_newest_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self):
        return self.url

    @property
    def host(self):
        """The site a plain link opens, e.g. "example.org"."""
        return urlparse(self.url).netloc.lower().removeprefix("www.")

    @property
    def embed_url(self):
        """A privacy-friendly player URL for YouTube and Vimeo; None means show a plain link."""
        return embed_url_for(self.url)


class BehindTheScenesPhoto(models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        upload_to="bts/", width_field="width", height_field="height", validators=[validate_image_upload]
    )
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    alt_text = models.CharField(max_length=300, help_text="What the photo shows, for readers who cannot see it.")
    title = models.CharField(max_length=200)
    why_it_matters = models.TextField(verbose_name="why it is worth studying")
    caption = models.TextField(blank=True)
    source_name = models.CharField(max_length=120, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    is_reviewed = models.BooleanField(
        default=False, verbose_name="reviewed", help_text="Only reviewed photos appear on the page."
    )
    is_placeholder = models.BooleanField(
        default=False, help_text="A generated stand-in, labelled as such on the page."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "behind-the-scenes photo"
        indexes = [models.Index(fields=["film", "is_reviewed", "position"], name="photo_film_reviewed_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.film.get_absolute_url() + "#behind-the-movie"


class SceneClip(models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="scene_clips")
    position = models.PositiveSmallIntegerField(default=0)
    source_channel = models.CharField(max_length=120, help_text="Where the clip is published.")
    label = models.CharField(max_length=60, help_text="What the clip proves, e.g. Mood / thesis.")
    title = models.CharField(max_length=200)
    note = models.TextField(help_text="Why this clip matters.")
    url = models.URLField(max_length=500, blank=True, verbose_name="clip URL", help_text="Where to watch it, if online.")
    poster = models.ImageField(
        upload_to="clips/", blank=True, width_field="poster_width", height_field="poster_height",
        validators=[validate_image_upload], verbose_name="poster still",
        help_text="Optional: a still from the scene, shown on its card.",
    )
    poster_renditions = models.JSONField(default=dict, blank=True, editable=False)
    poster_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_alt = models.CharField(max_length=300, blank=True, help_text="What the still shows.")

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["film", "position"], name="clip_film_position_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.film.get_absolute_url() + f"#scene-{self.pk}"
