"""Cinema One settings: one file, every value from the environment.

With nothing set, the site runs for local development: SQLite, DEBUG on, a
development-only secret. Production sets DEBUG=off and must then provide a real
SECRET_KEY and ALLOWED_HOSTS, or the site refuses to start.
"""

from datetime import timedelta
from pathlib import Path

import environ
from redis.backoff import NoBackoff
from redis.retry import Retry
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from cinemaone.media_storage import media_origins, media_storage

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)

_DEVELOPMENT_SECRET = "django-insecure-development-only-never-in-production"
SECRET_KEY = env("SECRET_KEY", default=_DEVELOPMENT_SECRET if DEBUG else "")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG:
    if not SECRET_KEY or SECRET_KEY == _DEVELOPMENT_SECRET:
        raise ImproperlyConfigured("Set SECRET_KEY: DEBUG is off and no real secret key is configured.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set ALLOWED_HOSTS: DEBUG is off and no host is allowed.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin: its translated fields (title_en, title_fr ...) are added to the models
    # the admin registers.
    "modeltranslation",
    "cinemaone.apps.CinemaOneAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "reversion",
    "reversion_compare",
    "axes",
    "django_tasks_db",
    "pagecache",  # its purge_pages command
    "films",
    "editorial",
    "submissions",
    "public",
]
# The demo loader and its content (make demo) are for development only.
if DEBUG:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # First: stores the pages FetchPageMiddleware prepared, if the stack set no cookie (pagecache).
    "pagecache.middleware.StorePageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses rendered pages, stored ones too, on their way out (zstd, brotli or gzip, as the
    # client asks; never the admin: cinemaone.compression). Below whitenoise, whose static files
    # are compressed already; above ConditionalGet, so the ETag is the page's own (made weak once
    # compressed) and If-None-Match still gets a 304.
    "cinemaone.compression.ReaderPagesCompressionMiddleware",
    # Answers If-None-Match / If-Modified-Since with 304 from a page's ETag.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is the URL's (/fr/...), English without a prefix: never a cookie or a browser
    # header, so one address is always one page, for readers and every cache alike.
    "cinemaone.middleware.LanguageFromPathMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A query string with a control character (NUL, ...) is a 400 page, never a 500 from below.
    "cinemaone.middleware.RefuseControlCharactersMiddleware",
    # A database that cannot be reached gives a 503 page, not a 500.
    "cinemaone.middleware.DatabaseUnavailableMiddleware",
    # Answers a sign-in that django-axes refused (too many failures) with its lockout page.
    "axes.middleware.AxesMiddleware",
    # Last: serves stored pages (no database needed), so they pass out through the whole stack.
    "pagecache.middleware.FetchPageMiddleware",
]

ROOT_URLCONF = "cinemaone.urls"
WSGI_APPLICATION = "cinemaone.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "cinemaone.context_processors.canonical_url",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # A database that is down or hung fails a request in seconds (a 503, cinemaone.middleware)
    # instead of holding a worker until gunicorn kills it; stored pages need no database.
    options["connect_timeout"] = env.int("DATABASE_CONNECT_TIMEOUT", default=3)
    options["options"] = f"-c statement_timeout={env.int('DATABASE_STATEMENT_TIMEOUT_MS', default=5000)}"
    # Server-side parameters, and psycopg preparing a query once it has run 5 times on a
    # connection. Off by default: a pooler such as PgBouncer in transaction mode cannot keep
    # prepared statements, and it only pays with persistent connections (CONN_MAX_AGE).
    if env.bool("DATABASE_SERVER_SIDE_BINDING", default=False):
        options.update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(url):
    """A cache from its URL (django-environ's schemes). A Redis that is down or hung then costs
    a request a fraction of a second, never a worker: one try per command (redis-py would retry
    three times, backing off), the page cache renders uncached when its store fails (pagecache),
    and the client reconnects by itself once Redis is back."""
    cache = environ.Env.cache_url_config(url)
    if cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        cache.setdefault("OPTIONS", {}).update(
            socket_connect_timeout=env.float("CACHE_CONNECT_TIMEOUT", default=0.25),
            socket_timeout=env.float("CACHE_TIMEOUT", default=0.5),
            retry=Retry(NoBackoff(), retries=0),
        )
    return cache


# Shared by every worker on the host, and sized for a whole catalog of pages: Django's
# file-based cache by default, Redis with CACHE_URL=redis://host:6379/1 (shared by every host).
if env("CACHE_URL", default=""):
    CACHES = {"default": cache_from_url(env("CACHE_URL"))}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.path("CACHE_DIR", default=BASE_DIR / ".cache"),
            "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=100_000)},
        }
    }

