"""Tables people take away: CSV that opens right in Norwegian Excel, and .xlsx; neither can run code.

A spreadsheet treats a cell that starts with = + - @, a tab or a carriage return as a formula, so a
text someone typed ("=HYPERLINK(…)") would run when the file is opened. Such a cell gets a leading
apostrophe in CSV, and is written as plain text in .xlsx. Norwegian Excel splits CSV on semicolons
and needs the byte-order mark to read UTF-8.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
DELIMITER = ";"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralised(cell: Any) -> str:
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Line:
    def write(self, value: str) -> str:
        return value


_line_writer = csv.writer(_Line(), delimiter=DELIMITER)


def csv_line(row: Iterable[Any]) -> str:
    """One row as a line of CSV, for files written a row at a time."""
    return str(_line_writer.writerow([neutralised(cell) for cell in row]))


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    out = io.StringIO()
    out.write(BOM)
    for row in rows:
        out.write(csv_line(row))
    return out.getvalue()


def xlsx_bytes(
    title: str,
    rows: Sequence[Sequence[Any]],
    *,
    marked: frozenset[str] = frozenset(),
    notes: Iterable[str] = (),
) -> bytes:
    """One sheet: the first row as headings, whole numbers as numbers, everything else as text.

    Cells whose text is in `marked` (a suppressed figure) are set in italics on grey, and each note
    follows the table in a row of its own."""
    import xlsxwriter  # imported when a workbook is written, not by every worker at start-up

    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = workbook.add_worksheet(title[:31])
    heading = workbook.add_format({"bold": True})
    suppressed = workbook.add_format({"italic": True, "bg_color": "#E6E6E6", "align": "right"})
    for row_number, row in enumerate(rows):
        for column, cell in enumerate(row):
            text = "" if cell is None else str(cell)
            if row_number and text.isdigit():
                sheet.write_number(row_number, column, int(text))
            else:
                style = heading if row_number == 0 else suppressed if text in marked else None
                sheet.write_string(row_number, column, text, style)
    for offset, note in enumerate(notes, start=len(rows) + 1):
        sheet.write_string(offset, 0, note)
    sheet.set_column(0, 0, 32)
    workbook.close()
    return out.getvalue()


def table_download(
    rows: Sequence[Sequence[Any]],
    *,
    output: str,
    name: str,
    marked: frozenset[str] = frozenset(),
    notes: Sequence[str] = (),
) -> HttpResponse:
    """The table as an attachment: `csv` (semicolons, with its notes after an empty line) or `xlsx`."""
    if output == "xlsx":
        response = HttpResponse(xlsx_bytes(name, rows, marked=marked, notes=notes), content_type=XLSX)
    else:
        lines = [*rows, [], *([note] for note in notes)] if notes else rows
        response = HttpResponse(csv_text(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{output}"'
    return response
