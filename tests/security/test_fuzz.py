"""No input makes a 500: malformed and hostile values sent to every public URL, the admin's
changelists, the review screen and the film change form.

A table, not Hypothesis (the project has no such dependency): every value a tester found, and
their relatives — control characters, very long values, broken percent-encoding, digits that
are not ASCII, out-of-range numbers, SQL and markup, odd parameter shapes and odd path
segments. Each URL family is one test; it sends the whole table, collects every 5xx (a 503 is
a 500 in disguise here: nothing is down) and fails once, naming each request, the value, the
exception and where it was raised. A 2xx, 3xx or 4xx (400, 403, 404, 405, 429) is an answer.

Each request runs in a savepoint that is rolled back: on PostgreSQL one failed query would
otherwise abort the test's transaction and make every request after it fail too, and a
decision or a submission stays undone, so every request meets the same site.
"""

import logging
import traceback
from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG, ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse

from editorial.models import Collection
from films.models import Credit, Film
from submissions.models import Submission
from tests.clients import browser
from tests.factories import make_collection, make_draft_film, make_full_dossier
from tests.navigation.forms import form_data as admin_form_data
from tests.submissions.factories import FORM_PAGES, form_data, make_submission

pytestmark = pytest.mark.django_db

# --- The values -------------------------------------------------------------------------
# (label, value as it travels in a URL or a urlencoded body: percent-encoded where it must be)

VALUES = [
    ("NUL", "%00"),
    ("NUL inside a word", "dri%00ve"),
    ("vertical tab", "%0b"),
    ("form feed", "%0c"),
    ("escape sequence", "%1b%5B31m"),
    ("DEL", "%7f"),
    ("C1 control (NEL)", "%C2%85"),
    ("tab, newline, CR", "%09%0a%0d"),
    ("10,000 characters", "x" * 10_000),
    ("10,000 accented characters", "%C3%A9" * 10_000),
    ("10,000 NULs", "%00" * 10_000),
    ("invalid UTF-8 ff fe", "%ff%fe"),
    ("overlong UTF-8 slash", "%c0%af"),
    ("UTF-8 of a lone surrogate", "%ed%a0%80"),
    ("truncated UTF-8", "%e2%82"),
    ("lone percent sign", "%"),
    ("bad percent escape", "%zz"),
    ("double-encoded NUL", "%2500"),
    ("superscript two", "%C2%B2"),
    ("Arabic-Indic three", "%D9%A3"),
    ("fullwidth five", "%EF%BC%95"),
    ("vulgar half", "%C2%BD"),
    ("roman numeral one", "%E2%85%A0"),
    ("negative", "-1"),
    ("zero", "0"),
    ("huge", "99999999999999999999"),
    ("huge negative", "-99999999999999999999"),
    ("decimal", "1.5"),
    ("exponent", "1e308"),
    ("hex", "0x10"),
    ("NaN", "NaN"),
    ("Infinity", "Infinity"),
    ("plus sign", "%2B1"),
    ("a space", "+"),
    ("empty", ""),
    ("a year", "2011"),
    ("a decade with s", "2010s"),
    ("year 100000", "100000"),
    ("SQL injection", "'%20OR%201=1--"),
    ("SQL union", "1)%20UNION%20SELECT%20NULL--"),
    ("script tag", "%3Cscript%3Ealert(1)%3C/script%3E"),
    ("quotes", "%22'%60"),
    ("backslash", "%5C"),
    ("path traversal", "..%2F..%2Fetc%2Fpasswd"),
    ("regex metacharacters", "(%5B*"),
    ("LIKE wildcards", "%25_%25"),
    ("full-text operators", "-%22%22%20OR%20-"),
    ("tsquery characters", "%26%7C!:*()%3C-%3E"),
    ("emoji", "%F0%9F%8E%AC"),
    ("zero-width space", "%E2%80%8B"),
    ("right-to-left override", "%E2%80%AE"),
    ("noncharacter U+FFFF", "%EF%BF%BF"),
    ("highest code point", "%F4%8F%BF%BF"),
    ("byte order mark", "%EF%BB%BF"),
    ("combining accent", "e%CC%81"),
    ("comma list", "1,2,abc"),
    ("JSON", "%7B%22a%22:1%7D"),
    ("true", "true"),
    ("null", "null"),
]

