"""Prepared queries: compiled once, run with each call's values, rows as the ORM gives them."""

import datetime
import tempfile

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import DateTimeField, F, IntegerField, SlugField
from django.utils import timezone

from cooperation import home_page, organization_page
from cooperation.models import (
    DiplomaticMission,
    FocusArea,
    Framework,
    Milestone,
    Organization,
    Page,
    Project,
    Status,
    Theme,
)
from cooperation.prepared import (
    Parameter,
    PreparedQuery,
    _plain,
    fetch_all,
    fetch_together,
    loaded_instance,
    rows_together,
)
from cooperation.visibility import public_milestones, public_organizations

from .factories import (
    CooperationFactory,
    DiplomaticMissionFactory,
    FocusAreaFactory,
    FrameworkFactory,
    InstitutionFactory,
    MilestoneFactory,
    OrganizationFactory,
    PageFactory,
    ProjectFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def organizations_by_slug():
    return PreparedQuery(
        lambda: Organization.objects.published(at=Parameter("now", DateTimeField())).filter(
            slug=Parameter("slug", SlugField())
        )
    )


def test_each_run_uses_its_own_values():
    OrganizationFactory(slug="first", name="First")
    OrganizationFactory(slug="second", name="Second")
    query = organizations_by_slug()
    now = timezone.now()
    assert [o.name for o in query.run(now=now, slug="first")] == ["First"]
    assert [o.name for o in query.run(now=now, slug="second")] == ["Second"]
    assert query.run(now=now, slug="nothing-here") == []


def test_the_time_is_a_parameter_not_frozen_at_compile_time():
    go_live = timezone.now() + datetime.timedelta(hours=1)
    OrganizationFactory(slug="scheduled", publish_at=go_live)
    query = organizations_by_slug()
    assert query.run(now=go_live - datetime.timedelta(minutes=1), slug="scheduled") == []
    assert len(query.run(now=go_live + datetime.timedelta(minutes=1), slug="scheduled")) == 1


def test_the_queryset_is_built_and_compiled_once():
    builds = []

    def build():
        builds.append(1)
        return Organization.objects.filter(pk=Parameter("pk", IntegerField()))

    query = PreparedQuery(build)
    organization = OrganizationFactory()
    for _ in range(3):
        assert query.run(pk=organization.pk) == [organization]
    assert len(builds) == 1


def test_rows_are_model_instances_with_converted_values_and_related_objects(
    django_assert_num_queries,
):
    project = ProjectFactory(start_date=datetime.date(2020, 5, 1))
    query = PreparedQuery(
        lambda: Project.objects.filter(pk=Parameter("pk", IntegerField())).select_related("theme")
    )
    with django_assert_num_queries(1):
        (found,) = query.run(pk=project.pk)
        assert found.start_date == datetime.date(2020, 5, 1)
        assert isinstance(found.created_at, datetime.datetime)
        assert found.theme.name == project.theme.name


def test_rows_are_tuples_of_converted_values_in_the_order_of_the_columns(
    django_assert_num_queries,
):
    project = ProjectFactory(start_date=datetime.date(2020, 5, 1))
    query = PreparedQuery(
        lambda: Project.objects.filter(pk=Parameter("pk", IntegerField())).values(
            "start_date", "id", theme_name=F("theme__name")
        )
    )
    assert query.columns() == ("start_date", "id", "theme_name")
    with django_assert_num_queries(1):
        assert query.rows(pk=project.pk) == [
            (datetime.date(2020, 5, 1), project.pk, project.theme.name)
        ]


def _slug_query():
    return PreparedQuery(
        lambda: Project.objects.filter(pk=Parameter("pk", IntegerField())).values_list("slug")
    )


def test_rows_read_through_one_database_cursor_kept_per_connection():
    project = ProjectFactory(slug="kept")
    query = _slug_query()
    assert query.rows(pk=project.pk) == [("kept",)]
    kept = connection._prepared_cursors[1][0]
    assert query.rows(pk=project.pk) == [("kept",)]
    assert connection._prepared_cursors[1] == [kept]


def test_a_new_database_connection_gets_a_new_cursor(transactional_db):
    project = ProjectFactory(slug="again")
    query = _slug_query()
    query.rows(pk=project.pk)
    first = connection.connection
    connection.close()  # as CONN_MAX_AGE or an outage would (SQLite keeps a test's memory
    # database open: there the connection stays the same)
    assert query.rows(pk=project.pk) == [("again",)]
    database_connection, (cursor,) = connection._prepared_cursors
    assert database_connection is connection.connection
    assert (cursor.connection is first) == (connection.connection is first)


def test_database_errors_reach_callers_as_django_s_own():
    with pytest.raises(DatabaseError), transaction.atomic():
        fetch_all(connection, "SELECT no_such_column FROM cooperation_project", [])
    assert fetch_all(connection, "SELECT 1", []) == [(1,)]  # the connection still serves


def _title_query():
    return PreparedQuery(
        lambda: Project.objects.filter(slug=Parameter("slug", SlugField())).values_list("title")
    )


def test_queries_read_together_give_what_each_gives_alone():
    first, second = ProjectFactory(slug="first"), ProjectFactory(slug="second")
    slugs, titles = _slug_query(), _title_query()
    together = rows_together(
        (slugs, {"pk": first.pk}),
        (titles, {"slug": "second"}),
        (slugs, {"pk": second.pk}),
    )
    assert together == [[("first",)], [(second.title,)], [("second",)]]
    assert together == [
        slugs.rows(pk=first.pk),
        titles.rows(slug="second"),
        slugs.rows(pk=second.pk),
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="round trips to a server: runs on PostgreSQL"
)
@pytest.mark.django_db(transaction=True)  # autocommit, as in production: no BEGIN sent
def test_on_postgresql_statements_read_together_take_one_round_trip():
    connection.ensure_connection()
    # libpq's trace of the client's messages: a Sync ends each round trip's statements.
    with tempfile.TemporaryFile("w+") as trace:
        connection.connection.pgconn.trace(trace.fileno())
        try:
            rows = fetch_together(connection, [("SELECT %s::int", (n,)) for n in (1, 2, 3)])
        finally:
            connection.connection.pgconn.untrace()
        trace.seek(0)
        sent = [line.split("\t")[3] for line in trace.read().splitlines() if "\tF\t" in line]
    assert rows == [[(1,)], [(2,)], [(3,)]]
    assert sent.count("Execute") == 3
    assert sent.count("Sync") == 1


def test_an_error_in_statements_read_together_is_django_s_and_the_connection_serves_on():
    with pytest.raises(DatabaseError), transaction.atomic():
        fetch_together(
            connection,
            [("SELECT 1", ()), ("SELECT no_such_column FROM cooperation_project", ())],
        )
    assert fetch_together(connection, [("SELECT 1", ()), ("SELECT 2", ())]) == [[(1,)], [(2,)]]


def test_a_loaded_instance_has_the_fields_given_and_defers_the_rest(
    django_assert_num_queries,
):
    project = ProjectFactory()
    with django_assert_num_queries(0):
        loaded = loaded_instance(Project, {"id": project.pk, "title": "Read"})
        assert (loaded.pk, loaded.title) == (project.pk, "Read")
        assert not loaded._state.adding
    assert "summary" in loaded.get_deferred_fields()
    assert "created_at" not in vars(loaded)  # no default computed for a field not read


def test_a_loaded_instance_reads_a_deferred_field_from_its_database(
    django_assert_num_queries,
):
    project = ProjectFactory(summary="Stored")
    loaded = loaded_instance(Project, {"id": project.pk, "title": project.title})
    assert loaded == project
    with django_assert_num_queries(1):
        assert loaded.summary == "Stored"


def test_instances_of_models_whose_creation_is_observed_are_made_by_the_orm():
    # Organization's logo keeps its dimensions in fields, through a post_init receiver;
    # Theme has nothing of the kind and is built without Model.__init__.
    assert not _plain(Organization)
    assert _plain(Theme)


def test_a_missing_value_is_named():
    with pytest.raises(TypeError, match="now, slug"):
        organizations_by_slug().run()


def build_mixed_organization():
    """A published organization whose every kind of related content is partly hidden."""
    hidden = {"status": Status.DRAFT}
    later = {"publish_at": timezone.now() + datetime.timedelta(days=1)}
    cooperation = CooperationFactory(coordinating_body=InstitutionFactory(**hidden))
    organization = cooperation.organization
    for extra in ({}, hidden, later):
        FocusAreaFactory(organization=organization, **extra)
        MilestoneFactory(organization=organization, **extra)
        ProjectFactory(organization=organization, **extra)
        organization.frameworks.add(FrameworkFactory(**extra))
        cooperation.priority_themes.add(ThemeFactory(**extra))
        DiplomaticMissionFactory(**extra).organizations.add(organization)
    return organization, cooperation


def test_the_public_page_holds_exactly_what_the_orm_calls_published():
    organization, cooperation = build_mixed_organization()
    page = organization_page.public_page(organization.slug)

    def expected(queryset):
        return list(queryset.published())

    assert page.organization == organization
    assert page.cooperation == cooperation
    assert page.coordinating_body is None  # a draft institution
    assert page.focus_areas == expected(FocusArea.objects.filter(organization=organization))
    assert page.milestones == expected(Milestone.objects.filter(organization=organization))
    assert page.projects == expected(Project.objects.filter(organization=organization))
    assert page.frameworks == expected(Framework.objects.filter(organizations=organization))
    assert page.priority_themes == expected(Theme.objects.filter(priority_in=cooperation))
    assert page.missions == expected(DiplomaticMission.objects.filter(organizations=organization))
    assert len(page.milestones) == 1


def test_an_unpublished_cooperation_hides_its_timeline_and_themes():
    organization, cooperation = build_mixed_organization()
    cooperation.status = Status.DRAFT
    cooperation.save()
    page = organization_page.public_page(organization.slug)
    assert page.cooperation is None
    assert page.milestones == []
    assert page.priority_themes == []


def test_no_public_page_for_an_unpublished_organization():
    organization = OrganizationFactory(status=Status.DRAFT)
    assert organization_page.public_page(organization.slug) is None


def test_the_cooperation_and_its_coordinating_body_come_with_the_organization(
    django_assert_num_queries,
):
    cooperation = CooperationFactory(coordinating_body=InstitutionFactory())
    page = organization_page.public_page(cooperation.organization.slug)
    with django_assert_num_queries(0):
        assert page.organization.cooperation == cooperation
        assert page.cooperation.organization == cooperation.organization
        assert page.coordinating_body == cooperation.coordinating_body


def test_an_organization_without_cooperation_has_none_without_asking_again(
    django_assert_num_queries,
):
    organization = OrganizationFactory()
    page = organization_page.public_page(organization.slug)
    with django_assert_num_queries(0):
        assert page.cooperation is None
        assert not hasattr(page.organization, "cooperation")


def test_the_home_page_holds_what_the_public_may_see_newest_milestones_first():
    build_mixed_organization()  # published, draft and scheduled milestones
    hidden = CooperationFactory(organization__status=Status.DRAFT)
    MilestoneFactory(organization=hidden.organization, date=datetime.date(2100, 1, 1))
    introduction = PageFactory(slug=Page.HOME)
    home = home_page.public_home()
    assert home.introduction == introduction
    assert home.organizations == list(public_organizations())
    assert home.latest_milestones == list(
        public_milestones().order_by("-date", "title")[: home_page.LATEST_MILESTONES]
    )
    assert hidden.organization not in home.organizations
    assert all(m.organization != hidden.organization for m in home.latest_milestones)


def test_the_home_page_without_an_introduction_has_none():
    PageFactory(slug=Page.HOME, status=Status.DRAFT)
    assert home_page.public_home().introduction is None
