"""The authored argument of a dossier, and the shelves (collections) films sit on.

Every authored section of a dossier is a `DossierEntry` row tagged with its
section, so the page loads all of them in one query however many sections a
film has. Editors never see that: each section has its own proxy model, and so
its own inline, labels and ordering in admin.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from films.models import Film


class Section(models.TextChoices):
    WHY_IT_MATTERS = "why_it_matters", "Why it matters"
    CRAFT = "craft", "Craft read"
    PRODUCTION_NOTE = "production_note", "Production notes"
    LENS = "lens", "Case-file lenses"
    PRODUCTION_FILE = "production_file", "Production file"
    SCENE_ARCHITECTURE = "scene_architecture", "Scene architecture"
    AFTERLIFE = "afterlife", "Cultural afterlife"
    SIGNATURE_SCENE = "signature_scene", "Signature scene"
    QUOTE = "quote", "Line worth carrying forward"
    ENDING = "ending", "Why the ending works"
    STEELMAN = "steelman", "Steelman the debate"


# Sections that hold at most one entry per film: the essay and the four modules.
SINGLE_ENTRY_SECTIONS = [
    Section.WHY_IT_MATTERS,
    Section.SIGNATURE_SCENE,
    Section.QUOTE,
    Section.ENDING,
    Section.STEELMAN,
]


# Where each section sits on the dossier page (the ids of its <section> or <article>).
SECTION_ANCHORS = {
    Section.WHY_IT_MATTERS: "why-it-matters",
    Section.CRAFT: "craft-read",
    Section.PRODUCTION_NOTE: "production-notes",
    Section.LENS: "case-file",
    Section.PRODUCTION_FILE: "production-file",
    Section.SCENE_ARCHITECTURE: "scene-architecture",
    Section.AFTERLIFE: "cultural-afterlife",
    Section.SIGNATURE_SCENE: "signature-scene",
    Section.QUOTE: "quote",
    Section.ENDING: "ending",
    Section.STEELMAN: "steelman",
}


class DossierEntry(models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="entries")
    section = models.CharField(max_length=20, choices=Section.choices)
    heading = models.CharField(max_length=200, blank=True, help_text="The label or title shown above the text.")
    body = models.TextField()
    quote = models.TextField(blank=True, help_text="The quoted line, for the line worth carrying forward.")
    credit = models.CharField(max_length=120, blank=True,
                              help_text="Shown under the text: whose argument it is, when it is not ours "
                                        "(a reader's name, for one promoted from the review queue).")
    contains_spoilers = models.BooleanField(
        default=False, verbose_name="contains spoilers",
        help_text="Shown behind a warning the reader opens, and kept out of previews and the feed.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["section", "position", "pk"]
        verbose_name = "dossier entry"
        verbose_name_plural = "dossier entries"
        indexes = [models.Index(fields=["film", "section", "position"], name="entry_film_section_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "section"],
                condition=models.Q(section__in=SINGLE_ENTRY_SECTIONS),
                name="one_entry_per_single_section",
                violation_error_message="This section holds a single entry per film.",
            ),
            models.CheckConstraint(condition=models.Q(section__in=Section.values), name="entry_section_valid"),
        ]

    def __str__(self):
        return self.heading or self.body[:60]

    def get_absolute_url(self):
        return self.film.get_absolute_url() + f"#{SECTION_ANCHORS[self.section]}"


class SectionEntryManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(section=self.model.SECTION)


class SectionEntry(DossierEntry):
    """Base of the per-section proxies: the manager and new rows know their section."""

    SECTION = None

    objects = SectionEntryManager()

    class Meta:
        proxy = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.section and self.SECTION:
            self.section = self.SECTION


class WhyItMatters(SectionEntry):
    SECTION = Section.WHY_IT_MATTERS

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "why it matters"


class CraftNote(SectionEntry):
    SECTION = Section.CRAFT

    class Meta:
        proxy = True
        verbose_name = "craft read note"


class ProductionNote(SectionEntry):
    SECTION = Section.PRODUCTION_NOTE

    class Meta:
        proxy = True


class CaseFileLens(SectionEntry):
    SECTION = Section.LENS

    class Meta:
        proxy = True
        verbose_name = "case-file lens"
        verbose_name_plural = "case-file lenses"


class ProductionFileEntry(SectionEntry):
    SECTION = Section.PRODUCTION_FILE

    class Meta:
        proxy = True
        verbose_name = "production file entry"
        verbose_name_plural = "production file"


class SceneArchitectureEntry(SectionEntry):
    SECTION = Section.SCENE_ARCHITECTURE

    class Meta:
        proxy = True
        verbose_name = "scene architecture block"
        verbose_name_plural = "scene architecture"


class AfterlifeEntry(SectionEntry):
    SECTION = Section.AFTERLIFE

    class Meta:
        proxy = True
        verbose_name = "cultural afterlife block"
        verbose_name_plural = "cultural afterlife"


class SignatureScene(SectionEntry):
    SECTION = Section.SIGNATURE_SCENE

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "signature scene"


class QuoteRead(SectionEntry):
    SECTION = Section.QUOTE

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "line worth carrying forward"


class EndingRead(SectionEntry):
    SECTION = Section.ENDING

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "ending read"


class Steelman(SectionEntry):
    SECTION = Section.STEELMAN

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "steelman the debate"


class CollectionQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status=Collection.Status.LIVE)


class Collection(models.Model):
    """A shelf: an editorial argument with the films that make it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        LIVE = "live", "Live"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    argument = models.TextField(help_text="The case this shelf makes.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    films = models.ManyToManyField(Film, through="CollectionItem", related_name="collections")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=["draft", "live"]), name="collection_status_valid"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("collections:detail", kwargs={"slug": self.slug})

    @property
    def is_live(self):
        """Public: the same rule as `Collection.objects.live()`, for one instance."""
        return self.status == self.Status.LIVE


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="collection_items")
    position = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True, help_text="Why this film belongs on the shelf.")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "film"], name="unique_film_per_collection"),
        ]

    def __str__(self):
        return f"{self.film} on {self.collection}"


