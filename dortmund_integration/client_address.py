"""The address of the visitor behind Varnish and the TLS proxy, for login throttling and rate limits."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(trusted):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _parse(value):
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # "::ffff:192.0.2.7" is the IPv4 client of a dual-stack listener.
    return getattr(address, "ipv4_mapped", None) or address


def _is_trusted(address):
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request):
    """REMOTE_ADDR, or, when that is one of our proxies, the right-most address in X-Forwarded-For that is not.

    Every proxy appends the address it was called from, so entries left of the first untrusted one (from the
    right) were written by the client and are never believed. An entry a trusted proxy wrote but that is no
    address (a broken proxy) ends the walk at that proxy: better one shared limit than a forged one.
    """
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    if not _is_trusted(peer):
        return str(peer)
    hop = peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",") if forwarded else []):
        address = _parse(entry)
        if address is None:
            return str(hop)
        if not _is_trusted(address):
            return str(address)
        hop = address
    return str(hop)
