"""The Django admin for ministry staff."""

from . import content, imports  # noqa: F401  (registers the ModelAdmins)