class Pathway(models.TextChoices):
    """The three ways onward from a dossier: editors pin picks to them, readers suggest for them."""

    FILMMAKER = "filmmaker", _("Stay with the filmmaker")
    PRESSURE = "pressure", _("Chase the dominant pressure signal")
    SHELF = "shelf", _("Jump to a shelf or argument")


class WatchNextPick(models.Model):
    """An editor's pinned continuation for one of the three watch-next pathways."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="watch_next_picks")
    pathway = models.CharField(max_length=10, choices=Pathway.choices)
    target_film = models.ForeignKey(
        Film, on_delete=models.CASCADE, null=True, blank=True, related_name="pinned_as_next",
        help_text="A film to go to next…",
    )
    target_collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, null=True, blank=True, related_name="pinned_as_next",
        help_text="…or a shelf.",
    )
    reason = models.CharField(max_length=300, help_text="One line on why this comes next.")
    credit = models.CharField(max_length=120, blank=True,
                              help_text="Shown with the pick: whose suggestion it was, when a reader's.")

    class Meta:
        ordering = ["pathway"]
        verbose_name = "pinned watch-next pick"
        constraints = [
            models.UniqueConstraint(fields=["film", "pathway"], name="one_pinned_pick_per_pathway"),
            models.CheckConstraint(
                condition=(
                    models.Q(target_film__isnull=False, target_collection__isnull=True)
                    | models.Q(target_film__isnull=True, target_collection__isnull=False)
                ),
                name="pinned_pick_has_one_target",
                violation_error_message="Pin either a film or a shelf, not both.",
            ),
            models.CheckConstraint(
                condition=~models.Q(target_film=models.F("film")),
                name="pinned_pick_is_not_the_film_itself",
                violation_error_message="A film cannot be its own next pick.",
            ),
        ]

    def __str__(self):
        return f"{self.get_pathway_display()}: {self.target_film or self.target_collection}"

    def get_absolute_url(self):
        return self.film.get_absolute_url() + "#watch-next"


class TriviaItem(models.Model):
    """One item of production trivia, as an editor collected it (editorial.trivia imports a
    pasted list): a candidate until the editor rejects it, publishes it in the dossier's
    trivia section, or makes it a production note, rewritten in our words."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", "To review"
        PUBLISHED = "published", "Published as trivia"
        PROMOTED = "promoted", "Made a production note"
        REJECTED = "rejected", "Rejected"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="trivia")
    text = models.TextField()
    source = models.CharField(max_length=200, blank=True, help_text="Where the item came from: a file, a book, a site.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CANDIDATE)
    is_spoiler = models.BooleanField(default=False, verbose_name="spoiler",
                                     help_text="Shown behind a reveal on the page.")
    # The same text, however cased, spaced or punctuated, has one fingerprint; `occurrence` counts
    # its repeats within one list, so a list imported again adds nothing, while an item that a
    # list holds twice is imported twice and shown as a repeat.
    fingerprint = models.CharField(max_length=64, editable=False)
    occurrence = models.PositiveSmallIntegerField(default=1, editable=False)
    # The first item of the group this one repeats (the same text, or nearly), and how alike they
    # are, in percent (100: word for word).
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="repeats", editable=False)
    similarity = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    production_note = models.OneToOneField(DossierEntry, null=True, blank=True, on_delete=models.SET_NULL,
                                           related_name="from_trivia", editable=False)
    position = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "trivia item"
        indexes = [models.Index(fields=["film", "status", "position"], name="trivia_film_status_idx")]
        constraints = [
            models.UniqueConstraint(fields=["film", "fingerprint", "occurrence"], name="trivia_imported_once"),
            models.CheckConstraint(condition=models.Q(status__in=["candidate", "published", "promoted", "rejected"]),
                                   name="trivia_status_valid"),
        ]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return self.film.get_absolute_url() + "#trivia"


def _preview_token():
    return secrets.token_urlsafe(32)


def _in_a_week():
    return timezone.now() + timedelta(days=7)


class PreviewLinkQuerySet(models.QuerySet):
    def usable(self):
        """Links that open their draft now: not revoked, not expired."""
        return self.filter(revoked=False, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A link that shows a film's draft dossier to anyone holding it, until it expires or is revoked.

    For showing a draft to someone without an account (a writer, the film's publicist): the
    token is unguessable (256 bits), the page is `noindex` and never cached.
    """

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="preview_links")
    token = models.CharField(max_length=64, unique=True, default=_preview_token, editable=False)
    note = models.CharField(max_length=200, blank=True, help_text="Who it is for, so you know which to revoke.")
    expires_at = models.DateTimeField(default=_in_a_week, help_text="A week from now unless you change it.")
    revoked = models.BooleanField(default=False, help_text="Tick to make the link stop working at once.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "shared preview link"

    def __str__(self):
        return f"Preview of {self.film} ({self.note or 'shared'})"

    def get_absolute_url(self):
        return reverse("films:shared-preview", kwargs={"token": self.token})

    @property
    def is_usable(self):
        """Opens its draft now: the same rule as `PreviewLink.objects.usable()`, for one link."""
        return not self.revoked and self.expires_at > timezone.now()
