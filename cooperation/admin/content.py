"""The Django admin for ministry staff: every content model, searchable and filterable."""

from django import forms
from django.contrib import admin
from django.db import models

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


class ContentAdmin(admin.ModelAdmin):
    """Shared by every content model's admin."""

    # Checkbox lists: labelled for screen readers, unlike the filter and autocomplete
    # widgets' unlabelled search boxes, and the lists here are short.
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}


class FocusAreaInline(admin.StackedInline):
    model = FocusArea
    extra = 0
    fields = ("order", "name", "description", *PUBLISHING_FIELDS)


class MilestoneInline(admin.StackedInline):
    model = Milestone
    extra = 0
    fields = ("date", "date_precision", "title", "description", *PUBLISHING_FIELDS)


@admin.register(Organization)
class OrganizationAdmin(ContentAdmin):
    list_display = ("name", "acronym", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("name", "acronym", "summary")
    prepopulated_fields = {"slug": ("acronym",)}
    inlines = [FocusAreaInline]


@admin.register(Cooperation)
class CooperationAdmin(ContentAdmin):
    list_display = ("__str__", "participating_since", "member_since", "status", "updated_at")
    list_filter = ("status",)
    list_select_related = ("organization",)
    search_fields = ("organization__name", "organization__acronym")
    autocomplete_fields = ("organization", "coordinating_body")
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(ContentAdmin):
    list_display = ("title", "date", "date_precision", "cooperation", "status")
    list_filter = ("status", "date_precision")
    list_select_related = ("cooperation__organization",)
    search_fields = ("title", "description")
    date_hierarchy = "date"


@admin.register(Project)
class ProjectAdmin(ContentAdmin):
    list_display = ("title", "organization", "theme", "stage", "status", "updated_at")
    list_filter = ("status", "stage", "theme", "organization")
    list_select_related = ("organization", "theme")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("organization", "theme")


@admin.register(FocusArea)
class FocusAreaAdmin(ContentAdmin):
    list_display = ("name", "organization", "order", "status")
    list_filter = ("status", "organization")
    list_select_related = ("organization",)
    search_fields = ("name",)


@admin.register(Framework, Theme)
class NamedContentAdmin(ContentAdmin):
    list_display = ("name", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Institution)
class InstitutionAdmin(ContentAdmin):
    list_display = ("name", "kind", "city", "in_missions_selector", "status")
    list_filter = ("status", "kind", "in_missions_selector")
    search_fields = ("name", "city")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(DiplomaticMission)
class DiplomaticMissionAdmin(ContentAdmin):
    list_display = ("name", "kind", "country", "city", "status")
    list_filter = ("status", "kind")
    search_fields = ("name", "country", "city")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Page)
class PageAdmin(ContentAdmin):
    list_display = ("title", "slug", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
