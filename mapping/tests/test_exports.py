"""Exports of the coordinator's view: the dashboard's numbers in CSV (UTF-8 with BOM,
comma or semicolon) and XLSX (numeric cells), for the organisation with known answers."""

import csv
import io
from datetime import date, datetime

import openpyxl
import pytest

from mapping.models import OrganisationTarget

from .dashboard_data import dashboard_url, known  # noqa: F401

LEVELS_HEADER = [
    "Area code", "Competence area", "Respondents", "Assessed", "Starting", "Rookie", "Advanced", "Expert",
    "Not assessed", "Starting (% of assessed)", "Rookie (% of assessed)", "Advanced (% of assessed)",
    "Expert (% of assessed)", "Note",
]  # fmt: skip
LANGUAGE = ["language", "Language and communication", 7, 7, 1, 2, 3, 1, 0, 14.3, 28.6, 42.9, 14.3]
MULTICULTURAL = ["multicultural", "Working in a multicultural environment", 7, 6, 0, 3, 2, 1, 1, 0.0, 50.0, 33.3, 16.7]
# Language, Advanced or above, 80 % by 2027: 4 of 10 staff, 4 of 7 respondents, 8 needed.
TARGET = ["language", "Language and communication", "Advanced", 80, 10, 7, 4, 40.0, 57.1, 8, 4]


@pytest.fixture
def target(known):
    return OrganisationTarget.objects.create(
        organisation=known.org, area_code="language", level_code="advanced", share_percent=80, target_date=date(2027, 12, 31)
    )


def get_csv(client, known, table: str, delimiter: str = "comma", **filters):
    client.force_login(known.coordinator)
    response = client.get(dashboard_url(known.current, "export.csv"), {"table": table, "delimiter": delimiter, **filters})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return response


def rows(response, delimiter=","):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=delimiter))


def as_numbers(row, decimal=".") -> list:
    def convert(cell):
        try:
            return int(cell)
        except ValueError:
            try:
                return float(cell.replace(decimal, "."))
            except ValueError:
                return cell

    return [convert(c) for c in row]


def test_the_csv_starts_with_a_byte_order_mark_and_decodes_names_exactly(client, known):
    response = get_csv(client, known, "people")
    assert response.content.startswith(b"\xef\xbb\xbf")
    people = rows(response)
    assert people[0][:6] == ["Name", "E-mail", "Department", "Job role", "Status", "Overall stage"]
    names = [r[0] for r in people[1:]]
    assert "Ørsted-Łukasiewicz" in names
    assert 'attachment; filename="rexvet-mapping-2026-people.csv"' == response["Content-Disposition"]


def test_the_levels_csv_has_the_dashboards_numbers(client, known):
    table = rows(get_csv(client, known, "levels"))
    assert table[0] == LEVELS_HEADER
    assert as_numbers(table[3])[:-1] == LANGUAGE
    assert as_numbers(table[4])[:-1] == MULTICULTURAL


def test_the_semicolon_csv_is_detected_as_such_and_writes_decimal_commas(client, known):
    response = get_csv(client, known, "levels", delimiter="semicolon")
    text = response.content.decode("utf-8-sig")
    assert csv.Sniffer().sniff(text).delimiter == ";"
    language = as_numbers(rows(response, delimiter=";")[3], decimal=",")
    assert language[:-1] == LANGUAGE
    assert "14,3;28,6;42,9;14,3" in text


def test_the_targets_csv_has_the_gap_in_people(client, known, target):
    table = rows(get_csv(client, known, "targets"))
    assert table[0][:12] == [
        "Area code", "Competence area", "Level", "Target (% of staff)", "By", "Staff in scope", "Respondents",
        "At or above the level", "Share of all staff (%)", "Share of respondents (%)", "Needed for the target", "Gap in people",
    ]  # fmt: skip
    row = as_numbers(table[1])
    assert row[:4] + row[5:12] == TARGET
    assert row[4] == "2027-12-31"
    assert row[12] == "People without a submitted result count as not at the level."


