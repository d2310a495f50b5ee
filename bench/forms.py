"""A page's form read from its HTML and filled in as a hurried user would: what the page already holds
is kept, and each required field left empty gets the first choice offered or a plain synthetic value.

The write sweep (bench/sweep.py --writes) sends every form it opens this way, so that a change whose
rule reads every partnership's rows is found on the national set, as the page sweep finds such pages.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser

TEXT = "Syntetisk tekst."
# A value for each kind of input a required field may be; "" and text types get TEXT.
TYPED = {
    "email": "syntetisk@example.invalid",
    "number": "1",
    "tel": "99999999",
    "url": "https://example.invalid/",
    "time": "09:00",
}

Value = str | list[str]
Override = Value | Callable[[], Value]


@dataclass
class Field:
    name: str
    kind: str  # an input's type, or "select", "select-multiple" or "textarea"
    required: bool = False
    values: list[str] = field(default_factory=list)  # what the page already chose or holds
    options: list[str] = field(default_factory=list)  # what may be chosen, in the page's order


@dataclass
class Form:
    action: str = ""
    fields: dict[str, Field] = field(default_factory=dict)
    button: tuple[str, str] | None = None  # the first named submit button, as it is sent


class _Reader(HTMLParser):
    """The first form with method="post" inside <main>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.form: Form | None = None
        self._in_main = self._in_form = self._done = False
        self._select: Field | None = None
        self._option: str | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {key: value or "" for key, value in attrs}
        if tag == "main":
            self._in_main = True
        elif tag == "form" and self._in_main and not self._done and named.get("method", "").lower() == "post":
            self.form, self._in_form = Form(action=named.get("action", "")), True
        elif self._in_form and self.form is not None:
            self._field(tag, named, self.form)

    def _field(self, tag: str, named: dict[str, str], form: Form) -> None:
        name, required = named.get("name", ""), "required" in named
        if tag == "input" and name:
            self._input(named, name, required, form)
        elif tag == "button" and name and form.button is None and named.get("type", "submit") == "submit":
            form.button = (name, named.get("value", ""))
        elif tag == "select" and name:
            kind = "select-multiple" if "multiple" in named else "select"
            self._select = form.fields.setdefault(name, Field(name, kind, required))
        elif tag == "option" and self._select is not None:
            self._option = named.get("value")
            if self._option is not None:
                self._choose(self._select, self._option, "selected" in named)
        elif tag == "textarea" and name:
            self._textarea = form.fields.setdefault(name, Field(name, "textarea", required))

    def _input(self, named: dict[str, str], name: str, required: bool, form: Form) -> None:
        kind = named.get("type", "text").lower()
        if kind in {"submit", "button", "reset", "image", "file"}:
            if kind == "submit" and form.button is None:
                form.button = (name, named.get("value", ""))
            return
        entry = form.fields.setdefault(name, Field(name, kind, required))
        entry.required = entry.required or required
        if kind in {"checkbox", "radio"}:
            self._choose(entry, named.get("value", "on"), "checked" in named)
        elif named.get("value"):
            entry.values.append(named["value"])

    @staticmethod
    def _choose(entry: Field, value: str, chosen: bool) -> None:
        entry.options.append(value)
        if chosen:
            entry.values.append(value)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.values.append(data.lstrip("\n"))
        elif self._select is not None and self._option is None and data.strip():
            # <option>text</option> without a value sends its text.
            self._choose(self._select, data.strip(), False)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._in_form:
            self._in_form, self._done = False, True
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea":
            self._textarea = None


def read_form(html: str) -> Form:
    reader = _Reader()
    reader.feed(html)
    if reader.form is None:
        raise ValueError("the page holds no form that is sent with POST")
    return reader.form


def filled(
    form: Form, values: Mapping[str, Override], *, also_required: Iterable[str] = (), today: date
) -> dict[str, Value]:
    """The form's data: the page's own values, a value for every required field left empty (and for
    those named in also_required), and the given values last."""
    for name in also_required:
        if name not in form.fields:
            raise ValueError(f"the form has no field {name!r} to fill")
        form.fields[name].required = True
    data: dict[str, Value] = {}
    for entry in form.fields.values():
        value = _value(entry, today)
        if value:
            data[entry.name] = value
    for name, given in values.items():
        data[name] = given() if callable(given) else given
    if form.button is not None:
        data.setdefault(*form.button)
    return data


def _value(entry: Field, today: date) -> Value:
    if entry.kind in {"checkbox", "select-multiple"}:
        return entry.values or (entry.options[:1] if entry.required else [])
    if entry.values and any(entry.values):
        return "".join(entry.values) if entry.kind == "textarea" else entry.values[0]
    return _first_or_typed(entry, today) if entry.required else ""


def _first_or_typed(entry: Field, today: date) -> str:
    """A value for a required field the page left empty: the first choice, or one of its type."""
    if entry.kind in {"select", "radio"}:
        return next((option for option in entry.options if option), "")
    if entry.kind == "date":
        return today.isoformat()
    if entry.kind == "datetime-local":
        return f"{today + timedelta(days=7)}T09:00"
    return TYPED.get(entry.kind, TEXT)


def errors_in(html: str) -> list[str]:
    """What a refused form lists in its error summary (components/form_errors.html), for the sweep's log."""
    reader = _ErrorSummary()
    reader.feed(html)
    return reader.messages


class _ErrorSummary(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.messages: list[str] = []
        self._depth = 0  # how deep inside the summary; 0 outside it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self._depth or "ds-error-summary" in classes:
            self._depth += 1
        if self._depth and tag == "li":
            self.messages.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth and self.messages and data.strip():
            self.messages[-1] = f"{self.messages[-1]} {data.strip()}".strip()
