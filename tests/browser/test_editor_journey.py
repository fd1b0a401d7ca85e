"""The editorial week in the browser: an editor changes the IOM's summary and submits it; a
publisher reviews the difference and sends it back with a comment; the editor reads the
comment, amends and resubmits; the publisher publishes; the public sees it only then, and the
history names both people. axe checks each new admin page on the way."""

from django.contrib.auth.models import Group

from cooperation.roles import EDITORS, PUBLISHERS

from .test_accessibility import violations

PASSWORD = "a-long-passphrase"
ORIGINAL = (
    "The International Organization for Migration, founded in 1951, acts as a principal "
    "intergovernmental institution in the area of migration."
)
FIRST_TRY = "The IOM, founded in 1951, is the leading intergovernmental organization for migration."
AMENDED = (
    "The International Organization for Migration, founded in 1951, is the leading "
    "intergovernmental organization in the field of migration."
)
COMMENT = "Please keep the organization's full name."
IOM = "International Organization for Migration"


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


def _dashboard_table(page, name):
    return page.locator("#editorial-dashboard").get_by_role("table", name=name)


def _open_iom_for_review(publisher, site):
    publisher.goto(site + "/admin/")
    _dashboard_table(publisher, "Waiting for review").get_by_role("link", name=IOM).click()
    publisher.get_by_role("link", name="Review changes").first.click()
    publisher.wait_for_url("**/review/")


def test_an_editorial_week_in_the_browser(site, new_page, django_user_model):
    _user(django_user_model, "editor", EDITORS)
    _user(django_user_model, "publisher", PUBLISHERS)

    editor = new_page()
    _log_in(editor, site, "editor")
    editor.get_by_role("link", name="Organizations", exact=True).click()
    editor.get_by_role("link", name=IOM).click()
    assert editor.get_by_role("button", name="Publish changes").count() == 0
    editor.locator("#id_summary_en").fill(FIRST_TRY)
    editor.get_by_role("button", name="Submit for review").first.click()
    assert "submitted for review" in editor.locator(".messagelist").inner_text()
    assert _public_summary(new_page, site) == ORIGINAL

    publisher = new_page()
    _log_in(publisher, site, "publisher")
    assert violations(publisher) == []  # the dashboard, with an item waiting
    _open_iom_for_review(publisher, site)
    review = publisher.locator(".workflow-review__table")
    assert any("leading" in added for added in review.locator("ins").all_inner_texts())
    assert review.locator("del").count() > 0
    assert violations(publisher) == []
    publisher.get_by_role("link", name="Send back…").click()
    assert violations(publisher) == []
    publisher.get_by_label("Comment").fill(COMMENT)
    publisher.get_by_role("button", name="Send back", exact=True).click()

    editor.goto(site + "/admin/")
    came_back = _dashboard_table(editor, "Sent back to you")
    assert COMMENT in came_back.inner_text()
    assert violations(editor) == []
    came_back.get_by_role("link", name=IOM).click()
    assert COMMENT in editor.locator("#content").inner_text()
    editor.locator("#id_summary_en").fill(AMENDED)
    editor.get_by_role("button", name="Submit for review").first.click()
    assert _public_summary(new_page, site) == ORIGINAL

    _open_iom_for_review(publisher, site)
    publisher.get_by_role("button", name="Publish now").click()
    assert _public_summary(new_page, site) == AMENDED

    publisher.get_by_role("link", name="History").first.click()
    log = publisher.locator("#content").inner_text()
    for label in ("Submitted for review", "Sent back", "Published"):
        assert label.lower() in log.lower(), label
    assert "editor" in log and "publisher" in log
    assert violations(publisher) == []
