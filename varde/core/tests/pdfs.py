"""What every PDF we hand out must be: tagged for assistive technology (PDF/UA), with its title shown
and its language set."""

import io

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


def assert_accessible_pdf(content: bytes, *, title: str, language: str = "nb") -> PdfReader:
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"].get_object()
    assert isinstance(root, DictionaryObject)
    assert "/StructTreeRoot" in root, "the PDF is not tagged"
    assert entry(root, "/MarkInfo")["/Marked"], "the PDF is not marked as tagged"
    assert str(root["/Lang"]) == language
    assert entry(root, "/ViewerPreferences")["/DisplayDocTitle"], (
        "a reader would show the file name, not the title"
    )
    assert reader.metadata is not None
    assert title in str(reader.metadata.title)
    return reader


def entry(dictionary: DictionaryObject, key: str) -> DictionaryObject:
    value = dictionary[key].get_object()
    assert isinstance(value, DictionaryObject), key
    return value
