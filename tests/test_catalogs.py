"""The interface's translation catalogs: complete, and the check that keeps them so catches
what the compilers would skip silently (fuzzy and empty entries) or get wrong."""

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import write_po

from iomsite import catalogs


@pytest.fixture(scope="module")
def template():
    return catalogs.extracted()


@pytest.mark.parametrize("language", catalogs.LANGUAGES)
def test_every_interface_string_is_translated(template, language):
    assert catalogs.problems(language, template) == []


def test_the_extraction_finds_python_jinja2_and_django_template_strings(template):
    found = {message.id for message in template if message.id}
    assert "Skip to main content" in found  # templates/jinja2/base.html
    assert "Waiting for review" in found  # templates/admin/index.html ({% translate %})
    assert "A project cannot end before it starts." in found  # cooperation/models/projects.py


def write_catalog(path: Path, language: str, entries) -> Path:
    catalog = Catalog(locale=language, fuzzy=False)
    for message_id, string, flags in entries:
        catalog.add(message_id, string, flags=flags)
    with path.open("wb") as fileobj:
        write_po(fileobj, catalog)
    return path


@pytest.fixture
def small_template():
    template = Catalog()
    for message_id in ("Home", "Page %(number)s", "Projects", "Timeline", "Missions"):
        template.add(message_id)
    return template


def test_the_check_reports_each_kind_of_problem(tmp_path, small_template):
    path = write_catalog(
        tmp_path / "django.po",
        "ru",
        [
            ("Home", "Главная", ()),  # fine
            ("Page %(number)s", "Страница", ()),  # placeholder lost
            ("Projects", "Проекты", ("fuzzy",)),  # fuzzy: the compiler would skip it
            ("Timeline", "", ()),  # empty
            ("No longer used anywhere", "Нигде", ()),  # obsolete
            # "Missions" is missing altogether
        ],
    )
    found = catalogs.problems("ru", small_template, path)
    assert len(found) == 5, found
    assert any("placeholders [] do not match ['%(number)s']" in line for line in found)
    assert any("'Projects'" in line and "fuzzy" in line for line in found)
    assert any("'Timeline'" in line and "not translated" in line for line in found)
    assert any("missing 'Missions'" in line for line in found)
    assert any("not used by the site or Django" in line for line in found)


def test_the_check_refuses_the_classical_belarusian_spelling(tmp_path):
    template = Catalog()
    template.add("Change")
    path = write_catalog(tmp_path / "django.po", "be", [("Change", "Зьмяніць", ())])
    assert any("classical spelling" in line for line in catalogs.problems("be", template, path))


def test_the_check_asks_for_the_official_form_of_djangos_classical_strings(tmp_path):
    # Django's Belarusian "Enter a valid value." is classical ("значэньне"); a catalog that
    # does not give the official form is reported.
    path = write_catalog(tmp_path / "django.po", "be", [])
    found = catalogs.problems("be", Catalog(), path)
    assert any("Django's 'Enter a valid value.'" in line for line in found)


def test_compiled_catalogs_leave_fuzzy_entries_out(tmp_path, monkeypatch):
    (tmp_path / "ru" / "LC_MESSAGES").mkdir(parents=True)
    path = write_catalog(
        tmp_path / "ru" / "LC_MESSAGES" / "django.po",
        "ru",
        [("Home", "Главная", ()), ("Projects", "Проекты", ("fuzzy",))],
    )
    monkeypatch.setattr(catalogs, "LANGUAGES", ("ru",))
    monkeypatch.setattr(catalogs, "LOCALE_DIR", tmp_path)
    catalogs.compile_catalogs()
    with path.with_suffix(".mo").open("rb") as fileobj:
        compiled = read_mo(fileobj)
    assert compiled.get("Home").string == "Главная"
    assert compiled.get("Projects") is None


def test_the_check_refuses_a_lone_percent_sign(tmp_path):
    # Jinja2's gettext applies "%" to every translation: "50 %" would break the page.
    template = Catalog()
    template.add("Half")
    path = write_catalog(tmp_path / "django.po", "ru", [("Half", "50 %", ())])
    assert any("lone '%'" in line for line in catalogs.problems("ru", template, path))


def test_the_check_covers_the_admins_script_strings(tmp_path):
    path = write_catalog(tmp_path / "djangojs.po", "be", [])
    found = catalogs.problems("be", Catalog(), path, domain=catalogs.JS_DOMAIN)
    assert any("Django's 'Today'" in line for line in found)
