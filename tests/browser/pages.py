"""The public page types every browser test visits."""

from urllib.parse import quote_plus

PAGE_TYPES = {
    "home": "/en/",
    "organization list": "/en/organizations/",
    "organization": "/en/organizations/iom/",
    "project list": "/en/projects/",
    "project": "/en/projects/international-training-centre/",
    "mission list": "/en/missions/",
    "mission": "/en/missions/permanent-mission-geneva/",
    "text page": "/en/pages/accessibility/",
    "search": "/en/search/",
    "search results": "/en/search/?q=migration",
    "search without results": "/en/search/?q=nothing+like+this",
    "not found": "/en/organizations/no-such-organization/",
}

# The word the "search results" page asks for, in each language: a page of results, not the
# page that says nothing matched.
SEARCH_WORDS = {"en": "migration", "ru": "миграции", "be": "міграцыі"}


def in_language(path: str, language: str) -> str:
    """``path`` (an English page's) in ``language``, a results page asking for its own word."""
    path = f"/{language}/" + path.removeprefix("/en/")
    return path.replace(f"q={SEARCH_WORDS['en']}", f"q={quote_plus(SEARCH_WORDS[language])}")
