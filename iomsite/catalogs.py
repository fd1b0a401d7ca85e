"""The interface's translation catalogs (``locale/<lang>/LC_MESSAGES/django.po``): extract,
check and compile them with Babel, which is pure Python and needs nothing from Debian.

    python -m iomsite.catalogs extract   # update the .po files from the code and templates
    python -m iomsite.catalogs check     # fail on any missing, empty, fuzzy or mismatched entry
    python -m iomsite.catalogs compile   # write the .mo files Django reads (make does this)

The check exists because the compilers skip fuzzy and empty entries silently: a page would
show English without anyone noticing. A catalog may also hold Django's own strings where
Django's Belarusian catalog uses the classical spelling; the site gives the official one.
"""

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = BASE_DIR / "locale"
LANGUAGES = ("ru", "be")  # English is the source language: it needs no catalog
DOMAIN = "django"
# The admin's scripts (calendar, selectors) read Django's "djangojs" catalog. The site has no
# strings of its own there; Belarusian needs the official spelling of Django's.
JS_DOMAIN = "djangojs"
JS_LANGUAGES = ("be",)

KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}

# Where the interface's strings are, and how to read each kind of file.
METHOD_MAP = [
    ("**/migrations/**", "ignore"),
    ("cooperation/**.py", "python"),
    ("iomsite/**.py", "python"),
    ("templates/jinja2/**.html", "jinja2"),
    ("templates/**.html", "iomsite.catalogs:extract_django_template"),
]
OPTIONS_MAP = {"templates/jinja2/**.html": {"extensions": "jinja2.ext.i18n"}}

# Django's own catalogs whose strings the site shows (pages, admin, log-in, messages).
DJANGO_CATALOGS = {
    DOMAIN: ("conf", "contrib/admin", "contrib/auth", "contrib/contenttypes"),
    JS_DOMAIN: ("contrib/admin",),
}

# printf-style conversions (with a name, flags, width, precision), "%%", and {}-fields. A "%"
# that is none of these would break the page: Jinja2's gettext always applies "%".
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]|\{\w*\}")
# Marks of the classical Belarusian spelling (тарашкевіца) that the official one does not use:
# the soft sign of assimilated softness (сьвет, сьнежня, зьмяніць, значэньне), "ня" for "не",
# "ля" in loanwords (плян, клясы), "Эўропа", "ґ". A heuristic with few false alarms: the
# official spelling keeps a soft sign in words such as "бацька", "пісьмо", "вазьмі".
CLASSICAL_BELARUSIAN = re.compile(
    r"сьв|зьв|цьв|дзьв|сьн|зьн|сьл|зьл|сьц|зьдз|зьм[яеё]|ньн|льл|\bня\b|\bзь\b|плян|кляс|эўр|ґ",
    re.IGNORECASE,
)


def extract_django_template(fileobj, keywords, comment_tags, options):
    """Babel extractor for the Django templates (the admin's): Django's own ``templatize``
    turns ``{% translate %}`` and ``{% blocktranslate %}`` into gettext calls."""
    from django.utils.translation import templatize

    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    python = templatize(source, origin=getattr(fileobj, "name", None))
    return extract_python(io.BytesIO(python.encode()), keywords, comment_tags, options)


def _configure_django():
    # templatize reads Django's template engine settings; no project settings are needed.
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=True)


def extracted() -> Catalog:
    """Every translatable string in the code and templates, as a catalog template."""
    _configure_django()
    catalog = Catalog(project="iomsite", domain=DOMAIN)
    # Babel skips folders whose names start with "." or "_" (.venv, __pycache__).
    found = extract_from_dir(
        BASE_DIR,
        method_map=METHOD_MAP,
        options_map=OPTIONS_MAP,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for path, lineno, message, comments, context in found:
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(language: str, domain: str = DOMAIN) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(path: Path, language: str) -> Catalog:
    with path.open("rb") as fileobj:
        return read_po(fileobj, locale=language)


def django_catalog(language: str, domain: str = DOMAIN) -> dict:
    """Django's own messages in ``language``, by (id, context)."""
    import django

    root = Path(django.__file__).resolve().parent
    messages = {}
    for part in DJANGO_CATALOGS[domain]:
        path = root / part / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            for message in read_catalog(path, language):
                if message.id:
                    messages[_key(message)] = message
    return messages


def _key(message):
    ident = message.id if isinstance(message.id, str) else message.id[0]
    return ident, message.context


def _forms(value) -> tuple:
    return value if isinstance(value, (list, tuple)) else (value,)


def _placeholders(text: str) -> list:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text or ""))


