"""Load the Cinema One demo: films, people, dossiers, collections and two staff accounts.

Idempotent: films, people, genres, collections and users are matched by slug or
username and updated in place; a film's child rows (credits, dossier entries,
photos, scene clips, video signals) are replaced. Placeholder images are
generated (no network) and written to fixed file names, so running the command
again overwrites them instead of adding new files.
"""

import datetime
import secrets
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from editorial import models as editorial
from editorial.coverage import TIERS, coverage_of, refresh_coverage
from editorial.roles import EDITORS, MODERATORS
from editorial.trivia import import_trivia
from demo import content, placeholders
from films.models import BehindTheScenesPhoto, Credit, Film, Genre, Person, SceneClip, VideoSignal
from pagecache.tags import purge_all
from submissions.models import Submission
from submissions.services import decide

# Content key -> the proxy model of that dossier section.
SECTIONS = {
    "why_it_matters": editorial.WhyItMatters,
    "craft": editorial.CraftNote,
    "production_note": editorial.ProductionNote,
    "lens": editorial.CaseFileLens,
    "production_file": editorial.ProductionFileEntry,
    "scene_architecture": editorial.SceneArchitectureEntry,
    "afterlife": editorial.AfterlifeEntry,
    "signature_scene": editorial.SignatureScene,
    "quote": editorial.QuoteRead,
    "ending": editorial.EndingRead,
    "steelman": editorial.Steelman,
}
SINGLE_SECTIONS = {"why_it_matters", "signature_scene", "quote", "ending", "steelman"}

ACCOUNTS = [("editor", EDITORS), ("moderator", MODERATORS)]

SHOWCASE_SLUG = "drive"
# The demo's reader submissions, told apart from real ones so a second run replaces only them.
DEMO_CLIENT_KEY = "demo".ljust(64, "0")


