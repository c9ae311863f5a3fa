"""Submit an admin form the way a browser would: every field as the page rendered it, then our edits.

`form_data(response)` reads the change form's inputs, selects and textareas —
inline management forms included — so a test changes only what an editor would
type and posts the rest back untouched.
"""

from html.parser import HTMLParser

SKIPPED_INPUT_TYPES = {"submit", "button", "reset", "image", "file"}


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields = []  # (name, value) in page order
        self.select = None  # [name, multiple, options: [(value, selected)], current option]
        self.textarea = None  # [name, text parts]

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value if value is not None else "") for name, value in attrs}
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
            return
        if not self.in_form:
            return
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in SKIPPED_INPUT_TYPES or "name" not in attrs:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and "name" in attrs:
            self.select = {"name": attrs["name"], "multiple": "multiple" in attrs, "options": [], "option": None}
        elif tag == "option" and self.select is not None:
            self.select["option"] = [attrs.get("value"), "selected" in attrs, []]
            self.select["options"].append(self.select["option"])
        elif tag == "textarea" and "name" in attrs:
            self.textarea = [attrs["name"], []]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1].append(data)
        elif self.select is not None and self.select["option"] is not None:
            self.select["option"][2].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self.textarea is not None:
            name, parts = self.textarea
            # Like a browser, drop the one newline Django puts after <textarea>.
            self.fields.append((name, "".join(parts).removeprefix("\r\n").removeprefix("\n")))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            options = [
                (value if value is not None else "".join(text).strip(), selected)
                for value, selected, text in self.select["options"]
            ]
            chosen = [value for value, selected in options if selected]
            if not chosen and not self.select["multiple"] and options:
                chosen = [options[0][0]]
            self.fields.extend((self.select["name"], value) for value in chosen)
            self.select = None


def form_data(response, form_id="film_form"):
    """The form's fields as the page rendered them: name -> list of values (empty-form templates left out)."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    reader.close()
    data = {}
    for name, value in reader.fields:
        if "__prefix__" in name:
            continue
        data.setdefault(name, []).append(value)
    assert data, f"no form with id {form_id!r} on the page"
    return data


def inline_prefix(response, model):
    """The formset prefix the page gives `model`'s inline (section proxies share `entries`, `entries-2` …)."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.opts.model is model:
            return inline.formset.prefix
    raise AssertionError(f"no inline for {model.__name__} on the page")


def inline_row(data, prefix, **match):
    """The index of the inline row whose fields have the given values."""
    total = int(data[f"{prefix}-TOTAL_FORMS"][0])
    for index in range(total):
        if all(data.get(f"{prefix}-{index}-{field}") == [value] for field, value in match.items()):
            return index
    raise AssertionError(f"no {prefix} row with {match}")


def form_errors(response):
    """Every error on a re-rendered admin form, so a failed POST says why."""
    context = response.context
    if context is None or "adminform" not in context:
        return response.status_code
    errors = {"film": context["adminform"].form.errors}
    for inline in context["inline_admin_formsets"]:
        if any(inline.formset.errors) or inline.formset.non_form_errors():
            errors[inline.formset.prefix] = [inline.formset.errors, inline.formset.non_form_errors()]
    return errors
