"""What django-axes records of a failed log-in, kept within what it can store."""

from django.conf import settings

# django-axes keeps the user name in a column of 255 characters.
STORED_USERNAME_LENGTH = 255


def attempted_username(request, credentials=None):
    """The user name a log-in attempt gave (AXES_USERNAME_CALLABLE), cut to what django-axes
    stores: an absurdly long one is counted and throttled like any other, never an error."""
    data = credentials or getattr(request, "data", request.POST)
    username = data.get(settings.AXES_USERNAME_FORM_FIELD) if data else None
    return username[:STORED_USERNAME_LENGTH] if isinstance(username, str) else username