def problems(
    language: str,
    template: Catalog | None = None,
    path: Path | None = None,
    domain: str = DOMAIN,
) -> list[str]:
    """What is wrong with ``language``'s catalog (or the one at ``path``): a line each."""
    path = path or po_path(language, domain)
    where = path.relative_to(BASE_DIR) if path.is_relative_to(BASE_DIR) else path
    if not path.exists():
        return [f"{where}: missing; run python -m iomsite.catalogs extract"]
    template = template if template is not None else extracted()
    catalog = read_catalog(path, language)
    found = []
    django_messages = django_catalog(language, domain)
    wanted = {_key(message) for message in template if message.id}
    for message in template:
        if message.id and catalog.get(message.id, context=message.context) is None:
            found.append(f"{where}: missing {message.id!r} (from {_origin(message)})")
    for message in catalog:
        if not message.id:
            continue
        label = f"{where}:{message.lineno}: {_key(message)[0]!r}"
        if _key(message) not in wanted and _key(message) not in django_messages:
            found.append(f"{label}: not used by the site or Django; remove it")
        if message.fuzzy:
            found.append(f"{label}: fuzzy; check the translation and remove the flag")
        strings = _forms(message.string)
        if not all(strings) or len(strings) != (catalog.num_plurals if message.pluralizable else 1):
            found.append(f"{label}: not translated (every form needs a text)")
            continue
        msgid = _forms(message.id)[-1]
        source = _placeholders(msgid)
        for text in strings:
            if "%" in PLACEHOLDER.sub("", text) and "%" not in PLACEHOLDER.sub("", msgid):
                found.append(f"{label}: a lone '%' in {text!r}; write '%%'")
            if _placeholders(text) != source:
                found.append(f"{label}: placeholders {_placeholders(text)} do not match {source}")
        if language == "be":
            for text in strings:
                if CLASSICAL_BELARUSIAN.search(text):
                    found.append(f"{label}: classical spelling in {text!r}; use the official")
    if language == "be":
        # Django's strings in the classical spelling need an official form here.
        for key, message in django_messages.items():
            spelled = any(CLASSICAL_BELARUSIAN.search(t or "") for t in _forms(message.string))
            if spelled and catalog.get(key[0], context=key[1]) is None:
                found.append(
                    f"{where}: Django's {key[0]!r} is in the classical spelling "
                    f"({_forms(message.string)[0]!r}); give the official form"
                )
    return found


def _origin(message) -> str:
    return ", ".join(f"{path}:{line}" for path, line in message.locations[:2])


def new_catalog(language: str) -> Catalog:
    from babel import Locale

    name = Locale.parse(language).get_display_name("en")
    return Catalog(
        locale=language,
        domain=DOMAIN,
        project="iomsite",
        header_comment=(
            f"# The interface of iomsite in {name}.\n"
            "# Updated by `python -m iomsite.catalogs extract`; checked by its `check`."
        ),
        fuzzy=False,
    )


def extract() -> None:
    """Bring each catalog up to date with the code: new strings added (untranslated),
    unused ones dropped unless they translate one of Django's own."""
    template = extracted()
    for language in LANGUAGES:
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = read_catalog(path, language) if path.exists() else new_catalog(language)
        django_messages = django_catalog(language)
        overrides = [m for m in catalog if m.id and _key(m) in django_messages]
        template.creation_date = catalog.creation_date  # no date churn in the diff
        catalog.update(template, no_fuzzy_matching=True)
        for message in overrides:
            if catalog.get(message.id, context=message.context) is None:
                catalog[message.id] = message
        catalog.obsolete.clear()
        with path.open("wb") as fileobj:
            write_po(
                fileobj,
                catalog,
                width=100,
                sort_output=False,
                include_previous=False,
                include_lineno=False,  # file names only: no churn when lines move
            )
        print(f"{path.relative_to(BASE_DIR)}: {len(catalog)} messages")


def check() -> int:
    template = extracted()
    found = [line for language in LANGUAGES for line in problems(language, template)]
    found += [
        line
        for language in JS_LANGUAGES
        for line in problems(language, Catalog(), domain=JS_DOMAIN)
    ]
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"{len(found)} problem(s) in the translation catalogs.", file=sys.stderr)
        return 1
    print(f"Translation catalogs complete: {', '.join(LANGUAGES)}, {len(template)} messages.")
    return 0


def compile_catalogs() -> None:
    """Write each catalog's .mo beside its .po. Fuzzy entries are left out, as by msgfmt."""
    for path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        catalog = read_catalog(path, path.parent.parent.name)
        with path.with_suffix(".mo").open("wb") as fileobj:
            write_mo(fileobj, catalog, use_fuzzy=False)


def main(argv: list[str]) -> int:
    commands = {"extract": extract, "check": check, "compile": compile_catalogs}
    if len(argv) != 1 or argv[0] not in commands:
        print(f"usage: python -m iomsite.catalogs {{{','.join(commands)}}}", file=sys.stderr)
        return 2
    return commands[argv[0]]() or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
