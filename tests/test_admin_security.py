"""Images uploaded in the admin, failed log-ins, and the admin's address."""

import io
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cooperation.models import Organization

from .factories import OrganizationFactory
from .test_workflow import form_data

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def image_bytes(image_format="PNG", size=(120, 60)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 61, 110)).save(buffer, format=image_format)
    return buffer.getvalue()


def upload_logo(admin_client, org, name, content, alt="IOM logo"):
    url = reverse("admin:cooperation_organization_change", args=[org.pk])
    data = form_data(org, logo=SimpleUploadedFile(name, content), logo_alt=alt)
    return admin_client.post(url, data)


def test_a_real_image_is_stored_with_its_size_and_rendered_with_alt_text(
    admin_client, client, media_root
):
    org = OrganizationFactory()
    response = upload_logo(admin_client, org, "logo.png", image_bytes())
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.logo_width, org.logo_height) == (120, 60)
    assert (media_root / org.logo.name).exists()
    html = client.get(org.get_absolute_url()).content.decode()
    assert f'src="{org.logo.url}" alt="IOM logo" width="120" height="60"' in html


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", b"<?php echo 'not an image'; ?>", "Upload a valid image"),
        ("logo.png", image_bytes()[:40], "Upload a valid image"),
        ("logo.gif", image_bytes("GIF"), "File extension “gif” is not allowed"),
        ("logo.png", image_bytes("BMP"), "Upload a JPEG, PNG or WebP image"),
        (
            "logo.png",
            image_bytes(size=(3000, 3000)) + b"\0" * (2 * 1024 * 1024),
            "larger than 2 MB",
        ),
    ],
    ids=["not an image", "truncated", "wrong extension", "wrong format", "too large"],
)
def test_a_bad_upload_is_refused_with_a_clear_message(
    admin_client, media_root, name, content, message
):
    org = OrganizationFactory()
    response = upload_logo(admin_client, org, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    org.refresh_from_db()
    assert not org.logo
    assert not any(media_root.rglob("*.*"))


def test_a_logo_needs_alt_text(admin_client, media_root):
    org = OrganizationFactory()
    response = upload_logo(admin_client, org, "logo.png", image_bytes(), alt="")
    assert "Describe the logo for people who cannot see it." in response.content.decode()
    org.refresh_from_db()
    assert not org.logo


# Log-in rate limiting --------------------------------------------------------------------


def test_repeated_failed_log_ins_lock_the_account_from_that_address(client, django_user_model):
    django_user_model.objects.create_superuser("minister", "m@example.org", "right-password")
    login = reverse("admin:login")
    for _attempt in range(5):
        response = client.post(login, {"username": "minister", "password": "wrong"})
    assert response.status_code == 429
    response = client.post(login, {"username": "minister", "password": "right-password"})
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_user_name_and_address(client, django_user_model):
    django_user_model.objects.create_superuser("minister", "m@example.org", "right-password")
    login = reverse("admin:login")
    for _attempt in range(5):
        client.post(login, {"username": "minister", "password": "wrong"}, REMOTE_ADDR="10.0.0.9")
    response = client.post(
        login, {"username": "minister", "password": "right-password"}, REMOTE_ADDR="10.0.0.10"
    )
    assert response.status_code == 302


def test_a_few_mistakes_do_not_lock_anyone_out(client, django_user_model):
    django_user_model.objects.create_superuser("minister", "m@example.org", "right-password")
    login = reverse("admin:login")
    for _attempt in range(3):
        client.post(login, {"username": "minister", "password": "wrong"})
    assert (
        client.post(login, {"username": "minister", "password": "right-password"}).status_code
        == 302
    )


# The admin's address ---------------------------------------------------------------------


def test_the_admin_path_comes_from_the_environment():
    env = {
        **os.environ,
        "DJANGO_READ_DOTENV": "false",
        "DJANGO_ADMIN_PATH": "backoffice",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    }
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "/backoffice/"


def test_only_staff_reach_the_admin(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", password="pw", is_staff=False)
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Organization.objects.count() == 0


# Where a failed log-in comes from ------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings_values", "headers", "expected"),
    [
        ({}, {"X-Forwarded-For": "203.0.113.9"}, "127.0.0.1"),  # nothing trusted: the socket
        (
            {"CLIENT_IP_HEADER": "X-Forwarded-For"},
            {"X-Forwarded-For": "203.0.113.9"},
            "203.0.113.9",
        ),
        ({"TRUSTED_PROXY_COUNT": 1}, {"X-Forwarded-For": "6.6.6.6, 203.0.113.9"}, "203.0.113.9"),
        (
            {"TRUSTED_PROXY_COUNT": 2},
            {"X-Forwarded-For": "6.6.6.6, 203.0.113.9, 10.0.0.2"},
            "203.0.113.9",
        ),
        ({"CLIENT_IP_HEADER": "X-Forwarded-For"}, {"X-Forwarded-For": "<script>"}, None),
    ],
    ids=["connection", "overwritten header", "one appending proxy", "two", "not an address"],
)
def test_the_client_address_of_a_log_in(rf, settings, settings_values, headers, expected):
    from iomsite.login_throttling import client_address

    for name, value in settings_values.items():
        setattr(settings, name, value)
    request = rf.post("/admin/login/", headers=headers, REMOTE_ADDR="127.0.0.1")
    assert client_address(request) == expected
