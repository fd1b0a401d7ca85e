"""Reading a rendered page as a visitor does: its visible text, whitespace collapsed."""

import html
import re

_SKIP = re.compile(r"<(script|style|head)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def visible_text(page_html: str) -> str:
    text = _TAG.sub(" ", _SKIP.sub(" ", page_html))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def main_text(page_html: str) -> str:
    """The text of the page's <main> only, without header and footer chrome."""
    match = re.search(r"<main\b.*?</main>", page_html, re.S)
    assert match, "the page has no <main> element"
    return visible_text(match.group(0))