# Admin sign-in is throttled by django-axes: after AXES_FAILURE_LIMIT wrong passwords for one
# account from one address, that pair is locked out for the cool-off, the right password
# included; the attempts are listed in the admin (Axes), where a superuser can lift a lockout.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=6)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("ADMIN_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # each failure listed, not only the count per pair
AXES_CLIENT_IP_CALLABLE = "cinemaone.admin.sign_in_address"  # the same proxies trusted as for readers
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the wait said on the page stays true

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Editorial text is translated per field (django-modeltranslation: title_en, title_fr, ...);
# a field not yet translated shows the English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# taggit's own migrations, copied, followed by the one adding its tags' French names (themes are
# translated: films.translation). Copy any migration a new taggit release brings.
MIGRATION_MODULES = {"taggit": "films.taggit_migrations"}
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
# Uploads: local files in MEDIA_ROOT, or an S3-compatible bucket with MEDIA_STORAGE_URL, e.g.
# s3://KEY:SECRET@minio:9000/cinemaone-media?secure=off (the format: cinemaone.media_storage).
STORAGES = {
    "default": media_storage(env("MEDIA_STORAGE_URL", default="")),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Strict from the first line: scripts and styles only from our own static
# files, no inline code, embeds only from the privacy-friendly video hosts.
VIDEO_EMBED_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *media_origins(STORAGES["default"])],
    "font-src": [CSP.SELF],
    "frame-src": VIDEO_EMBED_ORIGINS,
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Nothing of the site is meant to be framed, the admin included.
X_FRAME_OPTIONS = env("X_FRAME_OPTIONS", default="DENY")
# HTTPS everywhere, once the site is served only over it (see the README before turning HSTS
# on: browsers remember it). The probes stay reachable over plain HTTP for load balancers.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None

# Whole-page cache for anonymous readers, emptied by cache tag (pagecache); never stale.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=24 * 60 * 60)
# The response header naming a page's tags, for a cache in front that purges by them:
# xkey (Varnish), Surrogate-Key (Fastly) or Cache-Tag (Cloudflare).
PAGE_CACHE_TAG_HEADER = env("PAGE_CACHE_TAG_HEADER", default="xkey")
# Varnish in front (deploy/varnish): where each change sends PURGE by tag, one URL per Varnish
# host (comma-separated, e.g. http://varnish:80/), at most PURGE_TIMEOUT seconds each. Unset:
# nothing is purged, and no page may be kept in front (pagecache.purge).
PURGE_URLS = env.list("PURGE_URL", default=[])
PURGE_TIMEOUT = env.float("PURGE_TIMEOUT", default=2.0)
# How far apart the web hosts' clocks may be: a page rendered this close to a change of
# what it shows is not trusted to show it (pagecache.middleware).
PAGE_CACHE_CLOCK_SKEW = env.float("PAGE_CACHE_CLOCK_SKEW", default=0.05)
MESSAGES_COOKIE_NAME = "messages"  # django.contrib.messages' cookie storage
# What a 503 asks clients to wait before trying again, in seconds.
RETRY_AFTER_SECONDS = 30

# E-mail (submitters told of decisions): EMAIL_URL, e.g. smtp+tls://user:password@host:587;
# the console by default. SITE_URL makes the links in them absolute.
_email = env.email_url("EMAIL_URL", default="consolemail://")
_SMTP_OPTIONS = {"EMAIL_HOST": "host", "EMAIL_PORT": "port", "EMAIL_HOST_USER": "username",
                 "EMAIL_HOST_PASSWORD": "password", "EMAIL_USE_TLS": "use_tls", "EMAIL_USE_SSL": "use_ssl"}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {option: _email[key] for key, option in _SMTP_OPTIONS.items()
                    if key in _email and _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")},
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Cinema One <noreply@cinemaone.example>")
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Slow work (images' renditions, submitters' e-mails) runs as tasks (django.tasks). With
# TASKS_BACKEND=database they are stored in the database and run, retried when they fail, by
# `manage.py db_worker` (django-tasks-db), a process beside the web ones: production. With
# immediate (the default) each runs inside the request that enqueued it, without retries, so
# `make demo` and the tests need no worker.
_TASK_BACKENDS = {"database": "django_tasks_db.DatabaseBackend",
                  "immediate": "django.tasks.backends.immediate.ImmediateBackend"}
if env("TASKS_BACKEND", default="immediate") not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[env("TASKS_BACKEND", default="immediate")]}}

# Reader submissions: at most this many form posts per client per window (seconds), counted
# in the database, or in a Redis of its own with RATE_LIMIT_CACHE_URL (submissions.ratelimit).
SUBMISSION_RATE_LIMIT = env.int("SUBMISSION_RATE_LIMIT", default=10)
SUBMISSION_RATE_WINDOW = env.int("SUBMISSION_RATE_WINDOW", default=600)
if env("RATE_LIMIT_CACHE_URL", default=""):
    CACHES["ratelimit"] = cache_from_url(env("RATE_LIMIT_CACHE_URL"))
# Who a reader is, behind proxies (submissions.privacy): X-Forwarded-For is believed only from
# these addresses or networks, or, with TRUSTED_PROXY_HOPS, that many hops back from the end.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # django-axes says "BEGIN" on every start and each failed sign-in at INFO; its lockouts
    # (WARNING) are what an operator needs in the log, and every attempt is in the admin.
    "loggers": {
        "axes": {"level": "WARNING"},
        # A line per task started and finished is the worker's log (db_worker sets INFO); a web
        # process running tasks inline logs only their failures.
        "django.tasks": {"level": "WARNING"},
    },
}
