"""Searching the index: PostgreSQL's full-text search, or case-folded text on SQLite.

On PostgreSQL each language has its text-search configuration — ``english``, ``russian``,
and ``simple`` for Belarusian, which PostgreSQL does not ship — and a GIN index over the
entries' vectors in that language (migration 0006): the query is read with
``websearch_to_tsquery`` (quotes, ``or``, ``-word``: whatever a visitor types is valid),
ranked with ``ts_rank`` (the title weighs more than the body), and snippets come from
``ts_headline``. SQLite has no such search; there every word of the query must occur in the
entry's case-folded title or body (``str.casefold`` folds Cyrillic, which SQLite's ``LIKE``
does not), and entries whose titles hold more of the words come first.

Either way a search reads two queries (the count and the page) whatever the number of
models, and a snippet is plain text escaped for HTML with only ``<mark>`` as markup.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.html import escape

from ..models import SearchEntry

CONFIGURATIONS = {"en": "english", "ru": "russian", "be": "simple"}
# A visitor's query is cut to this many characters, and SQLite's to this many words: the cost
# of one search stays bounded whatever is sent.
MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
# Matches are marked with private-use characters, which the index never holds
# (``cooperation.search.index.plain_text``), then escaped and turned into <mark>.
START, STOP = "\ue000", "\ue001"
SNIPPET_CHARACTERS = 240


def vector(language: str) -> SearchVector:
    """An entry's full-text vector in ``language``: the expression the GIN indexes hold."""
    config = CONFIGURATIONS[language]
    return SearchVector("title", weight="A", config=config) + SearchVector(
        "body", weight="B", config=config
    )


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def marked(text: str) -> str:
    """``text`` escaped for HTML, with the stretches between START and STOP as <mark>."""
    return escape(text).replace(START, "<mark>").replace(STOP, "</mark>")


@dataclass
class Result:
    """One entry found: its kind, title, address and a snippet (safe HTML)."""

    kind: str
    kind_label: str
    title: str
    title_language: str
    url: str
    snippet: str
    snippet_language: str


def cleaned(query: str) -> str:
    """The query as searched: at most MAX_QUERY_LENGTH characters, spaces collapsed."""
    return " ".join(query.split())[:MAX_QUERY_LENGTH].strip()


def visible_entries(language: str):
    now = timezone.now()
    return SearchEntry.objects.filter(
        Q(visible_from__isnull=True) | Q(visible_from__lte=now), language=language
    )


def words_of(query: str) -> list[str]:
    """The query's words, case-folded, each once, at most MAX_WORDS of them."""
    words = []
    for word in re.findall(r"\w+", query.casefold()):
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def search(query: str, language: str):
    """Entries matching ``query`` in ``language``, best first: a lazy queryset of dicts
    (``kind``, ``title``, ``title_language``, ``url``, ``body_language`` and either
    ``snippet``, marked, or ``body``) for :func:`result` to turn into :class:`Result`s."""
    query = cleaned(query)
    entries = visible_entries(language)
    fields = ("kind", "title", "title_language", "url", "body_language")
    if uses_full_text_search():
        if not query:
            return entries.none().values(*fields)
        config = CONFIGURATIONS[language]
        terms = SearchQuery(query, search_type="websearch", config=config)
        return (
            entries.annotate(document=vector(language))
            .filter(document=terms)
            .annotate(
                rank=SearchRank(vector(language), terms),
                snippet=SearchHeadline(
                    "body",
                    terms,
                    config=config,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "title", "pk")
            .values(*fields, "snippet")
        )
    words = words_of(query)
    if not words:
        return entries.none().values(*fields)
    for word in words:
        entries = entries.filter(Q(folded_title__contains=word) | Q(folded_body__contains=word))
    in_title = sum(
        (
            Case(When(folded_title__contains=word, then=Value(1)), default=Value(0))
            for word in words
        ),
        Value(0),
    )
    return (
        entries.annotate(in_title=in_title)
        .order_by("-in_title", "title", "pk")
        .values(*fields, "body")
    )


def result(row: dict, query: str) -> Result:
    """A found entry as the results page shows it."""
    if "snippet" in row:
        snippet = row["snippet"] or ""
    else:
        snippet = snippet_around(row["body"], words_of(cleaned(query)))
    return Result(
        kind=row["kind"],
        kind_label=SearchEntry.Kind(row["kind"]).label,
        title=row["title"],
        title_language=row["title_language"],
        url=row["url"],
        snippet=marked(snippet) if snippet else "",
        snippet_language=row["body_language"],
    )


def snippet_around(text: str, words: list[str]) -> str:
    """About SNIPPET_CHARACTERS of ``text`` from a little before the first of ``words``
    found, cut at spaces, the matches between START and STOP."""
    if not text:
        return ""
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    start = 0
    if first is not None and first.start() > SNIPPET_CHARACTERS // 3:
        start = text.rfind(" ", 0, first.start() - SNIPPET_CHARACTERS // 3) + 1
    end = min(len(text), start + SNIPPET_CHARACTERS)
    if end < len(text) and " " in text[start:end]:
        end = text.rfind(" ", start, end)
    window = pattern.sub(lambda match: START + match.group(0) + STOP, text[start:end])
    return ("… " if start else "") + window + (" …" if end < len(text) else "")
