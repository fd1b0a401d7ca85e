"""The site in Belarusian, Russian and English: translated content, English standing in where
a translation is missing (marked lang="en"), alternates only where a page is translated, and
the interface's own words in the page's language."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from cooperation.models import FocusArea
from iomsite.error_pages import render_error_page

from .factories import (
    CooperationFactory,
    MilestoneFactory,
    OrganizationFactory,
    PageFactory,
)
from .page_text import main_text, visible_text


def translated_organization(**fields):
    return OrganizationFactory(
        name="Organization for Cooperation",
        name_ru="Организация по сотрудничеству",
        name_be="Арганізацыя па супрацоўніцтве",
        acronym="OFC",
        acronym_ru="ОПС",
        acronym_be="АПС",
        summary="A summary.",
        summary_ru="Краткое описание.",
        summary_be="Кароткае апісанне.",
        **fields,
    )


# Storage ---------------------------------------------------------------------------------


def test_only_the_english_column_of_a_unique_name_is_unique(db):
    OrganizationFactory(name="First", name_ru="", name_be="")
    OrganizationFactory(name="Second", name_ru="", name_be="")  # blank translations coexist
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationFactory(name="First")


def test_a_natural_key_uses_the_english_text(db):
    area = FocusArea.objects.create(
        organization=OrganizationFactory(slug="ofc"), name_en="migration", name_ru="миграция"
    )
    assert area.natural_key() == ("migration", "ofc")
    assert FocusArea.objects.get_by_natural_key("migration", "ofc") == area


def test_an_item_reads_in_the_active_language_and_falls_back_to_english(db, settings):
    from django.utils import translation

    organization = translated_organization(headquarters="Geneva")
    shown = {}
    for language in ("en", "ru", "be"):
        with translation.override(language):
            shown[language] = (organization.name, organization.headquarters)
    assert shown == {
        "en": ("Organization for Cooperation", "Geneva"),
        "ru": ("Организация по сотрудничеству", "Geneva"),
        "be": ("Арганізацыя па супрацоўніцтве", "Geneva"),
    }


# Pages -----------------------------------------------------------------------------------


def test_a_translated_page_shows_no_english_and_no_notice(client, db):
    organization = translated_organization()
    page = client.get(f"/be{organization.get_absolute_url()[3:]}").content.decode()
    assert "Арганізацыя па супрацоўніцтве" in page
    assert 'lang="en"' not in main_text_html(page)
    assert "паказана на англійскай мове" not in page


def test_english_standing_in_for_a_translation_is_marked_and_announced(client, db):
    organization = translated_organization(headquarters="Geneva")
    page = client.get(f"/ru{organization.get_absolute_url()[3:]}").content.decode()
    assert '<dd lang="en">Geneva</dd>' in page
    notice = re.search(r'<p class="translation-notice">(.*?)</p>', page)
    assert notice and "английском" in notice.group(1)


def test_a_rich_text_body_in_english_is_marked_on_its_element(client, db):
    organization = translated_organization(body="<p>Only in English.</p>")
    page = client.get(f"/be{organization.get_absolute_url()[3:]}").content.decode()
    assert '<div class="rich-text" lang="en"><p>Only in English.</p></div>' in page


def main_text_html(page: str) -> str:
    return re.search(r"<main\b.*?</main>", page, re.S).group(0)


def alternates(page: str) -> set[str]:
    return set(re.findall(r'<link rel="alternate" hreflang="(\w+)"', page))


def test_alternates_name_only_the_languages_a_page_is_translated_into(client, db):
    translated_organization(slug="translated")
    OrganizationFactory(name="Only English", slug="english-only")
    translated_page = client.get("/en/organizations/translated/").content.decode()
    english_page = client.get("/en/organizations/english-only/").content.decode()
    assert alternates(translated_page) == {"ru", "be"}
    assert alternates(english_page) == set()


def test_lists_have_alternates_in_every_language(client, db):
    assert alternates(client.get("/en/organizations/").content.decode()) == {"ru", "be"}


def test_the_sitemap_lists_a_page_only_in_the_languages_it_is_translated_into(client, db):
    translated = translated_organization(slug="translated")
    OrganizationFactory(slug="english-only")
    sitemap = client.get("/sitemap.xml").content.decode()
    for language in ("en", "ru", "be"):
        assert f"/{language}/organizations/{translated.slug}/</loc>" in sitemap
    assert "/en/organizations/english-only/</loc>" in sitemap
    assert "/ru/organizations/english-only/" not in sitemap
    assert "/be/organizations/english-only/" not in sitemap


def test_the_language_switcher_names_each_language_in_itself_and_keeps_the_page(client, db):
    organization = translated_organization()
    page = client.get(f"/ru{organization.get_absolute_url()[3:]}").content.decode()
    switcher = re.search(r'<nav class="languages".*?</nav>', page, re.S).group(0)
    path = organization.get_absolute_url()[3:]
    assert f'<a href="/en{path}" lang="en" hreflang="en">English</a>' in switcher
    assert '<span aria-current="true" lang="ru">Русский</span>' in switcher
    assert f'<a href="/be{path}" lang="be" hreflang="be">Беларуская</a>' in switcher


def test_the_missions_selector_marks_an_untranslated_option(client, db):
    from .factories import DiplomaticMissionFactory

    DiplomaticMissionFactory(name="Embassy in Nowhere", slug="nowhere")
    DiplomaticMissionFactory(
        name="Embassy in Somewhere", name_be="Пасольства ў Дзесьці", slug="somewhere"
    )
    page = client.get("/be/").content.decode()
    assert '<option value="mission:nowhere" lang="en">Embassy in Nowhere</option>' in page
    assert '<option value="mission:somewhere">Пасольства ў Дзесьці</option>' in page


# Seed content: no English on a Russian or Belarusian page but what is marked as English ----

# Words that stay as they are in every language: technical names in the accessibility
# statement and the Foreign Ministry's address.
LATIN_ALLOWED = {"WCAG", "AA", "A", "Chromium", "axe-core", "JavaScript", "Tab", "mfa.gov.by"}
LANG_EN_ELEMENT = re.compile(r'<(\w+)\b[^>]*\blang="en"[^>]*>.*?</\1>', re.S)


def english_words(page: str) -> set[str]:
    """Latin-script words a reader meets on the page, leaving out elements marked English."""
    body = page[page.index("<body") :]
    text = visible_text(LANG_EN_ELEMENT.sub(" ", body))
    words = {word.rstrip(".") for word in re.findall(r"[A-Za-z][A-Za-z.\-]*", text)}
    return words - LATIN_ALLOWED


SEED_PAGES = [
    "/",
    "/organizations/",
    "/organizations/iom/",
    "/projects/",
    "/projects/technical-assistance-human-trafficking/",
    "/projects/international-training-centre/",
    "/missions/",
    "/missions/permanent-mission-geneva/",
    "/pages/accessibility/",
    "/no-such-page/",
]


@pytest.mark.parametrize("language", ["ru", "be"])
@pytest.mark.parametrize("path", SEED_PAGES)
def test_a_russian_or_belarusian_page_shows_english_only_where_marked(
    client, site_content, language, path
):
    page = client.get(f"/{language}{path}").content.decode()
    assert english_words(page) == set()


@pytest.mark.parametrize("language", ["ru", "be"])
def test_every_seed_text_has_its_translation(site_content, language):
    from cooperation.models.translation import is_wholly_translated
    from cooperation.roles import content_models

    untranslated = [
        (model.__name__, item.natural_key())
        for model in content_models()
        for item in model.objects.all()
        if not is_wholly_translated(item, language)
    ]
    # One, deliberately: no official Belarusian spelling of the Director General's name.
    assert untranslated == ([] if language == "ru" else [("Organization", ("iom",))])


# Error pages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Temporarily unavailable"), ("ru", "Временно недоступно"), ("be", "Часова недаступна")],
)
def test_the_503_page_is_in_each_language(language, heading):
    page = render_error_page("503.html", language)
    assert f'<html lang="{language}">' in page
    assert heading in page


def test_a_bad_request_answers_in_the_language_of_its_address(client, db):
    response = client.get("/be/organizations/?q=%00")
    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="be">' in page and "Няправільны запыт" in page


def test_the_404_page_is_in_the_pages_language(client, db):
    page = client.get("/ru/no-such-page/").content.decode()
    assert "Страница не найдена" in page


# The admin -------------------------------------------------------------------------------


def test_the_admin_edits_the_three_languages_side_by_side(admin_client, db):
    milestone = MilestoneFactory(organization=CooperationFactory().organization)
    url = reverse("admin:cooperation_milestone_change", args=[milestone.pk])
    page = admin_client.get(url).content.decode()
    row = re.search(
        r'<div class="form-row[^"]* field-title_en field-title_ru field-title_be">', page
    )
    assert row, "the three title columns share one row"
    assert re.search(
        r'<input[^>]*name="title_be"[^>]*lang="be"|lang="be"[^>]*name="title_be"', page
    )
    assert 'for="id_title_be">Title (Беларуская)' in page
    assert re.search(r'name="title_en"[^>]*required|required[^>]*name="title_en"', page)
    assert not re.search(r'name="title_ru"[^>]*required|required[^>]*name="title_ru"', page)


def test_the_admin_list_says_which_languages_an_item_lacks_and_filters_by_it(admin_client, db):
    OrganizationFactory(name="Untranslated")
    translated_organization()
    url = reverse("admin:cooperation_organization_changelist")
    page = admin_client.get(url).content.decode()
    assert "Russian, Belarusian" in page
    lacking = admin_client.get(url, {"missing_translation": "be"}).content.decode()
    assert "Untranslated" in lacking and "Organization for Cooperation" not in lacking


def test_the_dashboard_lists_items_missing_a_translation(admin_client, db):
    OrganizationFactory(name="Untranslated")
    page = admin_client.get(reverse("admin:index")).content.decode()
    section = page[page.index('id="untranslated"') :]
    assert "Untranslated" in section


def test_staff_switch_the_admins_language(admin_client, db):
    response = admin_client.post(
        reverse("set_language"), {"language": "be", "next": reverse("admin:index")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    page = admin_client.get(reverse("admin:cooperation_organization_changelist")).content.decode()
    assert '<html lang="be"' in page
    # The official spelling, not Django's classical "Зьмяніць".
    assert "Змяніць" in page and "Зьмяніць" not in page


def test_the_language_switch_never_redirects_off_the_site(admin_client, db):
    response = admin_client.post(
        reverse("set_language"), {"language": "ru", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example")


def test_the_fixtures_export_every_language(db, site_content, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "export"
    call_command("export_content", "--output", str(out))
    exported = "".join(path.read_text() for path in out.iterdir())
    assert '"name_be": "Міжнародная арганізацыя па міграцыі"' in exported
    assert '"name_ru": "Международная организация по миграции"' in exported


def test_a_page_without_a_translation_is_listed_by_its_english_title(client, db):
    PageFactory(title="Only in English", slug="english", in_footer=True)
    page = client.get("/ru/").content.decode()
    assert '<a href="/ru/pages/english/" lang="en">Only in English</a>' in page


# The editorial path of a translation ------------------------------------------------------


def test_an_editors_belarusian_translation_goes_live_once_a_publisher_publishes_it(
    staff, client, db
):
    from cooperation.models import PendingChange
    from cooperation.roles import EDITORS, PUBLISHERS

    from .admin_forms import as_post, form_fields

    organization = CooperationFactory(organization__slug="ofc").organization
    milestone = MilestoneFactory(organization=organization, title="Belarus joins")
    url = reverse("admin:cooperation_milestone_change", args=[milestone.pk])
    public_page = "/be/organizations/ofc/"

    editor = staff(EDITORS)
    fields = form_fields(editor.get(url).text, "milestone_form")
    response = editor.post(url, as_post(fields, title_be="Беларусь уступае", _submit="1"))
    assert response.status_code == 302
    change = PendingChange.objects.get()
    assert change.in_review and change.data["title_be"] == "Беларусь уступае"
    # Until it is published, Belarusian visitors read the English title, marked as English.
    assert (
        '<span class="timeline__title" lang="en">Belarus joins</span>'
        in client.get(public_page).content.decode()
    )

    publisher = staff(PUBLISHERS)
    publisher.post(
        reverse("admin:cooperation_milestone_changelist"),
        {"action": "publish_selected", "_selected_action": [milestone.pk]},
    )
    milestone.refresh_from_db()
    assert (milestone.title_en, milestone.title_be) == ("Belarus joins", "Беларусь уступае")
    assert not PendingChange.objects.exists()
    page = client.get(public_page).content.decode()
    assert '<span class="timeline__title">Беларусь уступае</span>' in page
    assert milestone.history.first().title_be == "Беларусь уступае"  # history has every language


def test_the_missions_directory_is_in_the_alphabetical_order_of_its_language(client, site_content):
    text = main_text(client.get("/ru/missions/").content.decode())
    positions = [text.index(country) for country in ("Австрия", "Азербайджан", "Армения")]
    assert positions == sorted(positions)  # English order would be Armenia, Austria, Azerbaijan


def test_the_belarusian_alphabet_orders_і_and_ў_where_they_belong():
    from cooperation.models.translation import alphabetical

    countries = ["Японія", "Італія", "Аўстрыя", "Ізраіль", "Індыя", "Вялікабрытанія"]
    assert sorted(countries, key=lambda name: alphabetical(name, "be")) == [
        "Аўстрыя",
        "Вялікабрытанія",
        "Ізраіль",
        "Індыя",
        "Італія",
        "Японія",
    ]


def test_the_dashboards_queries_do_not_grow_with_its_lists(admin_client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for more in (2, 12):
        for _ in range(more):
            CooperationFactory(summary="Only in English.")  # a cooperation lacking translations
        with CaptureQueriesContext(connection) as queries:
            admin_client.get(reverse("admin:index"))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_admins_scripts_speak_official_belarusian(admin_client, db):
    admin_client.post(reverse("set_language"), {"language": "be", "next": "/admin/"})
    script = admin_client.get("/admin/jsi18n/").content.decode("unicode_escape")
    assert '"Today": "Сёння"' in script and "Сёньня" not in script