class Command(BaseCommand):
    help = (
        "Load the Cinema One demo: Drive as a fully authored dossier, seven more films at lower coverage "
        "tiers (one of them a draft), collections, generated placeholder images, and the accounts "
        "'editor' (Editors) and 'moderator' (Moderators) with fresh random passwords. Safe to run again: "
        "it updates in place and replaces each demo film's child rows. The new passwords are always "
        "printed, whatever the verbosity, because they are not stored anywhere else."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--served-at", default="http://127.0.0.1:8000",
            help="The address the site is served at, for the links printed at the end (make demo passes its own).",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        self.served_at = options["served_at"].rstrip("/")
        with transaction.atomic():
            groups = self._groups()
            genres = self._genres()
            people = self._people()
            films = {spec["slug"]: self._film(spec, genres, people) for spec in content.FILMS}
            self._collections(films)
            self._pinned_picks(films)
            credentials = self._accounts(groups)
            refresh_coverage([film.pk for film in films.values()])  # some rows went in with bulk_create
            self._submissions(films)
        purge_all()  # the demo's pages may be stored from an earlier run

        self._report_coverage(films)
        self._report_credentials(credentials)

    # ------------------------------------------------------------------ helpers

    def _say(self, message, level=2, style=None):
        if self.verbosity >= level:
            self.stdout.write(style(message) if style else message)

    def _groups(self):
        names = [group for _username, group in ACCOUNTS]
        groups = {group.name: group for group in Group.objects.filter(name__in=names)}
        missing = sorted(set(names) - set(groups))
        if missing:
            raise CommandError(
                f"Missing group(s) {', '.join(missing)}: run `python manage.py migrate` first "
                "(editorial/migrations/0002_roles.py creates them)."
            )
        return groups

    def _genres(self):
        return {
            slug: Genre.objects.update_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in content.GENRES.items()
        }

    def _people(self):
        people = {}
        for slug, (name, bio) in content.PEOPLE.items():
            people[slug], _created = Person.objects.update_or_create(slug=slug, defaults={"name": name, "bio": bio})
        self._say(f"People: {len(people)}")
        return people

    # ------------------------------------------------------------------ films

    def _film(self, spec, genres, people):
        film, created = Film.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "status": spec["status"],
                "year": spec["year"],
                "runtime_minutes": spec["runtime"],
                "rating": Decimal(spec["rating"]) if spec.get("rating") else None,
                "certification": spec.get("certification", "Not rated"),
                "logline": spec.get("logline", ""),
                "plot": spec.get("plot", ""),
                "backdrop_alt": "",
                "is_featured": spec["slug"] in content.FEATURED,
                "go_live_at": (
                    timezone.now() + datetime.timedelta(days=content.SCHEDULED[spec["slug"]])
                    if spec["slug"] in content.SCHEDULED
                    else None
                ),
            },
        )
        self._say(f"{'Created' if created else 'Updated'} {film}")
        film.genres.set([genres[slug] for slug in spec["genres"]])
        film.themes.set(spec["themes"])
        self._credits(film, spec["credits"], people)
        self._entries(film, spec["entries"])
        self._clips(film, spec["clips"])
        self._videos(film, spec["videos"])
        self._no_backdrop(film)
        self._photos(film, spec["photos"], content.PALETTES[spec["slug"]])
        self._french(film, spec.get("french"))
        self._trivia(film, spec.get("trivia_file"))
        return film

    def _credits(self, film, credits, people):
        film.credits.all().delete()
        rows = [
            Credit(film=film, person=people[slug], role=Credit.Role.DIRECTOR, billing_order=order)
            for order, slug in enumerate(credits.get("directors", []))
        ]
        rows += [
            Credit(film=film, person=people[slug], role=Credit.Role.CAST, character=character, billing_order=order)
            for order, (slug, character) in enumerate(credits.get("cast", []))
        ]
        rows += [
            Credit(film=film, person=people[slug], role=Credit.Role.CREW, job=job, billing_order=order)
            for order, (slug, job) in enumerate(credits.get("crew", []))
        ]
        Credit.objects.bulk_create(rows)

    def _entries(self, film, entries):
        film.entries.all().delete()
        for key, value in entries.items():
            model = SECTIONS[key]
            items = [value] if key in SINGLE_SECTIONS else value
            for position, item in enumerate(items):
                if key == "quote":
                    heading, quote, body = item
                else:
                    (heading, body), quote = item, ""
                model.objects.create(film=film, heading=heading, quote=quote, body=body, position=position)

    def _clips(self, film, clips):
        film.scene_clips.all().delete()
        SceneClip.objects.bulk_create(
            SceneClip(film=film, position=position, source_channel=channel, label=label, title=title, note=note)
            for position, (channel, label, title, note) in enumerate(clips)
        )

    def _videos(self, film, videos):
        film.video_signals.all().delete()
        VideoSignal.objects.bulk_create(
            VideoSignal(
                film=film,
                kind=video["kind"],
                title=video["title"],
                url=video["url"],
                published_on=datetime.date.fromisoformat(video["published_on"]),
            )
            for video in videos
        )

    def _french(self, film, french):
        """The French the demo has for a film; what it lacks falls back to the English on /fr/."""
        french = french or {}
        film.logline_fr = french.get("logline")
        film.save(update_fields=["logline_fr"])
        for key, translations in french.get("entries", {}).items():
            entries = SECTIONS[key].objects.filter(film=film).order_by("position", "pk")
            for entry, (heading, body) in zip(entries, translations):
                entry.heading_fr, entry.body_fr = heading or None, body
                entry.save(update_fields=["heading_fr", "body_fr"])
        for link in film.theme_links.select_related("tag"):
            if link.tag.name in french.get("themes", {}):
                link.tag.name_fr = french["themes"][link.tag.name]
                link.tag.save(update_fields=["name_fr"])

    def _trivia(self, film, filename):
        """Drive's trivia, imported from a file in the shape editors collect it (one item per paragraph,
        repeats included); the first items published, two of them as spoilers, the rest left to review."""
        if not filename:
            return
        text = (Path(content.__file__).parent / filename).read_text(encoding="utf-8")
        result = import_trivia(film, text, source=filename)
        self._say(f"  trivia: {result}", level=2)
        items = list(film.trivia.filter(duplicate_of__isnull=True).order_by("position"))
        for number, item in enumerate(items):
            spoiler = item.text.startswith(content.TRIVIA_SPOILERS)
            if number < content.TRIVIA_PUBLISHED or spoiler:
                item.status, item.is_spoiler = editorial.TriviaItem.Status.PUBLISHED, spoiler
                item.save(update_fields=["status", "is_spoiler"])

    # ------------------------------------------------------------------ images

    def _write_image(self, field_file, filename, data):
        """Save `data` under a fixed name, replacing whatever the field held before.

        The storage would otherwise add a random suffix to a taken name, so the
        old file and any file already at the target name are removed first.
        """
        storage = field_file.storage
        target = field_file.field.generate_filename(field_file.instance, filename)
        if field_file.name and field_file.name != target:
            storage.delete(field_file.name)
        storage.delete(target)
        field_file.save(filename, ContentFile(data, name=filename), save=False)  # named, or dimensions stay empty
        self._say(f"  wrote {field_file.name}", level=3)

    def _no_backdrop(self, film):
        """No demo film has a real image: each is set as a typographic card (earlier demos wrote a
        generated backdrop, removed here)."""
        if film.backdrop.name:
            film.backdrop.delete(save=False)
            film.backdrop_renditions = {}
            film.save(update_fields=["backdrop", "backdrop_width", "backdrop_height", "backdrop_renditions"])

    def _photos(self, film, photos, palette):
        for old in film.photos.all():
            if old.image.name:
                old.image.storage.delete(old.image.name)
        film.photos.all().delete()
        for position, spec in enumerate(photos, start=1):
            photo = BehindTheScenesPhoto(
                film=film,
                title=spec["title"],
                alt_text=spec["alt"],
                why_it_matters=spec["why"],
                caption=spec.get("caption", ""),
                source_name=spec.get("source", ""),
                source_url=spec.get("source_url", ""),
                is_reviewed=spec.get("reviewed", True),
                is_placeholder=True,
                position=position,
            )
            self._write_image(photo.image, f"{film.slug}-{position}.jpg",
                              placeholders.bts_jpeg(film.slug, palette, position))
            photo.save()

    # ------------------------------------------------------------------ shelves and people

    def _pinned_picks(self, films):
        for film in films.values():
            film.watch_next_picks.all().delete()
        for slug, pathway, target, reason in content.PINNED_PICKS:
            editorial.WatchNextPick.objects.create(
                film=films[slug], pathway=pathway, target_film=films[target], reason=reason
            )

    def _collections(self, films):
        for spec in content.COLLECTIONS:
            collection, _created = editorial.Collection.objects.update_or_create(
                slug=spec["slug"],
                defaults={"title": spec["title"], "argument": spec["argument"], "status": spec["status"]},
            )
            collection.items.all().delete()
            editorial.CollectionItem.objects.bulk_create(
                editorial.CollectionItem(collection=collection, film=films[slug], position=position, note=note)
                for position, (slug, note) in enumerate(spec["items"])
            )
            self._say(f"Collection {collection} ({collection.status}, {len(spec['items'])} films)")

    def _submissions(self, films):
        """Reader answers in every state, decided by the demo moderator through the one path."""
        Submission.objects.filter(client_key=DEMO_CLIENT_KEY).delete()
        moderator = get_user_model().objects.get(username="moderator")
        for film_slug, kind, state, featured, name, fields, body, *reason in content.SUBMISSIONS:
            film = films[film_slug]
            extra = {}
            if "underrated" in fields:
                extra["underrated"] = fields["underrated"]
            if "carries" in fields:
                extra["carries"] = fields["carries"]
                extra["scene_clip"] = film.scene_clips.order_by("position")[fields["clip"]]
            if "pathway" in fields:
                extra["pathway"] = fields["pathway"]
                if "suggested" in fields:
                    extra["suggested_film"] = films[fields["suggested"]]
                    extra["suggested_title"] = films[fields["suggested"]].title
                else:
                    extra["suggested_title"] = fields["suggested_title"]
            submission = Submission.objects.create(
                film=film, kind=kind, body=body, display_name=name, client_key=DEMO_CLIENT_KEY,
                fingerprint="", **extra,
            )
            if state != Submission.State.PENDING:
                decide(submission, moderator=moderator, to_state=state, featured=featured,
                       reason=reason[0] if reason else "")

    def _accounts(self, groups):
        User = get_user_model()
        credentials = []
        for username, group_name in ACCOUNTS:
            user, _created = User.objects.update_or_create(
                username=username,
                defaults={"is_staff": True, "is_superuser": False, "is_active": True},
            )
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            user.groups.set([groups[group_name]])
            user.user_permissions.clear()
            credentials.append((username, group_name, password))
        return credentials

    # ------------------------------------------------------------------ output

    def _report_coverage(self, films):
        rows = Film.objects.filter(pk__in=[film.pk for film in films.values()])
        by_slug = {film.slug: film for film in rows}
        top = TIERS[0]
        if self.verbosity >= 1:
            self.stdout.write(self.style.MIGRATE_HEADING("Demo films and their coverage:"))
        for slug in films:
            film = by_slug[slug]
            coverage = coverage_of(film)
            if self.verbosity >= 1:
                self.stdout.write(
                    f"  {film.title} ({film.year}) · {publication_state(film)} · "
                    f"{coverage.score}/{coverage.total} {coverage.tier.name}"
                )
            if self.verbosity >= 2 and coverage.missing:
                self.stdout.write("      missing: " + ", ".join(check.label for check in coverage.missing))
            if slug == SHOWCASE_SLUG and coverage.tier != top:
                self.stderr.write(self.style.WARNING(
                    f"{film.title} should be {top.name} but is {coverage.score}/{coverage.total} "
                    f"{coverage.tier.name}: check demo/content.py."
                ))

    def _report_credentials(self, credentials):
        self.stdout.write(self.style.SUCCESS("Demo loaded. Staff accounts (new passwords on every run):"))
        for username, group_name, password in credentials:
            self.stdout.write(self.style.SUCCESS(f"  {username:<10} password: {password}   ({group_name})"))
        self.stdout.write(self.style.SUCCESS(f"  Admin:   {self.served_at}{reverse('admin:index')}"))
        drive = Film.objects.get(slug=SHOWCASE_SLUG)
        self.stdout.write(self.style.SUCCESS(f"  Dossier: {self.served_at}{drive.get_absolute_url()}"))


def publication_state(film):
    if film.is_scheduled:
        return f"scheduled for {film.go_live_at:%Y-%m-%d %H:%M}"
    return film.get_status_display().lower()
