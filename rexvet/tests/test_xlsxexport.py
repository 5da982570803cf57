"""rexvet/lib/xlsxexport.py: workbooks with one sheet per table and numeric cells."""

import io
from datetime import date
from decimal import Decimal

import openpyxl

from rexvet.lib.xlsxexport import Sheet, sheet_title, xlsx_bytes


def open_book(sheets):
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes(sheets)))


def test_numbers_are_numeric_cells_and_text_is_text():
    book = open_book([Sheet("Levels", ["Area", "People", "Share (%)"], [["Language", 7, Decimal("42.9")], ["EU", None, 12.5]])])
    sheet = book["Levels"]
    assert [c.value for c in sheet[1]] == ["Area", "People", "Share (%)"]
    assert [(c.value, c.data_type) for c in sheet[2]] == [("Language", "s"), (7, "n"), (42.9, "n")]
    assert [(c.value, c.data_type) for c in sheet[3]] == [("EU", "s"), (None, "n"), (12.5, "n")]


def test_a_header_is_bold_and_frozen():
    sheet = open_book([Sheet("A", ["x"], [[1]])])["A"]
    assert sheet["A1"].font.bold is True
    assert sheet.freeze_panes == "A2"


def test_names_in_any_european_script_and_formulas_as_text():
    sheet = open_book([Sheet("People", ["Name"], [["Ørsted-Łukasiewicz"], ["=1+2"], ["Ελένη Παπαδοπούλου"]])])["People"]
    assert [(c.value, c.data_type) for (c,) in sheet.iter_rows(min_row=2)] == [
        ("Ørsted-Łukasiewicz", "s"),
        ("=1+2", "s"),
        ("Ελένη Παπαδοπούλου", "s"),
    ]


def test_dates_are_date_cells():
    cell = open_book([Sheet("T", ["By"], [[date(2027, 12, 31)]])])["T"]["A2"]
    assert cell.is_date and cell.value.date() == date(2027, 12, 31)
    assert cell.number_format == "yyyy-mm-dd"


def test_sheets_in_order_with_titles_excel_accepts():
    book = open_book([Sheet("About: this/that?", ["a"]), Sheet("A very long title that goes on and on", ["b"])])
    assert book.sheetnames == ["About  this that", "A very long title that goes on "]
    assert sheet_title("[]") == "Sheet"
