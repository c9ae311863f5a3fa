"""Where uploads are stored: local files, or an S3-compatible bucket named by one URL.

    MEDIA_STORAGE_URL=s3://ACCESS_KEY:SECRET_KEY@HOST[:PORT]/BUCKET[/PREFIX][?OPTION=VALUE&...]

- ACCESS_KEY:SECRET_KEY  percent-encoded (a secret's "/" is %2F, "+" is %2B). Leave both out
  (s3://HOST/BUCKET) to let boto3 find credentials itself (an instance role, AWS_* variables).
- HOST[:PORT]            the S3 endpoint, e.g. minio:9000 or s3.eu-west-1.amazonaws.com.
- BUCKET[/PREFIX]        the bucket, and optionally a folder in it that every upload goes under.
- region=eu-west-1       the bucket's region (signing needs it on AWS; MinIO ignores it).
- secure=off             talk to the endpoint over plain HTTP (default on: HTTPS).
- custom_domain=media.cinemaone.example
                         the host readers fetch uploads from (a CDN in front of the bucket),
                         always over HTTPS; otherwise URLs point at the endpoint itself.
- addressing_style=virtual  BUCKET.HOST/KEY URLs instead of HOST/BUCKET/KEY (default path, which
                         MinIO and every S3-compatible server understand).

URLs are never signed (querystring_auth off), so readers must be able to read the bucket's
objects without credentials: a public-read bucket policy, or a CDN at custom_domain that may
read the bucket. Signed URLs expire (after an hour by default) while pages are kept far longer
(the page cache, Varnish), so a cached page would show broken images; and an URL that changes
on every render could not be cached as immutable.

Imported by the settings, so it needs nothing of Django but its exception.
"""

from urllib.parse import parse_qsl, unquote, urlsplit

from botocore.config import Config
from django.core.exceptions import ImproperlyConfigured

LOCAL_FILES = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3_BACKEND = "storages.backends.s3.S3Storage"
# An upload's name is unique to its bytes (films.images.content_name) and names are never
# reused (file_overwrite off), so an object never changes: browsers and CDNs keep it a year.
IMMUTABLE = "public, max-age=31536000, immutable"
SWITCHES = {"on": True, "true": True, "1": True, "off": False, "false": False, "0": False}
ADDRESSING_STYLES = ("path", "virtual")
OPTIONS = ("region", "secure", "custom_domain", "addressing_style")
# An endpoint that is down or hung costs an upload seconds, never the worker (gunicorn kills a
# request after 30 s; boto3's defaults, 60 s to connect and per read, each tried again, would
# take minutes): at most two tries of 2 s to connect and 5 s to wait for an answer.
TIMEOUTS = {"connect_timeout": 2, "read_timeout": 5, "retries": {"mode": "standard", "max_attempts": 2}}


def media_storage(url):
    """STORAGES["default"] for MEDIA_STORAGE_URL: local files when it is empty, else S3Storage.

    Raises ImproperlyConfigured, saying what is wrong, for a URL that cannot be right."""
    if not url:
        return LOCAL_FILES
    parts = urlsplit(url)
    if parts.scheme != "s3":
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE_URL must start with s3:// (got {parts.scheme + '://' if parts.scheme else 'no scheme'})."
        )
    if not parts.hostname:
        raise ImproperlyConfigured("MEDIA_STORAGE_URL names no endpoint host: s3://KEY:SECRET@HOST[:PORT]/BUCKET.")
    bucket, _, prefix = parts.path.strip("/").partition("/")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE_URL names no bucket: s3://KEY:SECRET@HOST[:PORT]/BUCKET.")
    if (parts.username is None) != (parts.password is None):
        raise ImproperlyConfigured("MEDIA_STORAGE_URL gives an access key without a secret key, or a secret without a key.")
    options = _query(parts.query)
    secure = _switch(options.get("secure", "on"))
    addressing_style = options.get("addressing_style", "path")
    if addressing_style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(f"MEDIA_STORAGE_URL: addressing_style must be path or virtual, not {addressing_style!r}.")
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        raise ImproperlyConfigured("MEDIA_STORAGE_URL: the port must be a number from 1 to 65535.") from None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return {
        "BACKEND": S3_BACKEND,
        "OPTIONS": {
            "bucket_name": bucket,
            "location": prefix.strip("/"),
            "endpoint_url": f"{'https' if secure else 'http'}://{host}{port}",
            "access_key": unquote(parts.username) if parts.username is not None else None,
            "secret_key": unquote(parts.password) if parts.password is not None else None,
            "region_name": options.get("region") or None,
            "custom_domain": options.get("custom_domain") or None,
            "client_config": Config(s3={"addressing_style": addressing_style}, **TIMEOUTS),
            "file_overwrite": False,
            "querystring_auth": False,
            "object_parameters": {"CacheControl": IMMUTABLE},
        },
    }


def media_origins(storage):
    """Where readers' browsers fetch uploads from, besides the site itself (for the CSP's
    img-src): the bucket's origin, or none when the site serves its own uploads."""
    if storage["BACKEND"] != S3_BACKEND:
        return []
    options = storage["OPTIONS"]
    if options["custom_domain"]:
        return [f"https://{options['custom_domain']}"]
    scheme, _, host = options["endpoint_url"].partition("://")
    if options["client_config"].s3["addressing_style"] == "virtual":
        host = f"{options['bucket_name']}.{host}"
    return [f"{scheme}://{host}"]


def _query(query):
    options = dict(parse_qsl(query, keep_blank_values=True))
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE_URL: unknown option {', '.join(unknown)} (known: {', '.join(OPTIONS)})."
        )
    return options


def _switch(value):
    try:
        return SWITCHES[value.lower()]
    except KeyError:
        raise ImproperlyConfigured(f"MEDIA_STORAGE_URL: secure must be on or off, not {value!r}.") from None
