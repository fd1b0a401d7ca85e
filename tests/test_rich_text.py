"""Rich text is sanitized whatever path HTML arrives by: the admin, an import, the shell."""

import json

import pytest
from django.urls import reverse

from cooperation.content_import import import_content
from cooperation.models import Organization

from .factories import OrganizationFactory
from .test_workflow import form_data

pytestmark = pytest.mark.django_db

# Real payloads, from the kinds collected in OWASP's XSS filter evasion cheat sheet.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">x</div>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<a href="https://example.org/" onclick="alert(1)" target="_blank">x</a>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<p title="&quot; onmouseover=&quot;alert(1)">x</p>',
]

DANGEROUS = [
    "<script",
    "onerror",
    "onload",
    "onclick",
    "onfocus",
    "ontoggle",
    "javascript:",
    "vbscript:",
    "data:text",
    "style=",
    "<iframe",
    "<object",
    "<embed",
    "<svg",
    "<img",
    "<form",
    "<meta",
    "<base",
    "<link",
    "<input",
]


def assert_safe(html):
    lowered = html.lower()
    for marker in DANGEROUS:
        assert marker not in lowered, f"{marker!r} survived in {html!r}"


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_payload_saved_from_the_shell_is_sanitized(payload):
    org = OrganizationFactory(body=payload)
    org.refresh_from_db()
    assert_safe(org.body)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_payload_saved_in_the_admin_is_sanitized(admin_client, payload):
    org = OrganizationFactory(body="<p>Before.</p>")
    url = reverse("admin:cooperation_organization_change", args=[org.pk])
    admin_client.post(url, form_data(org, body=f"<p>Text</p>{payload}"))
    org.refresh_from_db()
    assert org.body.startswith("<p>Text</p>")
    assert_safe(org.body)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_payload_imported_from_a_file_is_sanitized(payload, tmp_path):
    OrganizationFactory(slug="target")
    fixture = tmp_path / "xss.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "cooperation.organization",
                    "fields": {"slug": "target", "body_en": payload},
                }
            ]
        )
    )
    import_content([fixture])
    assert_safe(Organization.objects.get(slug="target").body)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_payload_is_inert_on_the_public_page(client, payload):
    org = OrganizationFactory(body=payload)
    html = client.get(org.get_absolute_url()).content.decode()
    body = html[html.index('<div class="rich-text">') :] if 'class="rich-text"' in html else ""
    assert_safe(body[: body.find("</div>") + 6])


def test_links_to_other_sites_get_noopener():
    org = OrganizationFactory(body='<p><a href="https://www.iom.int/">IOM</a></p>')
    org.refresh_from_db()
    assert 'rel="noopener noreferrer"' in org.body
