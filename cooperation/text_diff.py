"""Whole-word differences between two versions of a text, for people rather than test runners.

``word_diff(old, new)`` marks what was removed with ``<del>`` and what was added with ``<ins>``,
whole words at a time, everything else escaped. Rich text is compared as the text a reader sees:
pass ``html=True`` (or run each side through :func:`plain_text` first), so a change of markup
alone is no change. Show the result inside an element with the ``word-diff`` class (the admin's
stylesheet keeps its line breaks and colours the marks).
"""

import difflib
import re
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Words, runs of whitespace, and each other character (punctuation) on its own, so that
# "Organization." becoming "Organization," marks the comma rather than the whole word.
TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)

# Elements after which a reader sees a new line (the tags rich text allows, see rich_text.py).
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "ul", "ol", "div"}


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment, a line break after each block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html: str | None) -> str:
    """The text of an HTML fragment as a reader sees it: no tags, entities decoded, one line per
    paragraph or list item, runs of spaces collapsed."""
    if not html:
        return ""
    extractor = _TextExtractor()
    extractor.feed(str(html))
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _changes(old: list[str], new: list[str]):
    """Opcodes of ``old`` → ``new``, each change a whole stretch of words."""
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    grouped = []
    for op in opcodes:
        tag, i1, i2, j1, j2 = op
        spaces_only = tag == "equal" and all(t.isspace() for t in old[i1:i2])
        if grouped and grouped[-1][0] != "equal" and spaces_only:
            grouped.append(("spaces", i1, i2, j1, j2))
            continue
        if grouped and tag != "equal" and grouped[-1][0] == "spaces":
            # Bare spaces between two changes: join the three into one change, as a person
            # would mark "a b" → "x y" rather than word by word.
            grouped.pop()
            before = grouped.pop()
            grouped.append(("replace", before[1], i2, before[3], j2))
            continue
        if grouped and tag != "equal" and grouped[-1][0] != "equal":
            before = grouped.pop()
            grouped.append(("replace", before[1], i2, before[3], j2))
            continue
        grouped.append(op)
    # Spaces that no further change followed are unchanged text after all.
    return [("equal", *op[1:]) if op[0] == "spaces" else op for op in grouped]


ELLIPSIS = " … "


def _shortened(tokens: list[str], context: int, *, head: bool, tail: bool) -> str:
    """An unchanged stretch cut to ``context`` words after the change before it (``head``) and
    before the change after it (``tail``)."""
    words = [i for i, t in enumerate(tokens) if not t.isspace()]
    if len(words) <= context * (head + tail) + 1:  # cutting would save at most one word
        return "".join(tokens)
    start = "".join(tokens[: words[context - 1] + 1]) if head and context else ""
    end = "".join(tokens[words[-context] :]) if tail and context else ""
    if start and end:
        return start + ELLIPSIS + end
    return start + ELLIPSIS.rstrip() if start else ELLIPSIS.lstrip() + end


def word_diff(
    old: str | None, new: str | None, *, html: bool = False, context: int | None = None
) -> SafeString:
    """``new`` as escaped HTML, with the words removed since ``old`` in ``<del>`` and the words
    added in ``<ins>``. ``html``: both are rich text, compared as :func:`plain_text`.
    ``context``: keep only this many unchanged words around each change ("…" for the rest)."""
    old, new = ("" if old is None else str(old)), ("" if new is None else str(new))
    if html:
        old, new = plain_text(old), plain_text(new)
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    out = []
    changes = _changes(old_tokens, new_tokens)
    for index, (tag, i1, i2, j1, j2) in enumerate(changes):
        removed, added = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        if tag == "equal":
            if context is not None and len(changes) > 1:
                added = _shortened(
                    new_tokens[j1:j2],
                    context,
                    head=index > 0,
                    tail=index < len(changes) - 1,
                )
            out.append(escape(added))
            continue
        if removed:
            out.append(f"<del>{escape(removed)}</del>")
        if added:
            out.append(f"<ins>{escape(added)}</ins>")
    # Every piece above is escaped, and the only markup is the del/ins written here.
    return mark_safe("".join(out))


def has_changes(old: str | None, new: str | None, *, html: bool = False) -> bool:
    """Whether ``word_diff`` of the two would mark anything (for rich text: any visible text)."""
    old, new = ("" if old is None else str(old)), ("" if new is None else str(new))
    if html:
        return plain_text(old) != plain_text(new)
    return old != new
