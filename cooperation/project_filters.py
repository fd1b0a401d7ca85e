"""The projects list's filters: by organization, theme and stage, all optional."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Stage, Theme
from .visibility import public_organizations


class ProjectFilterForm(forms.Form):
    """A GET form; a value that is unknown or malformed is dropped, never an error page."""

    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=public_organizations(),
        to_field_name="slug",
        required=False,
        empty_label=_("All organizations"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[("", _("All stages")), *Stage.choices],
        required=False,
    )

    def filter(self, queryset):
        """Apply every valid filter; invalid ones are ignored (see ``ignored_fields``)."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("organization"):
            queryset = queryset.filter(organization=data["organization"])
        if data.get("theme"):
            queryset = queryset.filter(theme=data["theme"])
        if data.get("stage"):
            queryset = queryset.filter(stage=data["stage"])
        return queryset

    @property
    def ignored_fields(self):
        """Labels of the filters whose values were not understood."""
        return [str(self.fields[name].label) for name in self.errors]

    @property
    def active(self):
        return any(self.cleaned_data.get(name) for name in self.fields)
