from django.urls import path

from . import views
from .feeds import MilestoneFeed, UpdatesFeed
from .search.views import SearchView

app_name = "cooperation"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization-list"),
    path(
        "organizations/<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path(
        "organizations/<slug:slug>/feeds/milestones/",
        MilestoneFeed(),
        name="organization-milestone-feed",
    ),
    path(
        "organizations/<slug:slug>/feeds/updates/",
        UpdatesFeed(),
        name="organization-updates-feed",
    ),
    path("projects/", views.ProjectListView.as_view(), name="project-list"),
    path("projects/<slug:slug>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("missions/", views.MissionListView.as_view(), name="mission-list"),
    path("missions/go/", views.mission_go, name="mission-go"),
    path("missions/<slug:slug>/", views.MissionDetailView.as_view(), name="mission-detail"),
    path("pages/<slug:slug>/", views.PageDetailView.as_view(), name="page-detail"),
    path("search/", SearchView.as_view(), name="search"),
    path("feeds/milestones/", MilestoneFeed(), name="milestone-feed"),
    path("feeds/updates/", UpdatesFeed(), name="updates-feed"),
]
