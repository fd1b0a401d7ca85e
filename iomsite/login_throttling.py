"""What django-axes records of a failed log-in: who (the user name, kept within what it can
store) and from where (the client's address, as the proxies in front report it)."""

import ipaddress

from django.conf import settings

# django-axes keeps the user name in a column of 255 characters.
STORED_USERNAME_LENGTH = 255


def attempted_username(request, credentials=None):
    """The user name a log-in attempt gave (AXES_USERNAME_CALLABLE), cut to what django-axes
    stores: an absurdly long one is counted and throttled like any other, never an error."""
    data = credentials or getattr(request, "data", request.POST)
    username = data.get(settings.AXES_USERNAME_FORM_FIELD) if data else None
    return username[:STORED_USERNAME_LENGTH] if isinstance(username, str) else username


def valid_address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The client's address (AXES_CLIENT_IP_CALLABLE): from the header the proxy in front
    overwrites (DJANGO_CLIENT_IP_HEADER), or the address the first of the trusted proxies
    appended to X-Forwarded-For (DJANGO_TRUSTED_PROXY_COUNT), or else the connection's. A
    value that is not an address counts as none."""
    if settings.CLIENT_IP_HEADER:
        return valid_address(request.headers.get(settings.CLIENT_IP_HEADER, ""))
    if settings.TRUSTED_PROXY_COUNT:
        hops = [hop for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop]
        if len(hops) >= settings.TRUSTED_PROXY_COUNT:
            return valid_address(hops[-settings.TRUSTED_PROXY_COUNT])
    return valid_address(request.META.get("REMOTE_ADDR") or "")
