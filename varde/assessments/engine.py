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

import yaml
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

SCHEMA_PATH = Path(__file__).with_name("instrument.schema.json")
DEFAULT_INSTRUMENT = Path(__file__).parent / "instruments" / "varde-standard-v1.yaml"
MAX_FILE_BYTES = 512 * 1024


class InstrumentError(Exception):
    """A file that is not a valid instrument; messages say where and what."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


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

    def section_of(self, code: str) -> Section | None:
        return next(
            (
                section
                for step in self.steps
                for section in step.sections
                for item in section.items
                if item.code == code
            ),
            None,
        )


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def checksum(document: dict[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def read_instrument(source: str) -> dict[str, Any]:
    """Parse and check an instrument file's text; returns the document or raises InstrumentError."""
    if len(source.encode()) > MAX_FILE_BYTES:
        raise InstrumentError([_("The file is larger than 512 KB.")])
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        document = yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _("line %(line)d") % {"line": mark.line + 1} if mark else _("the file")
        problem = getattr(error, "problem", None) or str(error)
        raise InstrumentError(
            [_("%(where)s: not valid YAML or JSON (%(problem)s).") % {"where": where, "problem": problem}]
        ) from error
    if not isinstance(document, dict):
        raise InstrumentError(
            [_("The file must hold one instrument: a mapping with format, code, version and steps.")]
        )
    errors = sorted(_validator().iter_errors(document), key=lambda error: list(error.absolute_path))
    messages = [_located(node, list(error.absolute_path), _describe(error)) for error in errors[:20]]
    if not messages:
        messages = _consistency_problems(node, document)
    if messages:
        raise InstrumentError(messages)
    return document


def _describe(error: SchemaError) -> str:
    """The schema error in the user's language; the common validators get our own words."""
    value: Any = error.instance
    expected: Any = error.validator_value
    schema: Any = error.schema
    known = {
        "required": lambda: (
            _("missing the field %(names)s")
            % {"names": ", ".join(name for name in expected if name not in value)}
        ),
        "additionalProperties": lambda: (
            _("unknown field; allowed are %(names)s")
            % {"names": ", ".join(sorted(schema.get("properties", {})))}
        ),
        "type": lambda: _("must be of type %(type)s") % {"type": expected},
        "pattern": lambda: _("must be a code of lower-case letters, digits, - and _"),
        "enum": lambda: _("must be one of %(values)s") % {"values": ", ".join(map(str, expected))},
        "const": lambda: _("must be %(value)s") % {"value": expected},
        "minItems": lambda: _("needs at least %(count)s entries") % {"count": expected},
        "maxItems": lambda: _("may have at most %(count)s entries") % {"count": expected},
        "minLength": lambda: _("may not be empty"),
        "maxLength": lambda: _("may be at most %(count)s characters") % {"count": expected},
        "minimum": lambda: _("must be at least %(value)s") % {"value": expected},
        "maximum": lambda: _("must be at most %(value)s") % {"value": expected},
    }
    describe = known.get(str(error.validator))
    return describe() if describe else error.message


def _node_at(node: Any, path: list[Any]) -> Any:
    """The YAML node at a path of keys and indexes, or the deepest one found on the way."""
    for key in path:
        if isinstance(node, yaml.MappingNode):
            found = next((value for name, value in node.value if name.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            found = node.value[key]
        else:
            found = None
        if found is None:
            return node
        node = found
    return node


def _field_path(path: list[Any]) -> str:
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text or _("the instrument")


def _located(root: Any, path: list[Any], problem: str) -> str:
    node = _node_at(root, path)
    line = node.start_mark.line + 1 if node is not None else 1
    return _("line %(line)d, %(field)s: %(problem)s") % {
        "line": line,
        "field": _field_path(path),
        "problem": problem,
    }


def _consistency_problems(root: Any, document: dict[str, Any]) -> list[str]:
    """What a schema cannot say: references to scales, unique codes, rated items need a scale."""
    problems = []
    seen: set[str] = set()
    for scale_code, options in document["scales"].items():
        codes = [option["code"] for option in options]
        if len(set(codes)) != len(codes):
            problems.append(_located(root, ["scales", scale_code], _("the scale repeats an answer code")))
    for step_index, step in enumerate(document["steps"]):
        for section_index, section in enumerate(step["sections"]):
            base = ["steps", step_index, "sections", section_index]
            for kind in ("items", "fields"):
                for index, entry in enumerate(section.get(kind, [])):
                    path = [*base, kind, index]
                    if entry["code"] in seen:
                        problems.append(
                            _located(
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
        return [_located(root, [*path, "scale"], _("a descriptive item has no scale"))] if scale else []
    if scale is None:
        return [_located(root, path, _("a risk or protective item needs a scale"))]
    if scale not in scales:
        return [_located(root, [*path, "scale"], _("there is no scale called %(scale)s") % {"scale": scale})]
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
