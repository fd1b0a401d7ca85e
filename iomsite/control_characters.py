"""Control characters that no address, query, form field or imported text may carry.

NUL and the other C0 control characters, and DEL, have no place in text a person types or a
page shows; PostgreSQL refuses NUL outright, so letting one through turns a strange request
into a server error. Tab, line feed and carriage return are ordinary text.
"""

import re

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def first_control_character(text: str) -> str | None:
    """The first forbidden character in ``text``, shown as ``U+0000``; None if there is none."""
    match = CONTROL_CHARACTERS.search(text)
    return f"U+{ord(match.group()):04X}" if match else None
