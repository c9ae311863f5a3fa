"""Compression of the pages Django renders (HTML, XML, JSON, plain text), in the app itself, so a
single host needs nothing in front: zstd, brotli or gzip, whichever the client prefers
(django-http-compression), with `Vary: Accept-Encoding`; nothing for a client that accepts none.
A Varnish in front asks for gzip and keeps that. Static files never come here: whitenoise,
above in MIDDLEWARE, serves the .br and .gz files collectstatic made.

BREACH (guessing a secret from compressed sizes) needs a secret and text an attacker chooses in
one response. Reader pages hold no secret: reading sets no cookie, the reader forms carry no
CSRF token (submissions.cross_origin), and no page shows a session's or a reader's data (a
submitter's status page shows what they sent, at an address only they hold). The admin is
left uncompressed: its pages carry CSRF tokens, submitters' e-mail addresses and preview
links, next to a search box that echoes what it is given.
"""

from django_http_compression.middleware import HttpCompressionMiddleware

UNCOMPRESSED_PREFIXES = ("/admin/",)


class ReaderPagesCompressionMiddleware(HttpCompressionMiddleware):
    # The library pads each compressed answer with a random header (x-noise, up to 99 bytes)
    # against BREACH. Only pages without secrets are compressed here (above), so the padding
    # would protect nothing and cost every first visit up to 99 bytes.
    max_random_bytes = 0

    def maybe_compress(self, request, response):
        if request.path.startswith(UNCOMPRESSED_PREFIXES):
            return
        super().maybe_compress(request, response)
