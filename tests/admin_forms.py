"""Reading an admin page's form as a browser submits it: every field with its current value."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.textarea = None
        self.select = None  # (name, multiple, [selected values])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form_id is None or attrs.get("id") == self.form_id
            return
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.fields.append((attrs["name"], attrs.get("value") or default))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select is not None and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            value = self.textarea[1]
            # The HTML parser keeps the newline that follows <textarea>; browsers drop it.
            self.fields.append((self.textarea[0], value.removeprefix("\n")))
            self.textarea = None
        elif tag == "select":
            self.select = None


def form_fields(html: str, form_id: str | None = None) -> list[tuple[str, str]]:
    """The (name, value) pairs the form ``form_id`` (the first form if None) would submit."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.fields


def as_post(fields: list[tuple[str, str]], **changes) -> dict:
    """``fields`` as the test client's POST data (repeated names as lists), with ``changes``;
    a translated field named by its base name (``summary=``) is its English column."""
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    data.update(english_columns(data, changes))
    return data


def english_columns(data: dict, changes: dict) -> dict:
    """``changes`` with each key the form lacks but has as ``<key>_en`` renamed to that."""
    return {
        f"{key}_en" if key not in data and f"{key}_en" in data else key: value
        for key, value in changes.items()
    }
