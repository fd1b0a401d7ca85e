"""Site search: what it finds, in which language, what it never shows, and bad queries.

These run on SQLite and on PostgreSQL alike (CI runs the suite on both): what they assert —
case-insensitive Cyrillic, the published-only rule, the index kept current — holds for the
full-text search and for SQLite's case-folded matching.
"""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from cooperation.content_import import import_content
from cooperation.models import Milestone, Organization, SearchEntry, Status
from cooperation.search import index, query
from cooperation.search.views import RESULTS_PER_PAGE
from cooperation.visibility import public_milestones, public_organizations, public_projects
from iomsite.page_cache import STATE_KEY, PageCacheMiddleware, current

from .factories import (
    CooperationFactory,
    DiplomaticMissionFactory,
    FocusAreaFactory,
    FrameworkFactory,
    MilestoneFactory,
    OrganizationFactory,
    PageFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def found(client, language, words, **params):
    """The titles of the results page for ``words`` in ``language``."""
    response = client.get(f"/{language}/search/", {"q": words, **params})
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'class="search-result__title"><a href="[^"]*"[^>]*>([^<]*)</a>', html)


def test_a_russian_word_in_capitals_finds_the_russian_page(client, site_content):
    titles = found(client, "ru", "МИГРАЦИИ")
    assert "Международная организация по миграции (МОМ)" in titles
    assert all(not re.search("[A-Za-z]{4,}", title) for title in titles)


def test_each_language_searches_its_own_text(client, site_content):
    assert "International Organization for Migration (IOM)" in found(client, "en", "Migration")
    assert "Міжнародная арганізацыя па міграцыі (МАМ)" in found(client, "be", "МІГРАЦЫІ")
    # The Russian word is not in the English pages, nor the English one in the Russian pages.
    assert found(client, "en", "миграции") == []
    assert found(client, "ru", "Migration") == []


def test_results_name_the_kind_of_item_and_link_to_its_page(client, site_content):
    html = client.get("/en/search/", {"q": "ratified"}).content.decode()
    result = html[html.index('class="search-result"') :]
    assert '<p class="search-result__kind">Milestone</p>' in result
    assert 'href="/en/organizations/iom/#timeline"' in result


def test_a_mission_and_a_text_page_are_found(client, site_content):
    assert any("Geneva" in title for title in found(client, "en", "Geneva"))
    assert "Accessibility statement" in found(client, "en", "accessibility")


def test_nothing_unpublished_is_ever_found(client):
    organization = OrganizationFactory(name="Quokka Union", status=Status.DRAFT)
    MilestoneFactory(organization=organization, title="Quokka summit")
    CooperationFactory(organization=organization)
    FocusAreaFactory(name="quokka welfare", status=Status.IN_REVIEW)
    ProjectFactory(title="Quokka census", status=Status.UNPUBLISHED)
    DiplomaticMissionFactory(name="Embassy in Quokkaland", status=Status.DRAFT)
    PageFactory(title="Quokka page", status=Status.DRAFT)
    assert found(client, "en", "quokka") == []


def test_a_milestone_is_found_only_while_its_cooperation_is_published(client):
    cooperation = CooperationFactory(status=Status.DRAFT)
    MilestoneFactory(organization=cooperation.organization, title="Wombat treaty")
    assert found(client, "en", "wombat") == []
    cooperation.status = Status.PUBLISHED
    cooperation.save()
    assert found(client, "en", "wombat") == ["Wombat treaty"]


def test_a_withdrawn_item_disappears_from_the_results_at_once(client, site_content):
    assert found(client, "en", "ratified")
    organization = Organization.objects.get(slug="iom")
    organization.status = Status.UNPUBLISHED
    organization.save()
    # The organization and everything shown on its page go with it.
    assert found(client, "en", "ratified") == []
    assert found(client, "en", "Organization for Migration") == []


