"""XLSX workbooks with openpyxl: one sheet per table, numbers as numeric cells.

Text is always stored as text, so a name starting with "=" is never turned into a formula.
"""

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

SHEET_TITLE_MAX = 31
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Sheet:
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence] = field(default_factory=list)


def sheet_title(title: str) -> str:
    """A title Excel accepts: at most 31 characters, none of []:*?/\\."""
    return _BAD_TITLE.sub(" ", title).strip()[:SHEET_TITLE_MAX] or "Sheet"


def _cell(sheet, value, *, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, Decimal):
        value = float(value)
    if value is not None and not isinstance(value, (int, float, date, datetime)):
        value = str(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # not "f", whatever the text starts with
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd hh:mm" if isinstance(value, datetime) else "yyyy-mm-dd"
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with the sheets in order; each has a bold, frozen header row."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        sheet = workbook.create_sheet(title=sheet_title(spec.title))
        sheet.freeze_panes = "A2"
        widths = [len(str(h)) for h in spec.header]
        rows = [list(r) for r in spec.rows]
        for row in rows:
            for i, value in enumerate(row):
                if i < len(widths):
                    widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
        sheet.append([_cell(sheet, h, bold=True) for h in spec.header])
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
