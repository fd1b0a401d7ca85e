"""The project uses the frameworks through their public, documented interfaces only: no private
names imported from them, no private attribute of another library's object assigned.

Speed comes from caching, not from Django's, psycopg's, Jinja2's or markupsafe's internals;
code that reaches into them breaks on their next release and cannot be read without them.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ("django", "psycopg", "jinja2", "markupsafe")
# Private by name, public by documentation: django-simple-history asks for ``_history_user``
# to name who made a change.
DOCUMENTED_EXCEPTIONS = {"_history_user"}


def project_modules():
    for folder in ("cooperation", "iomsite", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_uses(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(FRAMEWORKS):
            found += [
                f"line {node.lineno}: from {node.module} import {alias.name}"
                for alias in node.names
                if is_private(alias.name) or any(map(is_private, node.module.split(".")))
            ]
        elif isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {alias.name}"
                for alias in node.names
                if alias.name.startswith(FRAMEWORKS) and any(map(is_private, alias.name.split(".")))
            ]
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and is_private(target.attr)
                    and target.attr not in DOCUMENTED_EXCEPTIONS
                    # An object's own attributes are its own business.
                    and not (
                        isinstance(target.value, ast.Name) and target.value.id in ("self", "cls")
                    )
                ):
                    found.append(f"line {node.lineno}: assigns {ast.unparse(target)}")
    return found


def test_no_module_imports_a_private_name_or_sets_a_private_attribute():
    offences = {
        str(path.relative_to(ROOT)): uses
        for path in project_modules()
        if (uses := private_uses(ast.parse(path.read_text(), str(path))))
    }
    assert offences == {}


def test_the_check_finds_what_it_looks_for():
    code = (
        "from markupsafe import _escape_inner\n"
        "from django.db.models.sql import compiler\n"
        "import django.utils._os\n"
        "connection._prepared_cursors = {}\n"
        "self._cache = {}\n"
        "obj._history_user = user\n"
    )
    assert [use.split(":")[0] for use in private_uses(ast.parse(code))] == [
        "line 1",
        "line 3",
        "line 4",
    ]