def test_an_unpublished_change_through_the_admin_leaves_the_results(staff, client, site_content):
    from cooperation.roles import PUBLISHERS

    publisher = staff(PUBLISHERS)
    milestone = Milestone.objects.get(title_en__contains="ratified")
    response = publisher.post(
        "/admin/cooperation/milestone/",
        {"action": "unpublish_selected", "_selected_action": [milestone.pk]},
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == Status.UNPUBLISHED
    assert found(client, "en", "ratified") == []


def test_a_scheduled_item_is_found_from_its_time_on(client, monkeypatch):
    soon = timezone.now() + datetime.timedelta(hours=1)
    OrganizationFactory(name="Platypus Institute", publish_at=soon)
    assert found(client, "en", "platypus") == []
    later = soon + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    [title] = found(client, "en", "platypus")
    assert title.startswith("Platypus Institute")


def test_a_rolled_back_change_leaves_the_index_as_it_was(client, site_content):
    before = set(SearchEntry.objects.values_list("pk", "title"))
    with pytest.raises(RuntimeError), transaction.atomic():
        organization = Organization.objects.get(slug="iom")
        organization.status = Status.UNPUBLISHED
        organization.save()
        raise RuntimeError("the editor's request failed")
    assert set(SearchEntry.objects.values_list("pk", "title")) == before


def test_a_deleted_organization_leaves_no_entries(client):
    organization = OrganizationFactory(name="Numbat League")
    FocusAreaFactory(organization=organization, name="numbat habitats")
    assert SearchEntry.objects.filter(scope=f"organization:{organization.pk}").exists()
    organization.delete()
    assert not SearchEntry.objects.filter(scope=f"organization:{organization.pk}").exists()
    assert found(client, "en", "numbat") == []


def test_a_framework_is_found_on_each_organization_that_lists_it(client):
    framework = FrameworkFactory(name="Echidna Agenda")
    first, second = OrganizationFactory.create_batch(2)
    first.frameworks.add(framework)
    assert len(found(client, "en", "echidna")) == 1
    second.frameworks.add(framework)
    assert len(found(client, "en", "echidna")) == 2
    framework.name_en = "Bilby Agenda"
    framework.save()
    assert found(client, "en", "echidna") == []
    assert found(client, "en", "bilby") == ["Bilby Agenda", "Bilby Agenda"]


def test_a_framework_cleared_from_every_organization_leaves_their_results(client):
    framework = FrameworkFactory(name="Quokka Compact")
    for organization in OrganizationFactory.create_batch(2):
        organization.frameworks.add(framework)
    assert len(found(client, "en", "quokka")) == 2
    framework.organizations.clear()
    assert found(client, "en", "quokka") == []


def write_fixture(folder: Path, objects) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "content.json").write_text(json.dumps(objects))
    return folder


def organization_record(name):
    return {
        "model": "cooperation.organization",
        "fields": {
            "name_en": name,
            "slug": "dingo",
            "summary_en": "A council.",
            "status": "published",
        },
    }


def test_an_import_keeps_the_index_current(client, tmp_path):
    import_content([write_fixture(tmp_path / "one", [organization_record("Dingo Council")])])
    assert found(client, "en", "dingo") == ["Dingo Council"]
    # The same organization, renamed: its bulk update reaches the index too.
    import_content([write_fixture(tmp_path / "two", [organization_record("Kiwi Council")])])
    assert found(client, "en", "dingo") == []
    assert found(client, "en", "kiwi") == ["Kiwi Council"]


def test_the_index_holds_exactly_what_the_public_may_see(site_content):
    """The index follows cooperation.visibility: an item is indexed when its page shows it."""
    Milestone.objects.filter(title_en__contains="ratified").update(status=Status.DRAFT)
    index.rebuild()
    indexed = set(
        SearchEntry.objects.filter(language="en").values_list("kind", "object_id", "scope")
    )
    kinds = SearchEntry.Kind
    assert {pk for kind, pk, _scope in indexed if kind == kinds.MILESTONE} == set(
        public_milestones().values_list("pk", flat=True)
    )
    assert {pk for kind, pk, _scope in indexed if kind == kinds.PROJECT} == set(
        public_projects().values_list("pk", flat=True)
    )
    assert {pk for kind, pk, _scope in indexed if kind == kinds.ORGANIZATION} == set(
        public_organizations().values_list("pk", flat=True)
    )