# The admin's screens cost a hundred times a stored public page to answer: there, one value of
# each kind that has broken something (a control character, bytes that are not UTF-8, digits
# that are not ASCII, numbers out of range, text the database would read as syntax).
ADMIN_VALUES = [(label, dict(VALUES)[label]) for label in (
    "NUL inside a word", "vertical tab", "10,000 characters", "invalid UTF-8 ff fe", "UTF-8 of a lone surrogate",
    "superscript two", "huge", "negative", "decimal", "empty", "SQL injection", "regex metacharacters",
    "comma list", "highest code point",
)]

# Odd segments for <slug> and admin object ids in a path.
SEGMENTS = [
    ("NUL", "%00"),
    ("NUL after a slug", "drive%00"),
    ("vertical tab", "%0b"),
    ("dot-dot slash", "..%2f"),
    ("encoded slash", "drive%2Fdefend"),
    ("dot-dot", "%2e%2e"),
    ("zero-width space", "%E2%80%8B"),
    ("10,000 characters", "x" * 10_000),
    ("10,000-character slug of hyphens", "-" * 10_000),
    ("invalid UTF-8 ff fe", "%ff%fe"),
    ("overlong UTF-8 slash", "%c0%af"),
    ("UTF-8 of a lone surrogate", "%ed%a0%80"),
    ("superscript two", "%C2%B2"),
    ("Arabic-Indic three", "%D9%A3"),
    ("fullwidth five", "%EF%BC%95"),
    ("upper case", "DRIVE"),
    ("hyphen", "-"),
    ("underscore", "_"),
    ("digit", "1"),
    ("negative", "-1"),
    ("huge", "99999999999999999999"),
    ("SQL injection", "'%20OR%201=1--"),
    ("script tag", "%3Cscript%3E"),
    ("accented", "caf%C3%A9"),
    ("emoji", "%F0%9F%8E%AC"),
    ("admin-quoted", "_5F00"),
]

# Query-string shapes besides `name=value`.
PARAMETER_SHAPES = [
    ("repeated", "{name}=drive&{name}=%00&{name}=2011"),
    ("repeated, good then bad", "{name}=1&{name}=%C2%B2"),
    ("array", "{name}[]=x"),
    ("array of NUL", "{name}[]=%00"),
    ("indexed", "{name}[0]=x"),
    ("no equals sign", "{name}"),
    ("empty value", "{name}="),
    ("NUL in the name", "{name}%00=1"),
]
QUERY_SHAPES = [
    ("empty name", "=x"),
    ("only ampersands", "&&&"),
    ("NUL name", "%00=1"),
    ("invalid UTF-8 name", "%ff=1"),
    ("semicolons", "a=1;b=2"),
    ("10,000 parameters", "&".join(f"p{n}=1" for n in range(10_000))),
    ("a very long name", "n" * 10_000 + "=1"),
]

OK_STATUSES = range(200, 500)


# --- Collecting failures ----------------------------------------------------------------


class Fuzzer:
    """Sends requests, each in a rolled-back savepoint, and keeps every 5xx with its traceback."""

    def __init__(self):
        self.failures = []
        self.sent = 0

    def send(self, client, method, url, *, body=None, what=""):
        self.sent += 1
        with transaction.atomic():
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, data=body or "", content_type="application/x-www-form-urlencoded")
            transaction.set_rollback(True)
        if response.status_code not in OK_STATUSES:
            self.failures.append(self._describe(method, url, body, what, response))
        return response

    @staticmethod
    def _describe(method, url, body, what, response):
        shown_url = url if len(url) <= 200 else f"{url[:200]}… ({len(url)} characters)"
        lines = [f"{method} {shown_url} [{what}] -> {response.status_code}"]
        if body is not None:
            lines.append(f"    body: {body if len(body) <= 300 else body[:300] + '…'}")
        exc_info = getattr(response, "exc_info", None)
        if exc_info:
            exc_type, exc_value, tb = exc_info
            message = str(exc_value)
            lines.append(f"    {exc_type.__module__}.{exc_type.__qualname__}: {message[:300]}")
            frames = traceback.extract_tb(tb)[-6:]
            lines.extend(f"      {frame.filename}:{frame.lineno} in {frame.name}: {frame.line}" for frame in frames)
        return "\n".join(lines)

    def assert_no_server_errors(self):
        report = "\n".join(self.failures)
        assert not self.failures, f"{len(self.failures)} of {self.sent} requests answered 5xx:\n{report}"


def with_query(path, query):
    return f"{path}{'&' if '?' in path else '?'}{query}"


