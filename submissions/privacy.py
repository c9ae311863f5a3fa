"""What we keep of a submitter: a keyed hash of the address, never the address itself."""

import hashlib
import re

from django.utils.crypto import salted_hmac


def client_hash(request):
    address = request.META.get("REMOTE_ADDR", "")
    return salted_hmac("submissions.client", address, algorithm="sha256").hexdigest()


def fingerprint(*parts):
    """The same words, however spaced or cased, give the same fingerprint."""
    normalized = "\x1f".join(re.sub(r"\s+", " ", str(part)).strip().casefold() for part in parts)
    return hashlib.sha256(normalized.encode()).hexdigest()
