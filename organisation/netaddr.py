"""The visitor's address, for sign-in lockout and rate limits."""

from django.conf import settings


def client_ip(request) -> str:
    """Behind N trusted reverse proxies (TRUSTED_PROXIES) the visitor is the Nth address from
    the right of X-Forwarded-For; anything further left could have been written by the visitor,
    so it is never trusted. With no proxy, the connection's own address."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or ""


def ratelimit_key(group, request) -> str:
    """django-ratelimit key function: the visitor's address (django-ratelimit hashes keys)."""
    return client_ip(request)


def sign_in_username(request, credentials) -> str:
    """The username django-axes records a sign-in attempt under, as typed, cut to the longest a
    username can be (150): anything longer cannot be an account, and the attempt record's column
    would refuse it with a server error."""
    source = credentials if credentials else request.POST
    return str((source or {}).get("username", "") or "")[:150]
