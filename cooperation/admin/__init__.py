"""The Django admin for ministry staff."""

from . import content, imports, working_copies  # noqa: F401  (registers the ModelAdmins)
