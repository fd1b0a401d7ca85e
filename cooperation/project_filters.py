"""The projects list's filters: by organization, theme and stage, all optional.

A GET form whose choices are the published organizations and themes and the project
stages. A value that is not one of the choices — unknown, malformed, hostile — is
dropped: the list redirects to its address without it, never an error page.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Stage, Theme
from .models.translation import alphabetical
from .visibility import public_organizations


def by_label(choice):
    return alphabetical(choice[1])


class ProjectFilterForm(forms.Form):
    """Bound to the request's GET; ``selected`` holds the filters understood, by name."""

    organization = forms.ChoiceField(label=_("Organization"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)

    # The filter's name -> the project's field it compares.
    LOOKUPS = {"organization": "organization__slug", "theme": "theme__slug", "stage": "stage"}

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        # Choices are read once here, so validating a value costs no query; they are
        # named, and sorted, in the page's language.
        self.fields["organization"].choices = [
            ("", _("All organizations")),
            *sorted(((o.slug, str(o)) for o in public_organizations()), key=by_label),
        ]
        self.fields["theme"].choices = [
            ("", _("All themes")),
            *sorted(((t.slug, t.name) for t in Theme.objects.published()), key=by_label),
        ]
        self.fields["stage"].choices = [("", _("All stages")), *Stage.choices]
        self.is_valid()  # an invalid filter is dropped, the others still apply
        self.selected = {name: value for name, value in self.cleaned_data.items() if value}

    def value_of(self, name) -> str:
        """The value the page shows as chosen: "" (all) for a filter that was dropped."""
        return self.selected.get(name, "")

    def filter(self, projects):
        return projects.filter(**{self.LOOKUPS[name]: v for name, v in self.selected.items()})
