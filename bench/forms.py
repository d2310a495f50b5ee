"""A page's form read from its HTML and filled in as a hurried user would: what the page already holds
is kept, and each required field left empty gets the first choice offered or a plain synthetic value.

The write sweep (bench/sweep.py --writes) sends every form it opens this way, so that a change whose
rule reads every partnership's rows is found on the national set, as the page sweep finds such pages.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from lxml import html

TEXT = "Syntetisk tekst."
# A value for each kind of input a required field may be; "" and text types get TEXT.
TYPED = {
    "email": "syntetisk@example.invalid",
    "number": "1",
    "tel": "99999999",
    "url": "https://example.invalid/",
    "time": "09:00",
}

# Inputs a hurried user does not fill in: the buttons send themselves, and no file is chosen.
NOT_FILLED = {"submit", "button", "reset", "image", "file"}

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


def read_form(page: str) -> Form:
    """The first form inside <main> that is sent with POST."""
    posted = [form for form in html.fromstring(page).xpath("//main//form") if form.method == "POST"]
    if not posted:
        raise ValueError("the page holds no form that is sent with POST")
    form = posted[0]
    buttons = form.xpath(".//button[@name][not(@type) or @type='submit'] | .//input[@type='submit'][@name]")
    button = (buttons[0].get("name"), buttons[0].get("value", "")) if buttons else None
    return Form(form.get("action", ""), _fields(form), button)


def _fields(form: Any) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    for element in form.inputs:
        kind = _kind(element)
        if not element.name or kind in NOT_FILLED:
            continue
        entry = fields.setdefault(element.name, Field(element.name, kind))
        entry.required = entry.required or "required" in element.attrib
        if kind in {"checkbox", "radio"}:
            value = element.get("value", "on")
            entry.options.append(value)
            entry.values += [value] if element.checked else []
        elif kind.startswith("select"):
            entry.options = list(element.value_options)
            # Django's empty choice ("---------") is selected until something is chosen.
            chosen = [option.get("value", option.text) for option in element.xpath(".//option[@selected]")]
            entry.values = [value for value in chosen if value]
        elif element.value and element.value.strip("\n"):  # an empty textarea holds its first newline
            entry.values.append(element.value)
    return fields


def _kind(element: Any) -> str:
    if element.tag == "select":
        return "select-multiple" if element.multiple else "select"
    if element.tag == "textarea":
        return "textarea"
    return (element.get("type") or "text").lower()


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
    if entry.values:
        return entry.values[0]
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


def errors_in(page: str) -> list[str]:
    """What a refused form lists in its error summary (components/form_errors.html), for the sweep's log."""
    items = html.fromstring(page).xpath(
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' ds-error-summary ')]//li"
    )
    return [" ".join(item.text_content().split()) for item in items]
