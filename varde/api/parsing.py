"""Request bodies as JSON, refusing text that cannot be stored.

JSON may spell a lone surrogate (`"\\ud800"`), which no UTF-8 text can hold: the encryption of a
field, the database and the audit trail would each fail on it later. It is refused here, with the
field named, before an endpoint runs.
"""

from typing import Any

from ninja.parser import Parser
from ninja.types import DictStrAny


class UnencodableTextError(ValueError):
    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def refuse_unencodable(value: Any, path: str = "") -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise UnencodableTextError(path or "body") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_unencodable(key, path)
            refuse_unencodable(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            refuse_unencodable(item, f"{path}.{index}" if path else str(index))


class StrictTextParser(Parser):
    def parse_body(self, request: Any) -> DictStrAny:
        data = super().parse_body(request)
        refuse_unencodable(data)
        return data
