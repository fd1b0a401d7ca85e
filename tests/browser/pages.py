"""The public page types every browser test visits."""

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
