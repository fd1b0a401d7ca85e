"""Django's Jinja2 backend, with each language's templates compiled on their own.

The public pages' interface strings are translated when a template is compiled
(``CompileTimeTranslations`` in ``iomsite.jinja2_environment``), so a compiled template
belongs to one language. This backend keeps one Jinja2 environment per language of the
site — an overlay of the configured one, sharing its loader, globals and filters, with its
own template cache — and gives Django's methods the active language's.
"""

from django.conf import settings
from django.template.backends import jinja2
from django.utils import translation
from jinja2 import Environment


class Jinja2(jinja2.Jinja2):
    @property
    def env(self) -> Environment:
        """The active language's environment: Django's get_template() and from_string()
        compile and find templates through ``self.env``."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        try:
            return self._environments[language]
        except KeyError:
            return self._environment_for(language)

    @env.setter
    def env(self, environment: Environment):
        # Django's __init__ sets the environment it built from the settings' OPTIONS.
        self.base_environment = environment
        self._environments: dict[str, Environment] = {}

    def _environment_for(self, language: str) -> Environment:
        try:
            supported = translation.get_supported_language_variant(language)
        except LookupError:  # a language the site does not have: its default's templates
            supported = settings.LANGUAGE_CODE
        if supported not in self._environments:
            environment = self.base_environment.overlay()
            environment.translation_language = supported
            self._environments[supported] = environment
        # Bounded: one entry per language the site has, and per other code asked for.
        if len(self._environments) < 4 * len(settings.LANGUAGES):
            self._environments[language] = self._environments[supported]
        return self._environments[supported]