def fuzz_query(fuzzer, client, path, names, values=VALUES):
    """Every value in every named parameter, the odd shapes of each, and odd query strings."""
    for name in names:
        for label, value in values:
            fuzzer.send(client, "GET", with_query(path, f"{quote(name)}={value}"), what=f"{name}: {label}")
        for label, shape in PARAMETER_SHAPES:
            fuzzer.send(client, "GET", with_query(path, shape.format(name=quote(name))), what=f"{name}: {label}")
    for label, query in QUERY_SHAPES:
        fuzzer.send(client, "GET", with_query(path, query), what=label)


def fuzz_form(fuzzer, client, path, good, fields, values=VALUES, *, query_shapes=True):
    """POST the good form with each field in turn replaced by each value (urlencoded as a
    browser sends it), repeated, sent as an array, or left out; then odd shapes of the whole
    body (and, with `query_shapes`, of the query string beside it)."""
    for field in fields:
        others = urlencode({name: value for name, value in good.items() if name != field}, doseq=True)
        for label, value in values:
            body = f"{others}&{quote(field)}={value}"
            fuzzer.send(client, "POST", path, body=body, what=f"{field}: {label}")
        for label, shape in PARAMETER_SHAPES:
            body = f"{others}&{shape.format(name=quote(field))}"
            fuzzer.send(client, "POST", path, body=body, what=f"{field}: {label}")
        fuzzer.send(client, "POST", path, body=others, what=f"{field}: left out")
    for label, query in QUERY_SHAPES:
        body = urlencode(good, doseq=True)
        fuzzer.send(client, "POST", path, body=f"{body}&{query}", what=f"body: {label}")
        if query_shapes:
            fuzzer.send(client, "POST", with_query(path, query), body=body, what=f"query: {label}")


# --- The site ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def quiet_request_logs(monkeypatch):
    """Thousands of 400s and 404s would each log a line; the failures carry their own tracebacks."""
    for name in ("django.request", "django.security"):
        monkeypatch.setattr(logging.getLogger(name), "disabled", True)


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    """The rate limit's 429 would hide what the posts after it do."""
    settings.SUBMISSION_RATE_LIMIT = 10**9


@pytest.fixture
def site(db):
    """A live dossier with its person, themes, genres, clips and shelf; a draft; a submission of each kind."""
    drive = make_full_dossier("Drive", without=["collection"])
    make_collection("Night drives", films=[drive])
    make_draft_film("Only God Forgives")
    submissions = {kind: make_submission(drive, kind) for kind in Submission.Kind.values}
    make_submission(drive, Submission.Kind.DEFENSE, state=Submission.State.APPROVED, is_featured=True)
    return drive, submissions


@pytest.fixture
def anonymous():
    return browser(raise_request_exception=False)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("fuzz-admin", "fuzz-admin@cinemaone.test", "unused")


@pytest.fixture
def superuser_client(superuser):
    client = browser(raise_request_exception=False)
    client.force_login(superuser)
    return client


@pytest.fixture
def moderator_fuzz_client(moderator):
    client = browser(raise_request_exception=False)
    client.force_login(moderator)
    return client


def public_pages(drive):
    """Each public page and the query parameters it reads (a made-up one for pages that read none)."""
    person = drive.credits.get(role=Credit.Role.DIRECTOR).person
    theme = drive.themes.order_by("name").first()
    shelf = Collection.objects.get(items__film=drive)
    pages = {
        "home": ("/", ["utm_source", "page", "q"]),
        "catalog": (reverse("films:catalog"), ["genre", "theme", "decade", "tier", "sort", "page"]),
        "catalog filtered": (f"{reverse('films:catalog')}?genre=crime&sort=title", ["page", "decade", "theme"]),
        "search": (reverse("search"), ["q", "page"]),
        "search for drive": (f"{reverse('search')}?q=drive", ["page"]),
        "dossier": (drive.get_absolute_url(), ["utm_source"]),
        "person": (f"/people/{person.slug}/", ["utm_source"]),
        "theme": (f"/themes/{theme.slug}/", ["page", "utm_source"]),
        "collection": (shelf.get_absolute_url(), ["utm_source"]),
        "sitemap": (reverse("sitemap"), ["p", "section"]),
        "feed": (reverse("feed-latest"), ["utm_source", "page"]),
        "healthz": (reverse("healthz"), ["x"]),
        "robots": ("/robots.txt", ["x"]),
    }
    for anchor in FORM_PAGES:
        pages[f"{anchor} form"] = (f"/films/{drive.slug}/{anchor}/", ["utm_source", "scene"])
    return pages


