"""The Django admin for ministry staff: every content model, searchable and filterable."""

from django.contrib import admin

from cooperation.models import (
    Cooperation,
    DiplomaticMission,
    FocusArea,
    Framework,
    Institution,
    Milestone,
    Organization,
    Page,
    Project,
    Theme,
)

PUBLISHING_FIELDS = ("status", "publish_at")


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0
    fields = ("order", "name", "description", *PUBLISHING_FIELDS)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("date", "date_precision", "title", "description", *PUBLISHING_FIELDS)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("name", "acronym", "summary")
    prepopulated_fields = {"slug": ("acronym",)}
    filter_horizontal = ("frameworks",)
    inlines = [FocusAreaInline]


@admin.register(Cooperation)
class CooperationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "participating_since", "member_since", "status", "updated_at")
    list_filter = ("status",)
    list_select_related = ("organization",)
    search_fields = ("organization__name", "organization__acronym")
    autocomplete_fields = ("organization", "coordinating_body")
    filter_horizontal = ("priority_themes",)
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("title", "date", "date_precision", "cooperation", "status")
    list_filter = ("status", "date_precision")
    list_select_related = ("cooperation__organization",)
    search_fields = ("title", "description")
    date_hierarchy = "date"


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "theme", "stage", "status", "updated_at")
    list_filter = ("status", "stage", "theme", "organization")
    list_select_related = ("organization", "theme")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("organization", "theme", "partners")


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "order", "status")
    list_filter = ("status", "organization")
    list_select_related = ("organization",)
    search_fields = ("name",)


@admin.register(Framework, Theme)
class NamedContentAdmin(admin.ModelAdmin):
    list_display = ("name", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "city", "in_missions_selector", "status")
    list_filter = ("status", "kind", "in_missions_selector")
    search_fields = ("name", "city")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(DiplomaticMission)
class DiplomaticMissionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "country", "city", "status")
    list_filter = ("status", "kind")
    search_fields = ("name", "country", "city")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("organizations",)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
