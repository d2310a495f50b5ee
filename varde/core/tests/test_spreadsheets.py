"""Files taken away open right in Norwegian Excel and cannot run code."""

import csv
import io

import pytest
from openpyxl import load_workbook

from varde.core.spreadsheets import BOM, csv_text, neutralised, xlsx_bytes


@pytest.mark.parametrize("typed", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_would_be_a_formula_is_text(typed):
    assert neutralised(typed) == "'" + typed


def test_plain_cells_are_left_alone():
    assert [neutralised(cell) for cell in ("Oslo", "12", "<5", "×", None)] == ["Oslo", "12", "<5", "×", ""]


def test_csv_has_a_bom_and_semicolons_and_keeps_commas_in_cells():
    text = csv_text([["Fenomen", "Antall"], ["Høyre, ekstrem", "=1+1"]])
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=";"))
    assert rows == [["Fenomen", "Antall"], ["Høyre, ekstrem", "'=1+1"]]


def test_xlsx_keeps_numbers_as_numbers_formulas_as_text_and_marks_suppressed_cells():
    data = xlsx_bytes(
        "Situasjonsbilde",
        [["Fenomen", "Kode", "2026"], ["Hat", "hate_crime", "<5"], ["=cmd|' /C calc'!A0", "x", "12"]],
        marked=frozenset({"<5"}),
        notes=["<5: under fem."],
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["C3"].value == 12
    assert sheet["C2"].value == "<5"
    assert sheet["C2"].font.i
    assert sheet["A3"].value == "=cmd|' /C calc'!A0"
    assert sheet["A3"].data_type == "s"
    assert sheet["A5"].value == "<5: under fem."
