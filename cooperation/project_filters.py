"""The projects list's filters: by organization, theme and stage, all optional.

A GET form, read without Django's forms: its choices are the published organizations and
themes (read by ``cooperation.projects_page`` in one query) and the project stages, and
the page's template prints its selects. A value that is not one of the choices — unknown,
malformed, hostile — is dropped and named in a notice, never an error page.
"""

from dataclasses import dataclass

from django.utils.translation import gettext

from .models import Stage


@dataclass(frozen=True)
class FilterField:
    """One select: its name, label, options as (value, label) with "all" first, and the
    value chosen ("" for all)."""

    name: str
    label: str
    options: tuple[tuple[str, str], ...]
    value: str = ""

    @property
    def id(self) -> str:
        return f"id_{self.name}"


class ProjectFilters:
    """The filters as a request asks for them: ``selected`` holds the values understood,
    ``ignored_fields`` the labels of those that were not."""

    def __init__(self, query, organizations, themes):
        """``query``: the request's GET; ``organizations`` and ``themes``: the choices, as
        (slug, label) pairs in the order they are offered."""
        offered = [
            ("organization", gettext("Organization"), gettext("All organizations"), organizations),
            ("theme", gettext("Theme"), gettext("All themes"), themes),
            ("stage", gettext("Stage"), gettext("All stages"), Stage.choices),
        ]
        self.fields: list[FilterField] = []
        self.selected: dict[str, str] = {}
        self.ignored_fields: list[str] = []
        for name, label, everything, choices in offered:
            options = (("", everything), *((value, str(text)) for value, text in choices))
            asked = query.get(name, "")
            if asked and asked in {value for value, _text in choices}:
                self.selected[name] = asked
            elif asked:
                self.ignored_fields.append(label)
                asked = ""
            self.fields.append(FilterField(name, label, options, asked))
