"""What every page's head says about it to machines — canonical address, Open Graph, Twitter
card, JSON-LD, feeds, favicon — and the files at the site's root: robots.txt, favicon.ico."""

import json
from html.parser import HTMLParser

import pytest

from cooperation.models import DiplomaticMission

from .factories import DiplomaticMissionFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

PAGES = {
    "/en/": "home",
    "/en/organizations/": "organization list",
    "/en/organizations/iom/": "organization",
    "/en/projects/": "project list",
    "/en/projects/technical-assistance-human-trafficking/": "project",
    "/en/missions/": "mission list",
    "/en/missions/embassy-austria/": "mission",
    "/en/pages/accessibility/": "text page",
    "/en/search/": "search",
}
DETAIL_PAGES = [
    "/en/organizations/iom/",
    "/en/projects/technical-assistance-human-trafficking/",
    "/en/missions/embassy-austria/",
    "/en/pages/accessibility/",
]


class Head(HTMLParser):
    """The <head>'s metadata: meta tags by name or property, links, JSON-LD scripts."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.meta, self.links, self.json_ld = {}, [], []
        self._in_head = self._in_json_ld = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif self._in_head and tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs["content"])
        elif self._in_head and tag == "link":
            self.links.append(attrs)
        elif self._in_head and tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def link(self, rel, **attrs):
        return [
            link
            for link in self.links
            if link.get("rel") == rel and all(link.get(k) == v for k, v in attrs.items())
        ]

    def graph(self):
        """Every JSON-LD node of the page, by its type."""
        nodes = {}
        for text in self.json_ld:
            data = json.loads(text)
            assert data["@context"] == "https://schema.org"
            for node in data["@graph"]:
                nodes.setdefault(node["@type"], []).append(node)
        return nodes


def head(client, url) -> Head:
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


@pytest.mark.parametrize("url", PAGES, ids=PAGES.values())
def test_every_page_has_its_canonical_address_and_open_graph_tags(client, site_content, url):
    page = head(client, url)
    (canonical,) = page.link("canonical")
    assert canonical["href"] == f"http://testserver{url}"
    assert page.meta["og:url"] == [f"http://testserver{url}"]
    assert page.meta["og:type"] == ["article" if url in DETAIL_PAGES else "website"]
    assert page.meta["og:title"][0]
    assert page.meta["og:description"] == page.meta["description"]
    assert page.meta["og:site_name"] == ["Belarus and International Organizations"]
    assert page.meta["og:locale"] == ["en_GB"]
    assert page.meta["twitter:card"] == ["summary"]
    assert page.meta["twitter:title"] == page.meta["og:title"]
    assert page.meta["twitter:description"] == page.meta["description"]
    assert page.meta["theme-color"] == ["#0b3d6e"]


def test_open_graph_names_the_page_without_the_sites_name(client, site_content):
    page = head(client, "/en/projects/technical-assistance-human-trafficking/")
    assert page.meta["og:title"] == ["Technical assistance projects on human trafficking"]


@pytest.mark.parametrize("url", PAGES, ids=PAGES.values())
def test_every_page_has_json_ld_with_its_breadcrumbs_and_the_publisher(client, site_content, url):
    graph = head(client, url).graph()
    (publisher,) = graph["GovernmentOrganization"]
    assert publisher == {
        "@type": "GovernmentOrganization",
        "name": "Ministry of Foreign Affairs of the Republic of Belarus",
        "url": "https://mfa.gov.by/",
    }
    if url == "/en/":
        assert "BreadcrumbList" not in graph  # one step is no trail
        return
    (breadcrumbs,) = graph["BreadcrumbList"]
    steps = breadcrumbs["itemListElement"]
    assert [step["position"] for step in steps] == list(range(1, len(steps) + 1))
    assert steps[0] == {
        "@type": "ListItem",
        "position": 1,
        "name": "Home",
        "item": "http://testserver/en/",
    }
    assert steps[-1]["item"] == f"http://testserver{url}"
    assert all(step["item"].startswith("http://testserver/en/") for step in steps)


def test_the_publisher_is_named_in_the_pages_language(client, site_content):
    (publisher,) = head(client, "/ru/missions/").graph()["GovernmentOrganization"]
    assert publisher["name"] == "Министерство иностранных дел Республики Беларусь"


def test_a_breadcrumb_in_english_for_want_of_a_translation_is_plain_text(client, db):
    OrganizationFactory(slug="org", name="English only", acronym="")
    steps = head(client, "/ru/organizations/org/").graph()["BreadcrumbList"][0]["itemListElement"]
    assert steps[-1]["name"] == "English only"


def test_the_iom_page_describes_the_organization_as_the_fixtures_have_it(client, site_content):
    (organization,) = head(client, "/en/organizations/iom/").graph()["Organization"]
    assert organization == {
        "@type": "Organization",
        "name": "International Organization for Migration",
        "alternateName": "IOM",
        "foundingDate": "1951",
        "employee": {"@type": "Person", "name": "Antonio Vitorino", "jobTitle": "Director General"},
    }  # no "url": the fixtures give the IOM no website


def test_an_organization_without_a_head_or_founding_year_has_neither(client, db):
    OrganizationFactory(slug="org", name="Org", acronym="", website="https://org.example/")
    (organization,) = head(client, "/en/organizations/org/").graph()["Organization"]
    assert organization == {"@type": "Organization", "name": "Org", "url": "https://org.example/"}


def test_an_embassy_page_describes_an_embassy_with_only_what_the_content_holds(
    client, site_content
):
    (embassy,) = head(client, "/en/missions/embassy-austria/").graph()["Embassy"]
    assert embassy == {
        "@type": "Embassy",
        "name": "Embassy of the Republic of Belarus in Austria",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Vienna",
            "addressCountry": "Austria",
        },
    }  # the fixtures give no phone, e-mail, website, street address or head


def test_a_permanent_mission_is_a_government_office(client, site_content):
    graph = head(client, "/en/missions/permanent-mission-geneva/").graph()
    (office,) = graph["GovernmentOffice"]
    assert office["name"].startswith("Permanent Mission of the Republic of Belarus")
    assert "Embassy" not in graph


def test_a_mission_with_full_details_gives_them_all(client, db):
    DiplomaticMissionFactory(
        slug="consulate",
        kind=DiplomaticMission.Kind.CONSULATE,
        name="Consulate in Town",
        country="Country",
        city="Town",
        address="1 Main Street",
        phone="+1 234 567",
        email="consulate@example.org",
        website="https://consulate.example/",
        head_title="Consul",
        head_name="A. Person",
    )
    (office,) = head(client, "/en/missions/consulate/").graph()["GovernmentOffice"]
    assert office == {
        "@type": "GovernmentOffice",
        "name": "Consulate in Town",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "1 Main Street",
            "addressLocality": "Town",
            "addressCountry": "Country",
        },
        "telephone": "+1 234 567",
        "email": "consulate@example.org",
        "url": "https://consulate.example/",
        "employee": {"@type": "Person", "name": "A. Person", "jobTitle": "Consul"},
    }


def test_json_ld_cannot_close_its_script_element(client, db):
    OrganizationFactory(slug="org", name="</script><script>alert(1)</script> & Co")
    response = client.get("/en/organizations/org/").content.decode()
    script = response[response.index('<script type="application/ld+json">') :]
    script = script[: script.index("</script>")]
    assert "<script>" not in script and "&" not in script
    (organization,) = Head(response).graph()["Organization"]
    assert organization["name"] == "</script><script>alert(1)</script> & Co"


def test_the_canonical_address_keeps_the_project_filters(client, site_content):
    url = "/en/projects/?organization=iom&stage=ongoing"
    page = head(client, url)
    assert page.link("canonical")[0]["href"] == f"http://testserver{url}"


def test_a_preview_names_the_public_address_as_canonical(admin_client, site_content):
    page = head(admin_client, "/en/organizations/iom/?preview")
    assert page.link("canonical")[0]["href"] == "http://testserver/en/organizations/iom/"


def test_the_canonical_address_is_https_behind_https(client, site_content):
    response = client.get("/en/missions/", secure=True)
    assert Head(response.content.decode()).link("canonical")[0]["href"] == (
        "https://testserver/en/missions/"
    )


def test_og_locale_alternates_are_the_languages_the_page_is_translated_into(client, db):
    OrganizationFactory(slug="org", name_ru="Орг", summary_ru="Организация.")
    page = head(client, "/ru/organizations/org/")
    assert page.meta["og:locale"] == ["ru_RU"]
    assert page.meta["og:locale:alternate"] == ["en_GB"]  # not translated into Belarusian


def test_a_list_page_names_every_other_language_as_an_alternate_locale(client, site_content):
    page = head(client, "/be/organizations/")
    assert page.meta["og:locale"] == ["be_BY"]
    assert page.meta["og:locale:alternate"] == ["en_GB", "ru_RU"]


def test_the_404_page_names_no_canonical_address(client, site_content):
    response = client.get("/en/nowhere/")
    assert response.status_code == 404
    page = Head(response.content.decode())
    assert page.link("canonical") == []
    assert "og:url" not in page.meta


@pytest.mark.parametrize("url", ["/en/", "/en/organizations/iom/", "/ru/missions/"])
def test_every_page_links_the_favicon_and_the_links_resolve(client, site_content, url):
    page = head(client, url)
    (svg,) = page.link("icon", type="image/svg+xml")
    (ico,) = page.link("icon", sizes="any")
    svg_response = client.get(svg["href"])
    assert svg_response.status_code == 200
    assert svg_response["Content-Type"].startswith("image/svg+xml")
    assert b"".join(svg_response.streaming_content).lstrip().startswith(b"<svg")
    ico_response = client.get(ico["href"])
    assert ico_response.status_code == 200
    assert b"".join(ico_response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO


def test_the_root_favicon_redirects_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    assert client.get(response["Location"]).status_code == 200


def test_robots_txt_names_the_sitemap_keeps_crawlers_out_of_search_and_keeps_the_admin_secret(
    client, settings, db
):
    response = client.get("/robots.txt", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://testserver/sitemap.xml" in lines
    # Anyone reads robots.txt: the admin's address, kept off the usual one, is not in it.
    assert settings.ADMIN_PATH.strip("/") not in response.content.decode()
    for language in ("en", "ru", "be"):
        assert f"Disallow: /{language}/search/" in lines
    assert "Disallow: /" not in lines  # the public pages stay open
    assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_is_cached_once_and_has_no_other_address(client, db):
    assert client.get("/robots.txt")["X-Cache"] == "miss"
    assert client.get("/robots.txt")["X-Cache"] == "hit"
    response = client.get("/robots.txt?x=1")
    assert response.status_code == 301
    assert response["Location"] == "/robots.txt"


def test_the_search_pages_canonical_address_keeps_its_query(client, site_content):
    page = head(client, "/en/search/?q=migration")
    assert page.link("canonical")[0]["href"] == "http://testserver/en/search/?q=migration"
