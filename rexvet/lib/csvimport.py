"""Read an uploaded CSV table: UTF-8 with or without a byte-order mark, comma- or
semicolon-separated, with a header line naming the columns.

Rows come with the line number a person sees in a spreadsheet or text editor (the header
is line 1), so that every problem can be reported where it is.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

DELIMITERS = (",", ";")


class CsvFileError(Exception):
    """The file as a whole cannot be read; the message says why, for the person uploading."""


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str]  # column name → value, stripped; missing cells are ""
    extra: int  # how many non-empty cells there are beyond the header's columns


def _key(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name.strip().lower())


def normalise_column(name: str, columns: tuple[str, ...]) -> str:
    """The column of `columns` that a header cell names: "E-mail" → "email", "Job role" →
    "job_role". A cell naming none of them comes back stripped, to be reported."""
    known = {_key(column): column for column in columns}
    return known.get(_key(name), name.strip())


def _delimiter(header_line: str) -> str:
    # The header names plain words, so whichever separator it contains more of is the one.
    return max(DELIMITERS, key=header_line.count)


def csv_read(
    data: bytes, *, columns: tuple[str, ...], required: tuple[str, ...], max_rows: int
) -> list[CsvRow]:
    """The data rows of the table, blank lines left out.

    Raises CsvFileError when the file is not UTF-8, has no header, names a column that is
    not in `columns`, lacks one of `required`, has no rows or more than `max_rows`.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvFileError(
            _("The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and upload it again.")
        ) from None
    lines = text.splitlines(keepends=True)
    if not lines or not lines[0].strip():
        raise CsvFileError(_("The file is empty, or its first line is blank: the first line must name the columns."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(lines[0]))
    try:
        return _rows(reader, columns=columns, required=required, max_rows=max_rows)
    except csv.Error as error:
        raise CsvFileError(
            _("The file could not be read as CSV (line %(line)s: %(error)s).") % {"line": reader.line_num, "error": error}
        ) from None


def _rows(reader, *, columns: tuple[str, ...], required: tuple[str, ...], max_rows: int) -> list[CsvRow]:
    header = [normalise_column(name, columns) for name in next(reader)]
    # An empty header cell (a spreadsheet's trailing separator) names no column.
    unknown = [name for name in header if name and name not in columns]
    if unknown:
        raise CsvFileError(
            _("The first line names columns this upload does not know: %(unknown)s. The columns are: %(columns)s.")
            % {"unknown": ", ".join(unknown), "columns": ", ".join(columns)}
        )
    missing = [name for name in required if name not in header]
    if missing:
        raise CsvFileError(
            _("The first line must name the column %(missing)s.") % {"missing": ", ".join(missing)}
        )
    named = [name for name in header if name]
    if len(set(named)) != len(named):
        raise CsvFileError(_("The first line names a column twice."))

    rows = []
    line = reader.line_num
    for cells in reader:
        # reader.line_num counts physical lines read so far: a quoted value may span lines.
        first_line, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) == max_rows:
            raise CsvFileError(_("The file has more than %(max)s rows: split it into smaller files.") % {"max": max_rows})
        values = {name: "" for name in columns}
        values.update({name: cell.strip() for name, cell in zip(header, cells) if name})
        extra = sum(1 for cell in cells[len(header) :] if cell.strip())
        rows.append(CsvRow(line=first_line, values=values, extra=extra))
    if not rows:
        raise CsvFileError(_("The file has a header line but no rows."))
    return rows
