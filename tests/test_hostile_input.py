"""Hostile input gets a clear answer and changes nothing: control characters anywhere in a
request, absurd log-in names, malicious JSON, addresses that point off the site.

The NUL and long-name cases broke only on PostgreSQL (SQLite accepts NUL and does not
enforce lengths); CI runs this file on both.
"""

import logging
import re
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cooperation.content_import import ImportFailed, import_sources
from cooperation.models import ContentImport, Organization

from .factories import OrganizationFactory

pytestmark = pytest.mark.django_db

CONTROL_CHARACTERS = ["%00", "%01", "%08", "%0B", "%1B", "%1F", "%7F"]


@pytest.mark.parametrize("character", CONTROL_CHARACTERS)
@pytest.mark.parametrize(
    "address",
    [
        "/en/missions/go/?to=mission:x{c}",  # reaches a database lookup
        "/en/projects/?theme={c}",
        "/en/projects/?{c}=1",
        "/en/organizations/iom{c}/",
        "/en/{c}",
        "/static/css/site.css?v={c}",
    ],
)
def test_a_control_character_in_a_public_request_is_a_400(client, site_content, address, character):
    response = client.get(address.format(c=character))
    assert response.status_code == 400
    assert "Bad request" in response.text


@pytest.mark.parametrize("character", ["%00", "%1B", "%7F"])
@pytest.mark.parametrize(
    "address",
    [
        "/admin/cooperation/organization/?status={c}",  # the changelist's own filters
        "/admin/cooperation/organization/?q={c}",
        "/admin/autocomplete/?app_label=cooperation&model_name=cooperation"
        "&field_name=organization&term={c}",
    ],
)
def test_a_control_character_in_an_admin_request_is_a_400(admin_client, address, character):
    assert admin_client.get(address.format(c=character)).status_code == 400


def test_a_control_character_in_a_form_field_is_a_400_and_nothing_is_saved(admin_client):
    organization = OrganizationFactory(name="Live name")
    url = reverse("admin:cooperation_organization_change", args=[organization.pk])
    response = admin_client.post(url, {"name_en": "Evil\x00name", "_save": "Save"})
    assert response.status_code == 400
    organization.refresh_from_db()
    assert organization.name == "Live name"


def test_a_control_character_in_a_session_cookie_is_a_400(client, site_content):
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/en/organizations/iom/?preview").status_code == 400
    assert client.get("/admin/").status_code == 400


def test_a_control_character_in_a_log_in_is_a_400(client):
    response = client.post(reverse("admin:login"), {"username": "root\x00", "password": "whatever"})
    assert response.status_code == 400


@pytest.mark.parametrize("text", ["tab\there", "line\nbreak", "crlf\r\nend", "Мінск"])
def test_ordinary_text_passes(client, site_content, text):
    response = client.get("/en/projects/", {"theme": text}, follow=True)
    assert response.status_code == 200  # an unknown theme: the list, not a refusal


def test_a_refused_request_is_logged_as_a_warning_not_an_error(client, caplog):
    with caplog.at_level(logging.WARNING):
        client.get("/en/missions/go/?to=%00")
    assert any(r.levelno == logging.WARNING and "U+0000" in r.getMessage() for r in caplog.records)
    assert not any(r.levelno >= logging.ERROR for r in caplog.records)


# Log-ins -----------------------------------------------------------------------------------


def test_a_log_in_with_an_absurdly_long_user_name_is_refused_not_an_error(client):
    name = "x" * 300
    response = client.post(reverse("admin:login"), {"username": name, "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter the correct" in response.text or "Ensure this value" in response.text
    (attempt,) = AccessAttempt.objects.all()
    assert attempt.username == name[:255]


def test_a_log_in_with_an_absurdly_long_user_agent_is_refused_not_an_error(client):
    response = client.post(
        reverse("admin:login"),
        {"username": "someone", "password": "wrong"},
        headers={"user-agent": "A" * 5000},
    )
    assert response.status_code == 200


# Imported JSON -----------------------------------------------------------------------------

DEEPLY_NESTED = b"[" * 200_000 + b"]" * 200_000
HUGE_INTEGER = (
    b'[{"model": "cooperation.organization", "fields": {"slug": "x", "name_en": "X", '
    b'"summary_en": "s", "member_states": ' + b"9" * 100_000 + b"}}]"
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (DEEPLY_NESTED, "nested too deeply"),
        (HUGE_INTEGER, "digits"),
        (
            b'[{"model": "cooperation.organization", "fields": {"slug": "x\\u0000", '
            b'"name_en": "X", "summary_en": "s"}}]',
            "control character U+0000",
        ),
    ],
    ids=["deeply nested", "huge integer", "NUL in a value"],
)
def test_malicious_json_is_reported_by_the_importer(data, message):
    with pytest.raises(ImportFailed) as failure:
        import_sources([("evil.json", data)])
    assert any(message in str(problem) for problem in failure.value.problems)
    assert not Organization.objects.exists()


@pytest.mark.parametrize("data", [DEEPLY_NESTED, HUGE_INTEGER], ids=["nested", "huge integer"])
def test_malicious_json_uploaded_in_the_admin_gets_the_report(admin_client, data):
    response = admin_client.post(
        reverse("admin:cooperation_contentimport_add"),
        {"file": SimpleUploadedFile("evil.json", data)},
    )
    assert response.status_code == 302
    assert ContentImport.objects.get().state == ContentImport.State.REJECTED


def test_every_problem_of_a_file_is_reported_in_one_pass():
    data = b"""[
      {"model": "cooperation.nonsense", "fields": {}},
      {"model": "cooperation.organization", "fields": {"slug": "a", "name_en": "A",
       "summary_en": "s", "founded_year": "not a year"}},
      {"model": "cooperation.organization", "fields": {"slug": "b", "name_en": "B",
       "summary_en": "s", "frameworks": [["no-such-framework"]]}},
      {"model": "cooperation.framework", "fields": {"slug": "f1", "name_en": "Same"}},
      {"model": "cooperation.framework", "fields": {"slug": "f2", "name_en": "Same"}}
    ]"""
    with pytest.raises(ImportFailed) as failure:
        import_sources([("several.json", data)])
    report = "\n".join(str(problem) for problem in failure.value.problems)
    assert "unknown model" in report
    assert "founded_year" in report
    assert "no-such-framework" in report
    assert re.search(r"name_en 'Same' is also used by", report)


# Addresses that point elsewhere -------------------------------------------------------------


def test_links_built_from_a_strange_address_stay_on_the_site(client, site_content):
    response = client.get("//other.host/en/nowhere/")
    assert response.status_code == 404
    links = re.findall(r'href="([^"]*)"', response.text)
    assert links
    # The page's own links stay on the site (links to other sites the content holds, such as
    # the ministry's website, are the content's).
    assert [link for link in links if urlsplit(link).netloc == "other.host"] == []
    assert [link for link in links if link.startswith("//")] == []
