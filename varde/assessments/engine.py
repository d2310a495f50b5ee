"""The instrument engine: read an instrument file, check it against the schema, and describe it.

Instruments are data (YAML or JSON). A file is refused with messages that name the line and the
field at fault, so whoever maintains a licensed instrument can fix it without reading our code.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from varde.core.documents import DocumentError, located, read_document

SCHEMA_PATH = Path(__file__).with_name("instrument.schema.json")
DEFAULT_INSTRUMENT = Path(__file__).parent / "instruments" / "varde-standard-v1.yaml"
MAX_FILE_BYTES = 512 * 1024


class InstrumentError(DocumentError):
    """A file that is not a valid instrument; messages say where and what."""


class Text(dict[str, str]):
    """A text in bokmål and English that renders in the language of the request."""

    def __str__(self) -> str:
        language = (get_language() or "nb")[:2]
        return self.get(language) or self.get("nb", "")


@dataclass(frozen=True)
class ScaleOption:
    code: str
    label: Text
    # None for answers that are not a degree of concern (not assessed, unknown).
    severity: int | None


@dataclass(frozen=True)
class Item:
    code: str
    label: Text
    help: Text | None
    kind: str
    scale: tuple[ScaleOption, ...]

    @property
    def is_rated(self) -> bool:
        return bool(self.scale)

    def option(self, code: str) -> ScaleOption | None:
        return next((option for option in self.scale if option.code == code), None)


@dataclass(frozen=True)
class Field:
    code: str
    label: Text
    help: Text | None
    required: bool


@dataclass(frozen=True)
class Section:
    code: str
    title: Text
    help: Text | None
    items: tuple[Item, ...]
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Step:
    code: str
    title: Text
    help: Text | None
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Definition:
    code: str
    version: int
    name: Text
    description: Text | None
    steps: tuple[Step, ...]

    def items(self) -> Iterator[Item]:
        for step in self.steps:
            for section in step.sections:
                yield from section.items

    def fields(self) -> Iterator[Field]:
        for step in self.steps:
            for section in step.sections:
                yield from section.fields

    def item(self, code: str) -> Item | None:
        return next((item for item in self.items() if item.code == code), None)


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def checksum(document: dict[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def read_instrument(source: str) -> dict[str, Any]:
    """Parse and check an instrument file's text; returns the document or raises InstrumentError."""
    try:
        node, document = read_document(
            source,
            validator=_validator(),
            max_bytes=MAX_FILE_BYTES,
            not_a_mapping=_(
                "The file must hold one instrument: a mapping with format, code, version and steps."
            ),
        )
    except DocumentError as error:
        raise InstrumentError(error.messages) from error
    problems = _consistency_problems(node, document)
    if problems:
        raise InstrumentError(problems)
    return document


def _consistency_problems(root: Any, document: dict[str, Any]) -> list[str]:
    """What a schema cannot say: references to scales, unique codes, rated items need a scale."""
    problems = []
    seen: set[str] = set()
    for scale_code, options in document["scales"].items():
        codes = [option["code"] for option in options]
        if len(set(codes)) != len(codes):
            problems.append(located(root, ["scales", scale_code], _("the scale repeats an answer code")))
    for step_index, step in enumerate(document["steps"]):
        for section_index, section in enumerate(step["sections"]):
            base = ["steps", step_index, "sections", section_index]
            for kind in ("items", "fields"):
                for index, entry in enumerate(section.get(kind, [])):
                    path = [*base, kind, index]
                    if entry["code"] in seen:
                        problems.append(
                            located(
                                root,
                                [*path, "code"],
                                _("the code %(code)s is used twice") % {"code": entry["code"]},
                            )
                        )
                    seen.add(entry["code"])
                    if kind == "items":
                        problems += _scale_problems(root, path, entry, document["scales"])
    return problems


def _scale_problems(root: Any, path: list[Any], item: dict[str, Any], scales: dict[str, Any]) -> list[str]:
    scale = item.get("scale")
    if item["kind"] == "descriptive":
        return [located(root, [*path, "scale"], _("a descriptive item has no scale"))] if scale else []
    if scale is None:
        return [located(root, path, _("a risk or protective item needs a scale"))]
    if scale not in scales:
        return [located(root, [*path, "scale"], _("there is no scale called %(scale)s") % {"scale": scale})]
    return []


def _text(value: dict[str, str] | None) -> Text | None:
    return Text(value) if value else None


def describe(document: dict[str, Any]) -> Definition:
    """The checked document as objects the forms and templates can walk."""
    scales = {
        code: tuple(ScaleOption(o["code"], Text(o["label"]), o.get("severity")) for o in options)
        for code, options in document["scales"].items()
    }
    steps = tuple(
        Step(
            code=step["code"],
            title=Text(step["title"]),
            help=_text(step.get("help")),
            sections=tuple(
                Section(
                    code=section["code"],
                    title=Text(section["title"]),
                    help=_text(section.get("help")),
                    items=tuple(
                        Item(
                            code=item["code"],
                            label=Text(item["label"]),
                            help=_text(item.get("help")),
                            kind=item["kind"],
                            scale=scales.get(item.get("scale", ""), ()),
                        )
                        for item in section.get("items", [])
                    ),
                    fields=tuple(
                        Field(
                            field["code"],
                            Text(field["label"]),
                            _text(field.get("help")),
                            field.get("required", False),
                        )
                        for field in section.get("fields", [])
                    ),
                )
                for section in step["sections"]
            ),
        )
        for step in document["steps"]
    )
    return Definition(
        code=document["code"],
        version=document["version"],
        name=Text(document["name"]),
        description=_text(document.get("description")),
        steps=steps,
    )
