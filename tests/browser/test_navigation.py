"""Forms and links a visitor uses: the missions selector and the projects filters, with and
without JavaScript."""

import pytest

JAVASCRIPT = {"with JavaScript": True, "without JavaScript": False}


@pytest.mark.parametrize("javascript", JAVASCRIPT.values(), ids=JAVASCRIPT.keys())
def test_the_go_to_selector_takes_a_visitor_to_a_mission(site, new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto(site + "/en/organizations/iom/")
    page.get_by_label("Mission or website to go to").select_option(
        label="Embassy of the Republic of Belarus in Germany"
    )
    page.get_by_role("button", name="Go to").click()
    page.wait_for_url("**/en/missions/embassy-germany/")
    assert page.locator("h1").inner_text() == "Embassy of the Republic of Belarus in Germany"


@pytest.mark.parametrize("javascript", JAVASCRIPT.values(), ids=JAVASCRIPT.keys())
def test_all_missions_leads_to_the_directory(site, new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto(site + "/en/")
    page.get_by_role("button", name="Go to").click()
    page.wait_for_url("**/en/missions/")
    assert page.locator("h1").inner_text() == "Diplomatic missions of the Republic of Belarus"


@pytest.mark.parametrize("javascript", JAVASCRIPT.values(), ids=JAVASCRIPT.keys())
def test_the_projects_filters_narrow_the_list(site, new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto(site + "/en/projects/")
    page.get_by_label("Stage").select_option(label="Completed")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/en/projects/?*stage=completed*")
    titles = page.locator(".card__title").all_inner_texts()
    assert titles == [
        "International Training Centre for migration training and combating trafficking in persons"
    ]


def test_a_priority_theme_links_to_the_filtered_projects(site, page):
    page.goto(site + "/en/organizations/iom/")
    page.get_by_role("link", name="Combating human trafficking").first.click()
    page.wait_for_url("**/en/projects/?organization=iom&theme=combating-human-trafficking")
    assert page.locator("#results-title").inner_text() == "2 projects"
