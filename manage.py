#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iomsite.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A setting the environment gets wrong (a missing or weak secret key, say): the
        # message says what to do; a traceback would only hide it.
        sys.exit(f"Error: {error}")


if __name__ == "__main__":
    main()
