"""The admin's look: the site's and the ministry's names in the header, the site's colours at
WCAG AA contrast, and every project admin page in the admin's own chrome."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from cooperation import workflow

from .factories import InstitutionFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

ADMIN_CSS = Path(__file__).resolve().parents[1] / "static" / "css" / "admin.css"


@pytest.fixture
def admin_client_(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    client.user = user
    return client


def header(html: str) -> str:
    return html[html.index('<div id="site-name">') : html.index("</header>")]


def test_the_header_names_the_site_and_the_ministry_that_publishes_it(admin_client_):
    InstitutionFactory(
        name="Ministry of Foreign Affairs of the Republic of Belarus", publishes_site=True
    )
    html = header(admin_client_.get(reverse("admin:index")).text)
    assert "Belarus and International Organizations" in html
    assert "Ministry of Foreign Affairs of the Republic of Belarus" in html


def test_the_ministrys_name_comes_from_the_content(admin_client_):
    InstitutionFactory(name="A Renamed Ministry", publishes_site=True)
    assert "A Renamed Ministry" in header(admin_client_.get(reverse("admin:index")).text)


@pytest.mark.parametrize("name", ["admin:login", "admin:index"])
def test_no_admin_page_carries_djangos_stock_branding(client, admin_client_, name):
    html = admin_client_.get(reverse(name)).text if name == "admin:index" else ""
    html += client.get(reverse("admin:login")).text
    assert "Django administration" not in html and "Django site admin" not in html


def project_pages(org, user):
    """Every admin page the project adds or overrides, by name."""
    version = org.history.earliest()
    workflow.save_working_copy(org, {}, user, submit=False)
    return {
        "history": reverse("admin:cooperation_organization_history", args=[org.pk]),
        "restore": reverse(
            "admin:cooperation_organization_simple_history", args=[org.pk, version.history_id]
        ),
        "discard working copy": reverse(
            "admin:cooperation_organization_discard_working_copy", args=[org.pk]
        ),
        "import": reverse("admin:cooperation_contentimport_add"),
    }


@pytest.mark.parametrize("page", ["history", "restore", "discard working copy", "import"])
def test_every_project_admin_page_has_the_admins_breadcrumbs_and_styles(admin_client_, page):
    org = OrganizationFactory()
    response = admin_client_.get(project_pages(org, admin_client_.user)[page])
    assert response.status_code == 200
    html = response.text
    assert "css/admin.css" in html and "admin/css/base.css" in html
    crumbs = re.search(r'<nav aria-label="Breadcrumbs">(.*?)</nav>', html, re.S)
    assert crumbs and 'class="breadcrumbs"' in crumbs.group(1)
    assert "Home" in crumbs.group(1)


# Colours -------------------------------------------------------------------------------------


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def light_variables() -> dict[str, str]:
    """The light scheme's variables as admin.css sets them, references resolved."""
    css = ADMIN_CSS.read_text()
    block = css[css.index(":root {") : css.index("}", css.index(":root {"))]
    values = dict(re.findall(r"--([\w-]+):\s*([^;]+);", block))
    while any(v.startswith("var(") for v in values.values()):
        values = {k: values[v[6:-1]] if v.startswith("var(--") else v for k, v in values.items()}
    return values


# (foreground, background) pairs the admin draws text in; #ffffff is the page.
PAIRS = [
    ("header-color", "header-bg"),
    ("header-branding-color", "header-bg"),
    ("header-link-color", "header-bg"),
    ("breadcrumbs-fg", "breadcrumbs-bg"),
    ("breadcrumbs-link-fg", "breadcrumbs-bg"),
    ("primary-fg", "primary"),
    ("link-fg", "#ffffff"),
    ("link-hover-color", "#ffffff"),
    ("#ffffff", "button-bg"),
    ("#ffffff", "button-hover-bg"),
    ("#ffffff", "default-button-bg"),
    ("diff-del-fg", "diff-del-bg"),
    ("diff-ins-fg", "diff-ins-bg"),
]


def test_the_admin_wears_the_sites_blue():
    assert light_variables()["header-bg"].lower() == "#0b3d6e"


@pytest.mark.parametrize(("fg", "bg"), PAIRS, ids=[f"{fg} on {bg}" for fg, bg in PAIRS])
def test_the_admins_colours_meet_wcag_aa_contrast(fg, bg):
    values = light_variables()
    assert contrast(values.get(fg, fg), values.get(bg, bg)) >= 4.5
