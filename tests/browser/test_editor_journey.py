"""The editorial journey in the browser: an editor changes the IOM's summary and submits it,
the public page is unchanged until a publisher publishes it, then the public sees it."""

from django.contrib.auth.models import Group

from cooperation.roles import EDITORS, PUBLISHERS

PASSWORD = "a-long-passphrase"
ORIGINAL = (
    "The International Organization for Migration, founded in 1951, acts as a principal "
    "intergovernmental institution in the area of migration."
)
CHANGED = "The IOM, founded in 1951, is the leading intergovernmental organization for migration."


def _user(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))


def _log_in(page, site, name):
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + "/admin/")


def _public_summary(new_page, site):
    visitor = new_page()
    visitor.goto(site + "/en/organizations/iom/")
    return visitor.locator(".lead").first.inner_text()


def test_an_editor_submits_a_change_and_a_publisher_publishes_it(site, new_page, django_user_model):
    _user(django_user_model, "editor", EDITORS)
    _user(django_user_model, "publisher", PUBLISHERS)

    editor = new_page()
    _log_in(editor, site, "editor")
    editor.get_by_role("link", name="Organizations", exact=True).click()
    editor.get_by_role("link", name="International Organization for Migration").click()
    assert editor.get_by_role("button", name="Save and publish").count() == 0
    editor.locator("#id_summary_en").fill(CHANGED)
    editor.get_by_role("button", name="Save and submit for review").click()
    assert "submitted for review" in editor.locator(".messagelist").inner_text()
    assert _public_summary(new_page, site) == ORIGINAL

    publisher = new_page()
    _log_in(publisher, site, "publisher")
    publisher.locator("#editorial-dashboard").get_by_role(
        "table", name="Waiting for review"
    ).get_by_role("link", name="International Organization for Migration").click()
    assert publisher.locator("#id_summary_en").input_value() == CHANGED
    publisher.get_by_role("button", name="Save and publish").click()
    assert "was changed successfully" in publisher.locator(".messagelist").inner_text()
    assert _public_summary(new_page, site) == CHANGED