PUBLIC_PAGES = [
    "home", "catalog", "catalog filtered", "search", "search for drive", "dossier", "person", "theme",
    "collection", "sitemap", "feed", "healthz", "robots", "defend form", "scene-challenge form", "next-pick form",
]


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_no_query_string_makes_a_public_page_fail(site, anonymous, page):
    drive, _submissions = site
    path, names = public_pages(drive)[page]
    fuzzer = Fuzzer()

    assert fuzzer.send(anonymous, "GET", path, what="as it is").status_code == 200, path
    fuzz_query(fuzzer, anonymous, path, names)

    fuzzer.assert_no_server_errors()


def test_no_query_string_makes_a_cached_public_page_fail(site, anonymous, page_cache_on):
    """The page cache keys pages by the query they read: the same values through it."""
    drive, _submissions = site
    fuzzer = Fuzzer()
    for page in ("home", "catalog", "search", "dossier", "theme"):
        path, names = public_pages(drive)[page]
        fuzz_query(fuzzer, anonymous, path, names)

    fuzzer.assert_no_server_errors()


PATH_FAMILIES = [
    "/films/{}/",
    "/films/{}",
    "/films/{}/defend/",
    "/films/{}/scene-challenge/",
    "/films/{}/next-pick/",
    "/films/{}/preview/",
    "/people/{}/",
    "/themes/{}/",
    "/collections/{}/",
    "/{}/",
    "/search/{}",
]


@pytest.mark.parametrize("family", PATH_FAMILIES)
def test_no_path_segment_makes_a_public_url_fail(site, anonymous, superuser_client, family):
    fuzzer = Fuzzer()
    for label, segment in SEGMENTS:
        url = family.format(segment)
        fuzzer.send(anonymous, "GET", url, what=f"segment: {label}")
        if "preview" in family:  # only staff get past the permission check to the lookup
            fuzzer.send(superuser_client, "GET", url, what=f"segment as a superuser: {label}")
        if family.endswith(("defend/", "challenge/", "pick/")):
            fuzzer.send(anonymous, "POST", url, body="body=x", what=f"segment, POST: {label}")

    fuzzer.assert_no_server_errors()


FORM_FIELDS = {
    "defend": ["body", "display_name", "email", "underrated", "website"],
    "scene-challenge": ["body", "display_name", "email", "scene", "scene_name", "carries", "website"],
    "next-pick": ["body", "display_name", "email", "suggested_title", "pathway", "website"],
}


@pytest.mark.parametrize("anchor", FORM_FIELDS)
def test_no_field_value_makes_a_reader_form_fail(site, anonymous, anchor):
    drive, _submissions = site
    path = f"/films/{drive.slug}/{anchor}/"
    good = form_data(drive, anchor)
    fuzzer = Fuzzer()

    assert fuzzer.send(anonymous, "POST", path, body=urlencode(good), what="good form").status_code == 302
    fuzz_form(fuzzer, anonymous, path, good, FORM_FIELDS[anchor])

    fuzzer.assert_no_server_errors()


