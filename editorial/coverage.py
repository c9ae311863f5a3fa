"""Coverage: the 13 checks and the tiers, derived from what a dossier holds.

This module is the only place the rules live. The public page, the admin
column, the admin tier filter and the tests all read them from here.

Each check is a list of requirements "fact >= minimum". Facts are counts the
database computes as annotations (`with_coverage_facts`). Which checks a film
passes is worked out in one place, `refresh_coverage`, and stored on the film
(`Film.coverage_passed`, and their number as `Film.coverage_score` for filtering
and sorting thousands of films by tier): the page and the admin read what is
stored (`coverage_of`).
"""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from editorial.models import Collection, CollectionItem, DossierEntry, Section
from films.models import BehindTheScenesPhoto, Credit, Film, SceneClip, ThemedFilm


def _rows_for_film(model, film_field="film", **filters):
    rows = (
        model.objects.filter(**{film_field: OuterRef("pk")}, **filters)
        .order_by()
        .values(film_field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _filled(field):
    return Case(When(**{field: True}, then=Value(0)), default=Value(1), output_field=IntegerField())


def _entries(section):
    return _rows_for_film(DossierEntry, section=section)


# Facts that count the entries of one dossier section.
ENTRY_FACTS = {
    "why_it_matters": Section.WHY_IT_MATTERS,
    "craft_notes": Section.CRAFT,
    "production_notes": Section.PRODUCTION_NOTE,
    "lenses": Section.LENS,
    "signature_scene": Section.SIGNATURE_SCENE,
    "quote_read": Section.QUOTE,
    "ending_read": Section.ENDING,
    "steelman": Section.STEELMAN,
}

FACTS = {
    "logline": Case(When(logline="", then=Value(0)), default=Value(1), output_field=IntegerField()),
    "year": _filled("year__isnull"),
    "runtime": _filled("runtime_minutes__isnull"),
    "genres": _rows_for_film(Film.genres.through),
    "themes": _rows_for_film(ThemedFilm, film_field="content_object"),
    "cast": _rows_for_film(Credit, role=Credit.Role.CAST),
    "directors": _rows_for_film(Credit, role=Credit.Role.DIRECTOR),
    "reviewed_photos": _rows_for_film(BehindTheScenesPhoto, is_reviewed=True),
    "scene_clips": _rows_for_film(SceneClip),
    "live_collections": _rows_for_film(CollectionItem, collection__in=Collection.objects.live()),
    **{fact: _entries(section) for fact, section in ENTRY_FACTS.items()},
}


# What each fact counts, as the coverage panel names it to an editor.
FACT_LABELS = {
    "logline": "logline",
    "year": "year",
    "runtime": "runtime",
    "genres": "genres",
    "themes": "themes",
    "cast": "cast credits",
    "directors": "director credits",
    "reviewed_photos": "reviewed behind-the-scenes photos",
    "scene_clips": "scene clips",
    "live_collections": "live collections",
    "why_it_matters": "“Why it matters” essay",
    "craft_notes": "craft notes",
    "production_notes": "production notes",
    "lenses": "case-file lenses",
    "signature_scene": "signature scene",
    "quote_read": "quote read",
    "ending_read": "ending read",
    "steelman": "steelman (editorial argument)",
}


@dataclass(frozen=True)
class Shortfall:
    """One requirement a film does not meet yet: `have` of the `need`ed `fact`."""

    fact: str
    have: int
    need: int

    @property
    def label(self):
        return FACT_LABELS[self.fact]


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    requirements: dict  # fact name -> minimum count

    def passes(self, facts):
        return all(facts[fact] >= minimum for fact, minimum in self.requirements.items())

    def shortfalls(self, facts):
        return [Shortfall(fact, facts[fact], minimum) for fact, minimum in self.requirements.items()
                if facts[fact] < minimum]


CHECKS = [
    Check(
        "basics",
        _("Basics filed"),
        {"logline": 1, "why_it_matters": 1, "year": 1, "runtime": 1, "genres": 1},
    ),
    Check("craft", _("Craft read (3+)"), {"craft_notes": 3}),
    Check("themes", _("Themes tagged (3+)"), {"themes": 3}),
    Check("cast", _("Cast and director credited"), {"cast": 1, "directors": 1}),
    Check("production_notes", _("Production notes (3+)"), {"production_notes": 3}),
    Check("photos", _("Reviewed production photo"), {"reviewed_photos": 1}),
    Check("lenses", _("Case-file lenses (4)"), {"lenses": 4}),
    Check("scene_shelf", _("Scene shelf (3+ clips)"), {"scene_clips": 3}),
    Check("signature_scene", _("Signature scene filed"), {"signature_scene": 1}),
    Check("quote_read", _("Quote read filed"), {"quote_read": 1}),
    Check("ending_read", _("Ending read filed"), {"ending_read": 1}),
    Check("steelman", _("Editorial argument linked"), {"steelman": 1}),
    Check("collection", _("Collection pathway live"), {"live_collections": 1}),
]


@dataclass(frozen=True)
class Tier:
    key: str
    name: str
    minimum_score: int
    sentence: str


# Highest first: a dossier takes the first tier whose minimum it reaches.
TIERS = [
    Tier(
        "fully_authored",
        _("fully authored"),
        len(CHECKS),
        _("A fully shaped Cinema One case: the film has the authored context, the pathway "
          "links and the argument to read as far more than a catalog entry."),
    ),
    Tier(
        "shaped",
        _("shaped"),
        9,
        _("Most of the case is made; a few modules or pathways are still to be filed."),
    ),
    Tier(
        "in_development",
        _("in development"),
        5,
        _("The argument is taking shape: the basics are here, the editorial modules mostly are not yet."),
    ),
    Tier(
        "catalog_entry",
        _("catalog entry"),
        0,
        _("For now this is little more than a catalog entry: the facts are filed, the argument is still to come."),
    ),
]
TIERS_BY_KEY = {tier.key: tier for tier in TIERS}


def tier_for(score):
    return next(tier for tier in TIERS if score >= tier.minimum_score)


def with_coverage_facts(queryset):
    """Annotate each film with the counts the checks read."""
    return queryset.annotate(**{f"coverage_{name}": expression for name, expression in FACTS.items()})


# Films whose facts one query reads: a whole catalog at once would outlast the statement timeout.
REFRESH_BATCH = 500


def refresh_coverage(film_ids=None):
    """Work out which checks these films (all films if None) pass, and store it on each film.

    One query reads the facts of up to REFRESH_BATCH films, then one UPDATE per outcome
    that changed. Every save and delete of a dossier's parts calls this for its film
    (editorial.signals); code that inserts in bulk (bulk_create sends no signals) calls it
    when done.
    """
    if film_ids is None:
        film_ids = Film.objects.order_by("pk").values_list("pk", flat=True)
    film_ids = list(film_ids)
    for start in range(0, len(film_ids), REFRESH_BATCH):
        _refresh_batch(film_ids[start:start + REFRESH_BATCH])


def facts_of(film_pk):
    """The counts the checks read, for one film (None: a film not saved yet, which has none)."""
    if film_pk is None:
        return dict.fromkeys(FACTS, 0)
    film = with_coverage_facts(Film.objects.filter(pk=film_pk).only("pk")).get()
    return {name: getattr(film, f"coverage_{name}") for name in FACTS}


def _refresh_batch(film_ids):
    changed = {}
    films = Film.objects.filter(pk__in=film_ids).only("pk", "coverage_passed")
    for film in with_coverage_facts(films):
        facts = {name: getattr(film, f"coverage_{name}") for name in FACTS}
        passed = tuple(check.key for check in CHECKS if check.passes(facts))
        if tuple(film.coverage_passed) != passed:
            changed.setdefault(passed, []).append(film.pk)
    for passed, pks in changed.items():
        Film.objects.filter(pk__in=pks).update(coverage_passed=list(passed), coverage_score=len(passed))


def filter_by_tier(queryset, tier_key):
    """Films in one tier, by their stored score."""
    tier = TIERS_BY_KEY[tier_key]
    higher = [t for t in TIERS if t.minimum_score > tier.minimum_score]
    queryset = queryset.filter(coverage_score__gte=tier.minimum_score)
    if higher:
        queryset = queryset.filter(coverage_score__lt=min(t.minimum_score for t in higher))
    return queryset


@dataclass(frozen=True)
class Coverage:
    results: list  # (Check, passed) in the order of CHECKS

    @property
    def score(self):
        return sum(passed for _check, passed in self.results)

    @property
    def total(self):
        return len(self.results)

    @property
    def tier(self):
        return tier_for(self.score)

    @property
    def missing(self):
        return [check for check, passed in self.results if not passed]


def coverage_of(film):
    """The coverage stored on a film (`refresh_coverage` keeps it current)."""
    passed = set(film.coverage_passed)
    return Coverage(results=[(check, check.key in passed) for check in CHECKS])