def test_rebuilding_an_index_already_current_writes_nothing(
    site_content, django_assert_num_queries
):
    # Reads only: the organizations, cooperation, milestones, focus areas, frameworks,
    # projects, missions, pages, and the stored entries.
    with django_assert_num_queries(9):
        index.rebuild()


@pytest.mark.parametrize(
    "words",
    [
        "",
        " ",
        "x" * 5000,
        '"unbalanced',
        "'; DROP TABLE cooperation_searchentry; --",
        "a & b | !c <-> (d",
        ":* *:",
        "OR AND NOT -",
        "%_\\",
        "<script>alert(1)</script>",
        "\U0001f600 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "ｍｉｇｒａｔｉｏｎ",
    ],
)
def test_odd_queries_answer_a_page(client, site_content, words):
    response = client.get("/en/search/", {"q": words})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_a_control_character_in_the_query_is_a_bad_request(client, site_content):
    assert client.get("/en/search/", {"q": "migration\x00"}).status_code == 400
    assert client.get("/en/search/", {"q": "migration\x1b[2J"}).status_code == 400


def test_a_long_query_is_cut_and_the_page_says_so(client, site_content):
    html = client.get("/en/search/", {"q": "migration " * 600}).content.decode()
    assert "Only the first 200 characters of your search were used." in html


def test_nothing_found_says_so_with_suggestions(client, site_content):
    html = client.get("/ru/search/", {"q": "zzxxqq"}).content.decode()
    assert "zzxxqq" in html
    assert 'href="/en/search/?q=zzxxqq"' in html  # the same search in another language
    assert 'href="/ru/organizations/"' in html


def test_snippets_are_escaped_with_only_the_matches_marked(client):
    MilestoneFactory(
        organization=CooperationFactory().organization,
        title="Tern visit",
        description='<img src=x onerror="alert(1)"> terns & "gulls" <3',
    )
    html = client.get("/en/search/", {"q": "terns"}).content.decode()
    snippet = re.search(r'class="search-result__snippet"[^>]*>(.*?)</p>', html).group(1)
    # The description is plain text, escaped in the snippet (PostgreSQL's headline leaves
    # out what looks like a tag); the only markup is the match's.
    assert "<mark>terns</mark> &amp; &quot;gulls" in snippet
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0


def test_rich_text_is_searched_without_its_markup(client):
    PageFactory(title="About", body="<p>Albatross</p><p>colonies</p>")
    entry = SearchEntry.objects.get(kind="page", language="en")
    assert entry.body == "Albatross colonies"


def test_english_standing_in_is_marked(client):
    OrganizationFactory(name="Gecko Forum", name_ru="", summary="Geckos in Russia")
    html = client.get("/ru/search/", {"q": "gecko"}).content.decode()
    assert re.search(r'<a href="/ru/organizations/[^"]+/" lang="en">Gecko Forum', html)


def test_results_paginate(client):
    organization = CooperationFactory().organization
    for number in range(RESULTS_PER_PAGE + 1):
        MilestoneFactory(organization=organization, title=f"Heron count {number:02}")
    first = found(client, "en", "heron")
    second = found(client, "en", "heron", page=2)
    assert len(first) == RESULTS_PER_PAGE and len(second) == 1
    assert not set(first) & set(second)
    html = client.get("/en/search/", {"q": "heron"}).content.decode()
    assert 'href="?q=heron&amp;page=2" rel="next"' in html


def test_the_next_page_of_a_many_word_search_is_its_canonical_address(client):
    organization = CooperationFactory().organization
    for number in range(RESULTS_PER_PAGE + 1):
        MilestoneFactory(organization=organization, title=f"Grey heron count {number:02}")
    html = client.get("/en/search/", {"q": "grey heron"}).content.decode()
    (link,) = re.findall(r'href="(\?[^"]*)" rel="next"', html)
    following = client.get("/en/search/" + link.replace("&amp;", "&"))
    assert following.status_code == 200  # not a redirect to another spelling of itself
    assert "Page 2 of 2" in following.content.decode()


