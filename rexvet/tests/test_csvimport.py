"""Reading an uploaded CSV table: encodings, separators, line numbers."""

import pytest

from rexvet.lib.csvimport import CsvFileError, CsvRow, csv_read

COLUMNS = ("name", "email")


def read(content: bytes, max_rows: int = 10) -> list[CsvRow]:
    return csv_read(content, columns=COLUMNS, required=("email",), max_rows=max_rows)


def test_it_reads_utf8_with_bom_and_semicolons():
    rows = read("name;email\r\nØrsted-Łukasiewicz;o@x.example\r\n".encode("utf-8-sig"))

    assert rows == [CsvRow(line=2, values={"name": "Ørsted-Łukasiewicz", "email": "o@x.example"}, extra=0)]


def test_it_reads_utf8_without_bom_and_commas_with_quoted_separators():
    rows = read(b'email,name\no@x.example,"Lind, Anna"\n')

    assert rows == [CsvRow(line=2, values={"name": "Lind, Anna", "email": "o@x.example"}, extra=0)]


def test_line_numbers_count_blank_lines_and_values_over_two_lines():
    rows = read(b'name,email\n\n"Anna\nLind",a@x.example\nBen,b@x.example\n')

    assert [(r.line, r.values["name"]) for r in rows] == [(3, "Anna\nLind"), (5, "Ben")]


def test_missing_cells_are_empty_and_extra_cells_are_counted():
    rows = read(b"name,email\nAnna\nBen,b@x.example,extra,\n")

    assert [(r.values, r.extra) for r in rows] == [
        ({"name": "Anna", "email": ""}, 0),
        ({"name": "Ben", "email": "b@x.example"}, 1),
    ]


def test_a_trailing_empty_header_cell_is_no_column():
    assert read(b"name,email,\nAnna,a@x.example,\n")[0].values == {"name": "Anna", "email": "a@x.example"}


def test_a_column_named_twice_is_refused():
    with pytest.raises(CsvFileError, match="names a column twice"):
        read(b"email,E-mail\na@x.example,b@x.example\n")


def test_more_rows_than_allowed_is_refused():
    with pytest.raises(CsvFileError, match="more than 2 rows"):
        read(b"email\na@x.example\nb@x.example\nc@x.example\n", max_rows=2)


def test_a_value_too_big_for_the_csv_reader_is_a_file_error_not_a_crash():
    huge = b"a" * 140_000  # over the csv module's field size limit

    with pytest.raises(CsvFileError, match="could not be read as CSV"):
        read(b'name,email\n"' + huge + b'",a@x.example\n')
