"""Schema.org structured data (JSON-LD) for a page's head: its breadcrumb trail, the site's
publisher, and what the page is about — an organization or a diplomatic mission.

Built as plain dicts from what the content holds and nothing else: a field the content leaves
empty is left out, never filled with a guess. Names are in the page's language (English where
that has no translation, as the page shows them).
"""

import json

from markupsafe import Markup

from iomsite.canonical_urls import canonical_url

from .models import DiplomaticMission, Organization

SCHEMA_ORG = "https://schema.org"

# Inside <script>, "</script>" or "<!--" in a text would end or confuse the element: these
# characters are written as JSON escapes, which mean the same to a JSON parser.
SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> Markup:
    """``data`` as a ``<script type="application/ld+json">`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_ESCAPES)
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(text))


def plain(label) -> str:
    """A label as text: breadcrumbs may carry markup (``<span lang="en">``)."""
    return label.striptags() if isinstance(label, Markup) else str(label)


def without_empty(node: dict) -> dict:
    """The node without the properties the content has no value for."""
    return {key: value for key, value in node.items() if value not in ("", None, {}, [])}


def breadcrumb_list(request, breadcrumbs) -> dict | None:
    """The trail from the home page to this page, the last step this page's own address. A
    trail of one step (the home page) is none: search engines ask for two at least."""
    if len(breadcrumbs) < 2:
        return None
    items = []
    for position, (label, url) in enumerate(breadcrumbs, start=1):
        address = canonical_url(request) if url is None else request.build_absolute_uri(url)
        items.append(
            {"@type": "ListItem", "position": position, "name": plain(label), "item": address}
        )
    return {"@type": "BreadcrumbList", "itemListElement": items}


def publisher_node(publisher) -> dict:
    """The institution that publishes the site (``site_chrome().publisher``)."""
    return without_empty(
        {"@type": "GovernmentOrganization", "name": publisher.name, "url": publisher.website}
    )


def person(name: str, job_title: str) -> dict | None:
    """A head of an organization or mission, where the content names one."""
    if not name:
        return None
    return without_empty({"@type": "Person", "name": name, "jobTitle": job_title})


def organization_node(organization: Organization) -> dict:
    return without_empty(
        {
            "@type": "Organization",
            "name": organization.name,
            "alternateName": organization.acronym,
            "url": organization.website,
            "foundingDate": str(organization.founded_year) if organization.founded_year else "",
            "employee": person(organization.head_name, organization.head_title),
        }
    )


def mission_node(mission: DiplomaticMission) -> dict:
    kind = "Embassy" if mission.kind == DiplomaticMission.Kind.EMBASSY else "GovernmentOffice"
    address = without_empty(
        {
            "@type": "PostalAddress",
            "streetAddress": mission.address,
            "addressLocality": mission.city,
            "addressCountry": mission.country,
        }
    )
    return without_empty(
        {
            "@type": kind,
            "name": mission.name,
            # A type and nothing else says nothing.
            "address": address if len(address) > 1 else None,
            "telephone": mission.phone,
            "email": mission.email,
            "url": mission.website,
            "employee": person(mission.head_name, mission.head_title),
        }
    )


SUBJECTS = {Organization: organization_node, DiplomaticMission: mission_node}


def page_graph(request, breadcrumbs=(), publisher=None, subject=None) -> dict:
    """Everything the page says about itself, as one ``@graph``."""
    nodes = [
        breadcrumb_list(request, breadcrumbs) if breadcrumbs else None,
        publisher_node(publisher) if publisher else None,
        SUBJECTS[type(subject)](subject) if subject is not None else None,
    ]
    return {"@context": SCHEMA_ORG, "@graph": [node for node in nodes if node]}
