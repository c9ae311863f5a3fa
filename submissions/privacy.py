"""What we keep of a submitter: a key for today, never the address itself.

- `client_address` is the reader's address as the trusted proxies in front report it. A
  forwarded header is read only from a peer in TRUSTED_PROXIES, or, with TRUSTED_PROXY_HOPS,
  a fixed number of hops back (for a site reachable only through its proxies).
- `client_key` is an HMAC of that address, IPv6 clients grouped by their /64 (one host holds
  2^64 of them), under a random secret that changes every day and is then deleted (the daily
  salt Plausible Analytics uses). Within a day it counts posts and spots copies; yesterday's
  keys cannot be linked to today's, nor turned back into addresses by someone holding
  SECRET_KEY or the database.
- `fingerprint` makes two texts that look the same to a person the same value.
"""

import hashlib
import hmac
import ipaddress
import re
import secrets
import unicodedata
from datetime import UTC, datetime
from functools import cache

from confusable_homoglyphs.confusables import confusables_data
from django.conf import settings

from submissions import clock
from submissions.models import DailySalt

IPV6_CLIENT_PREFIX = 64


def _trusted_proxies():
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXIES]


def _parse(address):
    try:
        parsed = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return None
    return parsed.ipv4_mapped or parsed if parsed.version == 6 else parsed


def _is_trusted(address):
    return any(address in network for network in _trusted_proxies())


def client_address(request):
    """The reader's IP address, or None when the connection gives none that parses."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    forwarded = [_parse(hop) for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    hops = settings.TRUSTED_PROXY_HOPS
    if hops:
        # Each proxy appends the address it saw: the client is the entry `hops` back from the end.
        return forwarded[-hops] if len(forwarded) >= hops else peer
    if peer is None or not _is_trusted(peer):
        return peer  # whatever the header says, the peer wrote it
    for hop in reversed(forwarded):
        if hop is None or not _is_trusted(hop):
            return hop  # the first address no trusted proxy vouches for
    return forwarded[0] if forwarded else peer  # every hop is one of ours: the leftmost began it


def client_network(address):
    """What one client is: an IPv4 address, or the /64 an IPv6 host chooses its addresses in."""
    if address is None:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_CLIENT_PREFIX}", strict=False))
    return str(address)


def today():
    return datetime.fromtimestamp(clock.now(), UTC).date()


def _salt_of(day):
    salt, created = DailySalt.objects.get_or_create(day=day, defaults={"secret": secrets.token_hex(32)})
    if created:  # a new day: the old secrets go, and with them any way back to their keys
        DailySalt.objects.filter(day__lt=day).delete()
    return salt.secret


def client_key(request):
    """Today's key for the reader sending `request` (64 hex characters)."""
    network = client_network(client_address(request))
    return hmac.new(bytes.fromhex(_salt_of(today())), network.encode(), hashlib.sha256).hexdigest()


# --- Copies a person would call the same text ---

_SPACES = re.compile(r"\s+")
_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Co", "Cn"}  # zero-width and format characters, controls
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


@cache
def _latin_look_alikes():
    """Each non-ASCII letter that Unicode's confusables table says looks like an ASCII one
    (Cyrillic "а", Greek "ο", ...), mapped to it."""
    table = {}
    for character, lookalikes in confusables_data.items():
        if len(character) == 1 and not character.isascii():
            ascii_forms = [entry["c"] for entry in lookalikes if entry["c"].isascii() and entry["c"].isalnum()]
            if ascii_forms:
                table[ord(character)] = ascii_forms[0]
    return table


def _is_decoration(character):
    """Punctuation, symbols (emoji included) and spaces: what a copy adds or drops at its ends."""
    return unicodedata.category(character)[0] in "PSZ" or character.isspace()


def normalize(text):
    text = unicodedata.normalize("NFKC", str(text))
    text = _VARIATION_SELECTORS.sub("", text)
    text = "".join(c for c in text if c.isspace() or unicodedata.category(c) not in _INVISIBLE_CATEGORIES)
    text = text.translate(_latin_look_alikes()).casefold()
    text = _SPACES.sub(" ", text)
    start, end = 0, len(text)
    while start < end and _is_decoration(text[start]):
        start += 1
    while end > start and _is_decoration(text[end - 1]):
        end -= 1
    return text[start:end]


def fingerprint(*parts):
    """The same words, however spaced, cased, decorated or spelt in look-alike letters, give the same value."""
    return hashlib.sha256("\x1f".join(normalize(part) for part in parts).encode()).hexdigest()