# --- The admin --------------------------------------------------------------------------

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
CHANGELISTS = {model._meta.label: (model, model_admin) for model, model_admin in REGISTERED}


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def changelist_parameters(model, model_admin, user):
    """What the changelist reads: search, order, page, error flag, each filter's parameters, the
    date hierarchy's, and a few lookups the admin lets through the URL."""
    request = RequestFactory().get(changelist_url(model))
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    names = [SEARCH_VAR, ORDER_VAR, PAGE_VAR, ERROR_FLAG, "_to_field", "_popup", "_changelist_filters"]
    for spec in changelist.filter_specs:
        names.extend(spec.expected_parameters())
    if model_admin.date_hierarchy:
        names.extend(f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day"))
    text_field = next(
        (field.name for field in model._meta.concrete_fields if field.get_internal_type() in ("CharField", "TextField")),
        "pk",
    )
    names.extend([
        "pk__in", "pk__gt", "pk__range", "pk__isnull", f"{text_field}__startswith", f"{text_field}__regex",
        f"{text_field}__in", "title__startswith", "client_key__startswith", "no_such_field__exact",
        "pk__no_such_lookup",
    ])
    return list(dict.fromkeys(names))


@pytest.mark.parametrize("label", CHANGELISTS)
def test_no_query_string_makes_an_admin_changelist_fail(site, superuser, superuser_client, label):
    model, model_admin = CHANGELISTS[label]
    path = changelist_url(model)
    fuzzer = Fuzzer()

    assert fuzzer.send(superuser_client, "GET", path, what="as it is").status_code == 200, path
    fuzz_query(fuzzer, superuser_client, path, changelist_parameters(model, model_admin, superuser), ADMIN_VALUES)

    fuzzer.assert_no_server_errors()


def test_no_query_string_makes_the_moderators_queue_fail(site, moderator, moderator_fuzz_client):
    model_admin = admin.site._registry[Submission]
    path = changelist_url(Submission)
    fuzzer = Fuzzer()

    assert fuzzer.send(moderator_fuzz_client, "GET", path, what="as it is").status_code == 200
    fuzz_query(fuzzer, moderator_fuzz_client, path, changelist_parameters(Submission, model_admin, moderator),
               ADMIN_VALUES)

    fuzzer.assert_no_server_errors()


@pytest.mark.parametrize("label", CHANGELISTS)
def test_no_action_post_makes_an_admin_changelist_fail(site, superuser_client, label):
    model, _model_admin = CHANGELISTS[label]
    path = changelist_url(model)
    first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    good = {"action": "delete_selected", "_selected_action": str(first or 1), "index": "0", "post": "no"}
    if model is Submission:
        good["action"] = "approve_selected"
    fuzzer = Fuzzer()

    fuzz_form(fuzzer, superuser_client, path, good, ["action", "_selected_action", "index", "select_across"],
              ADMIN_VALUES)

    fuzzer.assert_no_server_errors()


REVIEW_FIELDS = ["note", "decision", "seen_state", "seen_featured"]


@pytest.mark.parametrize("who", ["superuser", "moderator"])
def test_no_input_makes_the_review_screen_fail(site, superuser_client, moderator_fuzz_client, who):
    _drive, submissions = site
    client = superuser_client if who == "superuser" else moderator_fuzz_client
    fuzzer = Fuzzer()
    for submission in submissions.values():
        path = reverse("admin:submissions_submission_review", kwargs={"pk": submission.pk})
        good = {"decision": "approve", "seen_state": submission.state, "seen_featured": "0", "note": "Sharp."}
        assert fuzzer.send(client, "GET", path, what="as it is").status_code == 200
        assert fuzzer.send(client, "POST", path, body=urlencode(good), what="good decision").status_code == 302
        fuzz_query(fuzzer, client, path, ["decision", "note"], ADMIN_VALUES)
        fuzz_form(fuzzer, client, path, good, REVIEW_FIELDS, ADMIN_VALUES)
    for label, segment in SEGMENTS:
        fuzzer.send(client, "GET", f"/admin/submissions/submission/{segment}/review/", what=f"pk: {label}")
    fuzzer.send(client, "GET", reverse("admin:submissions_submission_next"), what="next pending")

    fuzzer.assert_no_server_errors()


ADMIN_OBJECT_PATHS = [
    "/admin/films/film/{}/change/",
    "/admin/films/film/{}/history/",
    "/admin/films/film/{}/delete/",
    "/admin/films/film/{}/",
    "/admin/submissions/submission/{}/change/",
    "/admin/editorial/collection/{}/change/",
    "/admin/taggit/tag/{}/change/",
    "/admin/auth/user/{}/change/",
    "/admin/auth/user/{}/password/",
    "/admin/r/{ct}/{}/",
    "/admin/r/{}/1/",
]


@pytest.mark.parametrize("family", ADMIN_OBJECT_PATHS)
def test_no_object_id_makes_an_admin_page_fail(site, superuser_client, family):
    ct = ContentType.objects.get_for_model(Film).pk
    fuzzer = Fuzzer()
    for label, segment in SEGMENTS:
        fuzzer.send(superuser_client, "GET", family.format(segment, ct=ct), what=f"id: {label}")

    fuzzer.assert_no_server_errors()


def test_no_text_makes_the_film_change_form_fail(site, superuser_client):
    """Control characters and the rest typed into the title and logline, posted with the whole form."""
    drive, _submissions = site
    path = reverse("admin:films_film_change", args=[drive.pk])
    page = superuser_client.get(path)
    assert page.status_code == 200
    good = {**admin_form_data(page), "_save": ["Save"]}
    fuzzer = Fuzzer()

    assert fuzzer.send(superuser_client, "POST", path, body=urlencode(good, doseq=True), what="as it is").status_code == 302
    fuzz_form(fuzzer, superuser_client, path, good, ["title", "logline", "year"], ADMIN_VALUES, query_shapes=False)
    fuzz_query(fuzzer, superuser_client, path, ["_changelist_filters", "_popup", "_to_field"], ADMIN_VALUES)

    fuzzer.assert_no_server_errors()
