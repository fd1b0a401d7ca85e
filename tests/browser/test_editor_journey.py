"""An editor's journey in the browser: log in, change the IOM's summary, save, see it live."""


def test_an_editor_changes_the_iom_summary_and_the_public_sees_it(site, page, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-passphrase")
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-passphrase")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + "/admin/")

    page.get_by_role("link", name="Organizations", exact=True).click()
    page.get_by_role("link", name="International Organization for Migration").click()
    new_summary = "The IOM, founded in 1951, is the leading intergovernmental organization."
    page.get_by_label("Summary:", exact=True).fill(new_summary)
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    page.goto(site + "/en/organizations/iom/")
    assert page.locator(".lead").first.inner_text() == new_summary
