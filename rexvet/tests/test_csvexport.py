"""rexvet/lib/csvexport.py: CSV that opens right in spreadsheet programs across Europe."""

import csv
import io
from decimal import Decimal

import pytest

from rexvet.lib.csvexport import csv_bytes, safe_text

HEADER = ["Name", "Department", "Level", "Share (%)"]
ROWS = [["Ørsted-Łukasiewicz", "Hospitality", 2, Decimal("42.9")], ["Ülle Mäe-Õunapuu", "Tourism; Maritime", 3, 12.5]]


def test_it_starts_with_a_byte_order_mark_and_decodes_exactly_with_utf_8_sig():
    body = csv_bytes(HEADER, ROWS)
    assert body[:3] == b"\xef\xbb\xbf"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1][0] == "Ørsted-Łukasiewicz"
    assert rows[2][0] == "Ülle Mäe-Õunapuu"


def test_comma_separated_with_crlf_line_ends():
    assert csv_bytes(HEADER, ROWS).decode("utf-8-sig") == (
        "Name,Department,Level,Share (%)\r\n"
        "Ørsted-Łukasiewicz,Hospitality,2,42.9\r\n"
        "Ülle Mäe-Õunapuu,Tourism; Maritime,3,12.5\r\n"
    )


def test_semicolon_separated_with_decimal_commas_and_detected_by_the_sniffer():
    text = csv_bytes(HEADER, ROWS, delimiter=";").decode("utf-8-sig")
    assert text == (
        "Name;Department;Level;Share (%)\r\n"
        "Ørsted-Łukasiewicz;Hospitality;2;42,9\r\n"
        'Ülle Mäe-Õunapuu;"Tourism; Maritime";3;12,5\r\n'
    )
    assert csv.Sniffer().sniff(text).delimiter == ";"


def test_empty_cells_for_none():
    assert csv_bytes(["a", "b"], [[None, 1]]).decode("utf-8-sig") == "a,b\r\n,1\r\n"


@pytest.mark.parametrize("text", ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)"])
def test_text_that_would_run_as_a_formula_is_kept_as_text(text):
    assert safe_text(text) == "'" + text
    assert csv_bytes(["a"], [[text]]).decode("utf-8-sig").splitlines()[1].lstrip('"').startswith("'")


def test_negative_numbers_stay_numbers():
    assert csv_bytes(["a"], [[-2]]).decode("utf-8-sig") == "a\r\n-2\r\n"


def test_it_refuses_another_delimiter():
    with pytest.raises(ValueError):
        csv_bytes(["a"], [], delimiter="\t")