def test_unknown_parameters_are_redirected_away(client):
    response = client.get("/en/search/?q=heron&utm_source=mail")
    assert response.status_code == 301
    assert response["Location"] == "/en/search/?q=heron"


def test_results_are_never_kept_by_a_cache(client, settings, site_content):
    settings.PAGE_CACHE_SECONDS = 60
    for _attempt in range(2):
        response = client.get("/en/search/", {"q": "migration"})
        assert response["X-Cache"] == "bypass"
    assert "private" in response["Cache-Control"]
    assert "X-Accel-Expires" not in response
    assert response["X-Robots-Tag"] == "noindex"


def test_results_pages_are_not_even_looked_up_in_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    MilestoneFactory(organization=CooperationFactory().organization, title="Heron count")
    address = "/en/search/?q=heron"
    # A page stored under a results page's key, of the current content version, as a cache
    # lookup would find and serve it: the results page must be rendered, never this.
    state = current(cache.get(STATE_KEY))
    planted = {"version": state["version"], "content": b"planted", "headers": {}}
    cache.set(PageCacheMiddleware.key(RequestFactory().get(address)), planted, 60)
    response = client.get(address)
    assert response.content != b"planted"
    assert "Heron count" in response.content.decode()


def build(scale):
    for _ in range(scale):
        cooperation = CooperationFactory(organization__name=f"Osprey {_}")
        MilestoneFactory.create_batch(3, organization=cooperation.organization, title="Osprey")
        FocusAreaFactory(organization=cooperation.organization, name="osprey")
        ProjectFactory(organization=cooperation.organization, title="Osprey project")
        DiplomaticMissionFactory(name=f"Osprey mission {_}")


@pytest.mark.parametrize("scale", [1, 10])
def test_a_search_reads_a_fixed_number_of_queries(client, django_assert_num_queries, scale):
    build(scale)
    client.get("/en/search/", {"q": "osprey"})  # the page cache's version row, the chrome
    # The count, the page of results, and the footer's options.
    with django_assert_num_queries(3):
        assert client.get("/en/search/", {"q": "osprey"}).status_code == 200


def test_the_migration_indexes_the_expression_the_search_queries():
    from importlib import import_module

    migration = import_module("cooperation.migrations.0006_search_index")
    for language in query.CONFIGURATIONS:
        assert str(migration.vector(language)) == str(query.vector(language))
    assert migration.CONFIGURATIONS == query.CONFIGURATIONS


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the full-text indexes exist on PostgreSQL only"
)
def test_postgresql_searches_through_the_language_s_index(site_content):
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Leave the planner only the full-text index to use, however small the table.
            cursor.execute("DROP INDEX cooperation_search_recent")
            cursor.execute(
                "ALTER TABLE cooperation_searchentry DROP CONSTRAINT cooperation_searchentry_unique"
            )
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.search("миграции", "ru").explain()
        transaction.set_rollback(True)
    assert "cooperation_search_ru" in plan


def test_the_rebuild_command_restores_an_index_emptied_behind_its_back(client, site_content):
    from io import StringIO

    from django.core.management import call_command

    SearchEntry.objects.all().delete()  # as a restored backup without the table's rows
    assert found(client, "en", "ratified") == []
    output = StringIO()
    call_command("rebuild_search_index", stdout=output)
    assert "Search index up to date" in output.getvalue()
    assert found(client, "en", "ratified")


def test_a_milestone_moved_to_another_organization_leaves_the_old_page(client):
    first, second = CooperationFactory.create_batch(2)
    milestone = MilestoneFactory(organization=first.organization, title="Kestrel accord")
    milestone.organization = second.organization
    milestone.save()
    html = client.get("/en/search/", {"q": "kestrel"}).content.decode()
    assert html.count('class="search-result"') == 1
    assert f'href="{second.organization.get_absolute_url()}#timeline"' in html
