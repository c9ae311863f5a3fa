"""What we keep of a submitter: a key for today, never the address itself.

- `client_address` is the reader's address as the trusted proxies in front report it. A
  forwarded header is read only from a peer in TRUSTED_PROXIES, or, with TRUSTED_PROXY_HOPS,
  a fixed number of hops back (for a site reachable only through its proxies).
- `client_key` is an HMAC of that address, IPv6 clients grouped by their /64 (one host holds
  2^64 of them), under a random secret that changes every day and is then deleted (the daily
  salt Plausible Analytics uses). Within a day it counts posts and spots copies; yesterday's
  keys cannot be linked to today's, nor turned back into addresses by someone holding
  SECRET_KEY or the database.
- `fingerprint` makes two texts that look the same to a person the same value (the rule lives in
  films.text, shared with editorial's trivia import; imported here for the submissions code).
"""

import hashlib
import hmac
import ipaddress
import secrets
from datetime import UTC, datetime

from django.conf import settings

from films.text import fingerprint, normalize  # noqa: F401 (submissions.services and .screening use them)
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
