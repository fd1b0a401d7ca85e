"""axe-core on the history's pages: the editorial log, a version to restore, and the question
asked before someone else's working copy is replaced — no WCAG 2.x A/AA violation."""

import pytest
from django.contrib.auth.models import Group

from cooperation import workflow
from cooperation.models import Organization
from cooperation.roles import EDITORS, PUBLISHERS

from .test_accessibility import violations

PASSWORD = "a-long-passphrase"


def _log_in(page, site, name):
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + "/admin/")


@pytest.fixture
def publisher(site, page, django_user_model):
    user = django_user_model.objects.create_user("publisher", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=PUBLISHERS))
    _log_in(page, site, "publisher")
    return page


@pytest.fixture
def iom():
    org = Organization.objects.get(slug="iom")
    org.summary_en = "The IOM, founded in 1951, leads on migration."
    org.save()  # a second version, so the log shows a word diff
    return org


def test_the_history_page_has_no_wcag_violations(site, publisher, iom):
    publisher.goto(site + f"/admin/cooperation/organization/{iom.pk}/history/")
    assert publisher.locator("#change-history del").count() > 0
    assert violations(publisher) == []


def test_the_restore_page_has_no_wcag_violations(site, publisher, iom):
    publisher.goto(site + f"/admin/cooperation/organization/{iom.pk}/history/")
    publisher.locator("#change-history tbody tr").last.get_by_role("link").click()
    publisher.wait_for_url("**/history/*/")
    assert publisher.get_by_role("button", name="Restore and publish").count() == 2
    assert violations(publisher) == []


def test_the_question_before_replacing_a_working_copy_has_no_wcag_violations(
    site, publisher, iom, django_user_model
):
    editor = django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    workflow.save_working_copy(iom, {}, editor, submit=True)
    version = iom.history.earliest()
    publisher.goto(site + f"/admin/cooperation/organization/{iom.pk}/history/{version.history_id}/")
    assert publisher.get_by_role("link", name="No, keep the working copy").count() == 1
    assert violations(publisher) == []