def test_the_trend_csv_has_both_rounds(client, known):
    table = [as_numbers(r) for r in rows(get_csv(client, known, "trend"))]
    language = [r for r in table if r[2] == "language"]
    assert [r[:1] + r[4:9] for r in language] == [
        ["Mapping 2025", 3, 3, 1.0, 1, 33.3],
        ["Mapping 2026", 7, 7, 1.57, 4, 57.1],
    ]


def test_the_participation_csv(client, known):
    table = [as_numbers(r) for r in rows(get_csv(client, known, "participation"))]
    assert table[1] == [10, 1, 11, 7, 1, 3, 64]


def test_the_export_follows_the_filter(client, known):
    table = rows(get_csv(client, known, "levels", department="Hospitality", job_role="Trainer"))
    assert as_numbers(table[3])[:9] == ["language", "Language and communication", 2, 2, 0, 1, 1, 0, 0]
    people = rows(get_csv(client, known, "people", department="Hospitality", job_role="Trainer"))
    assert [r[0] for r in people[1:]] == ["Liis Rebane", "Mart Kask"]


def test_the_people_csv_marks_not_assessed_and_has_ordinals(client, known):
    people = {r[0]: r for r in rows(get_csv(client, known, "people"))}
    kertu = people["Kertu Ilves"]
    assert kertu[4:12] == ["Submitted", "Rookie", "Advanced (at home)", "Rookie", "Rookie", "Not assessed", "Starting", "Starting"]
    assert kertu[12:] == ["2", "1", "1", "", "0", "0"]
    assert people["Anu Draft-Only"][4:] == ["In progress"] + [""] * 13


def test_a_csv_without_a_valid_choice_is_refused(client, known):
    client.force_login(known.coordinator)
    assert client.get(dashboard_url(known.current, "export.csv"), {"table": "levels", "delimiter": "tab"}).status_code == 400
    assert client.get(dashboard_url(known.current, "export.csv")).status_code == 400


def test_the_xlsx_has_a_sheet_per_table_with_numeric_cells(client, known, target):
    client.force_login(known.coordinator)
    response = client.get(dashboard_url(known.current, "export.xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["About this export", "Participation", "Levels per area", "Targets", "Trend across rounds", "Staff × area"]

    levels = book["Levels per area"]
    assert [c.value for c in levels[1]] == LEVELS_HEADER
    language = [c for c in levels[4]]
    assert [c.value for c in language[:13]] == LANGUAGE
    assert all(c.data_type == "n" for c in language[2:13])
    assert [c.data_type for c in language[:2]] == ["s", "s"]

    targets = book["Targets"]
    row = [c.value for c in targets[2]]
    assert row[:4] + row[5:12] == TARGET
    assert row[4] == datetime(2027, 12, 31)  # a date cell
    assert all(c.data_type == "n" for c in list(targets[2])[5:12])

    trend = [[c.value for c in r] for r in book["Trend across rounds"].iter_rows(min_row=2)]
    assert [r[:1] + r[4:9] for r in trend if r[2] == "language"] == [
        ["Mapping 2025", 3, 3, 1.0, 1, 33.3],
        ["Mapping 2026", 7, 7, 1.57, 4, 57.1],
    ]
    assert [c.value for c in book["Participation"][2]] == [10, 1, 11, 7, 1, 3, 64]

    people = {r[0].value: r for r in book["Staff × area"].iter_rows(min_row=2)}
    kertu = people["Kertu Ilves"]
    assert [c.value for c in kertu[12:]] == [2, 1, 1, None, 0, 0]
    assert [c.data_type for c in kertu[12:]] == ["n", "n", "n", "n", "n", "n"]
    assert "Ørsted-Łukasiewicz" in people

    about = {r[0].value: r[1].value for r in book["About this export"].iter_rows(min_row=2)}
    assert about["Round"] == "Mapping 2026"
    assert about["Kind"] == "Named"
    assert about["Staff shown"] == "all staff"
