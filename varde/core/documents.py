"""YAML or JSON documents that people write by hand (instruments, action plans), checked against a
JSON Schema. Every problem is named by line and field in the user's language, so the author can
fix the file without reading our code."""

from typing import Any

import yaml
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError


class _TextDatesLoader(yaml.SafeLoader):
    """Dates stay text, as in JSON: the schema checks their form."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DocumentError(Exception):
    """A file that is not a valid document; messages say where and what."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def read_document(
    source: str, *, validator: Draft202012Validator, max_bytes: int, not_a_mapping: str
) -> tuple[Any, dict[str, Any]]:
    """Parse the text and check it against the schema; returns the YAML node tree and the document."""
    if len(source.encode()) > max_bytes:
        raise DocumentError([_("The file is larger than %(size)d KB.") % {"size": max_bytes // 1024}])
    try:
        node = yaml.compose(source, Loader=_TextDatesLoader)
        document = yaml.load(source, Loader=_TextDatesLoader)  # noqa: S506  (a safe loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _("line %(line)d") % {"line": mark.line + 1} if mark else _("the file")
        problem = getattr(error, "problem", None) or str(error)
        raise DocumentError(
            [_("%(where)s: not valid YAML or JSON (%(problem)s).") % {"where": where, "problem": problem}]
        ) from error
    if not isinstance(document, dict):
        raise DocumentError([not_a_mapping])
    errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
    messages = [located(node, list(error.absolute_path), _describe(error)) for error in errors[:20]]
    if messages:
        raise DocumentError(messages)
    return node, document


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


def node_at(node: Any, path: list[Any]) -> Any:
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
    return text or _("the document")


def located(root: Any, path: list[Any], problem: str) -> str:
    node = node_at(root, path)
    line = node.start_mark.line + 1 if node is not None else 1
    return _("line %(line)d, %(field)s: %(problem)s") % {
        "line": line,
        "field": _field_path(path),
        "problem": problem,
    }
