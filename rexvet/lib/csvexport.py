"""CSV files that open correctly in spreadsheet programs across Europe.

UTF-8 with a byte-order mark (so that Excel reads "Ørsted-Łukasiewicz" right), a comma
or a semicolon between fields (the semicolon is what Excel expects where the comma is
the decimal sign, and then decimals are written with a comma too), CRLF line ends.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

BOM = "\ufeff"
DELIMITERS = {"comma": ",", "semicolon": ";"}
# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text that a spreadsheet shows as text, never runs as a formula (CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value, decimal_sign: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        text = f"{value}"
        return text.replace(".", decimal_sign) if decimal_sign != "." else text
    return safe_text(str(value))


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence], *, delimiter: str = ",") -> bytes:
    """The whole file: BOM, header row, data rows. Numbers stay numbers (no quotes)."""
    if delimiter not in DELIMITERS.values():
        raise ValueError(f"delimiter must be one of {sorted(DELIMITERS.values())}, not {delimiter!r}")
    decimal_sign = "," if delimiter == ";" else "."
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([safe_text(str(h)) for h in header])
    for row in rows:
        writer.writerow([_cell(value, decimal_sign) for value in row])
    return (BOM + buffer.getvalue()).encode("utf-8")
