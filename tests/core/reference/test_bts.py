"""The BTS Border Crossing Entry Data parser: ports, monthly counts, and rows it rejects."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from borderops.core.reference.bts import parse_bts, read_bts

HEADER = "Port Name,State Abbreviation,Port Code,Border,Date,Measure,Value,Location\n"

# A BOM, a two-line Location per row, a count with a thousands separator, a code that lost its
# leading zero, and three bad rows. Physical lines are noted on the right.
SAMPLE = (
    "\ufeff"
    + HEADER  # 1
    + 'Laurier,WA,3016,US-Canada Border,01/01/1999 12:00:00 AM,Buses,8,"WASHINGTON\n'  # 2
    + '(49.0, -118.22)"\n'  # 3
    + 'Eastport,ID,3302,US-Canada Border,01/01/1999 12:00:00 AM,Trucks,"3,476","IDAHO\n'  # 4
    + '(49.0, -116.18)"\n'  # 5
    + 'Houlton,ME,106,US-Canada Border,02/01/1999 12:00:00 AM,Trucks,"12,001","MAINE\n'  # 6
    + '(46.13, -67.78)"\n'  # 7
    + 'Laurier,WA,3016,US-Canada Border,13/01/1999 12:00:00 AM,Buses,9,"WASHINGTON\n'  # 8
    + '(49.0, -118.22)"\n'  # 9
    + 'Laurier,WA,3016,US-Canada Border,02/01/1999 12:00:00 AM,Buses,many,"WASHINGTON\n'  # 10
    + '(49.0, -118.22)"\n'  # 11
    + 'Nowhere,WA,,US-Canada Border,02/01/1999 12:00:00 AM,Buses,4,"WASHINGTON\n'  # 12
    + '(49.0, -118.22)"\n'  # 13
    + "San Ysidro,CA,2504,US-Mexico Border,01/01/1999 12:00:00 AM,"  # 14
    + 'Pedestrians,"1,234,567","CALIFORNIA\n'
    + '(32.54, -117.03)"\n'  # 15
)


LAURIER_BUSES = (
    "Laurier,WA,3016,US-Canada Border,01/01/1999 12:00:00 AM,"
    'Buses,8,"WASHINGTON\n(49.0, -118.22)"\n'
)


def test_bts_reads_ports_with_border_and_coordinates_from_the_location() -> None:
    result = parse_bts(SAMPLE.splitlines(keepends=True), path="sample.csv")

    assert sorted(result.ports) == ["0106", "2504", "3016", "3302"]
    laurier = result.ports["3016"]
    assert (laurier.name, laurier.state, laurier.border) == ("Laurier", "WA", "US-Canada")
    assert (laurier.latitude, laurier.longitude) == (49.0, -118.22)
    assert laurier.modes == ("land",)
    assert result.ports["2504"].border == "US-Mexico"


def test_bts_reads_counts_column_by_column_with_thousands_separators() -> None:
    result = parse_bts(SAMPLE.splitlines(keepends=True), path="sample.csv")

    volumes = result.volumes
    assert len(volumes) == 4
    assert volumes.port_codes == ("3016", "3302", "0106", "2504")
    assert volumes.months == (
        date(1999, 1, 1),
        date(1999, 1, 1),
        date(1999, 2, 1),
        date(1999, 1, 1),
    )
    assert volumes.measures == ("Buses", "Trucks", "Trucks", "Pedestrians")
    assert volumes.values == (8, 3476, 12001, 1234567)
    assert result.rows == 7


def test_bts_zero_pads_a_port_code_that_lost_its_leading_zero() -> None:
    result = parse_bts(SAMPLE.splitlines(keepends=True), path="sample.csv")

    assert "0106" in result.ports
    assert result.ports["0106"].name == "Houlton"


def test_bts_errors_name_the_physical_line_where_the_bad_row_starts() -> None:
    result = parse_bts(SAMPLE.splitlines(keepends=True), path="sample.csv")

    found = [(error.path, error.line, error.reason.split(" ")[0]) for error in result.errors]
    assert found == [
        ("sample.csv", 8, "Date"),
        ("sample.csv", 10, "Value"),
        ("sample.csv", 12, "Port"),
    ]
    assert "13/01/1999" in result.errors[0].reason
    assert "'many'" in result.errors[1].reason
    assert result.errors[2].reason == "Port code is missing."
    assert str(result.errors[0]).startswith("sample.csv:8: ")


def test_bts_skips_a_row_repeated_exactly_and_rejects_one_repeated_with_another_count() -> None:
    row = LAURIER_BUSES.replace(",8,", ",{},")
    text = HEADER + row.format(8) + row.format(8) + row.format(9)

    result = parse_bts(text.splitlines(keepends=True), path="f.csv")

    assert result.repeated_rows == 1
    assert len(result.volumes) == 1
    assert [
        (error.line, "already counted as 8 on line 2" in error.reason) for error in result.errors
    ] == [(6, True)]


def test_bts_port_takes_the_description_most_of_its_rows_give() -> None:
    row = 'Blaine,WA,3004,US-Canada Border,{}/01/2018 12:00:00 AM,Trucks,5,"WASHINGTON\n{}"\n'
    text = HEADER + "".join(
        row.format(month, location)
        for month, location in [
            ("01", "(49.0, -122.74)"),
            ("02", "(48.99389, -122.74583)"),
            ("03", "(48.99389, -122.74583)"),
        ]
    )

    result = parse_bts(text.splitlines(keepends=True), path="f.csv")

    assert (result.ports["3004"].latitude, result.ports["3004"].longitude) == (48.99389, -122.74583)


def test_bts_file_without_the_expected_columns_is_one_error_on_line_one() -> None:
    result = parse_bts(["code,name\n", "1,x\n"], path="other.csv")

    assert len(result.errors) == 1
    assert result.errors[0].line == 1
    assert "Port Code" in result.errors[0].reason
    assert len(result.volumes) == 0


def test_bts_empty_file_is_an_error() -> None:
    result = parse_bts([], path="empty.csv")

    assert [(error.line, error.reason) for error in result.errors] == [
        (1, "The file is empty; expected a header.")
    ]


DATE_CASES = [
    ("01/01/1999 12:00:00 AM", date(1999, 1, 1)),
    ("3/1/2019 0:00", date(2019, 3, 1)),
    ("12/15/2018", date(2018, 12, 1)),
    ("2024-02-01", date(2024, 2, 1)),
    ("2024-02", date(2024, 2, 1)),
    ("Jan 2024", date(2024, 1, 1)),
    ("02/30/2019 12:00:00 AM", None),
    ("13/01/1999 12:00:00 AM", None),
    ("yesterday", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "month"), DATE_CASES)
def test_bts_month_of_a_date(text: str, month: date | None) -> None:
    row = f'Laurier,WA,3016,US-Canada Border,{text},Buses,8,"WASHINGTON\n(49.0, -118.22)"\n'

    result = parse_bts([HEADER, *row.splitlines(keepends=True)], path="f.csv")

    if month is None:
        assert result.errors and result.errors[0].reason.startswith("Date")
    else:
        assert result.volumes.months == (month,)


LOCATION_CASES = [
    ('"WASHINGTON\n(49.0, -118.22)"', (49.0, -118.22), ""),
    ('"POINT (-118.22 49.0)"', (49.0, -118.22), ""),
    ('""', (None, None), ""),
    ('"WASHINGTON"', None, "has no coordinates"),
    ('"WASHINGTON\n(95.0, -118.22)"', None, "out of range"),
]


@pytest.mark.parametrize(("location", "coordinates", "problem"), LOCATION_CASES)
def test_bts_coordinates_of_a_location(
    location: str, coordinates: tuple[float | None, float | None] | None, problem: str
) -> None:
    text = HEADER + f"Laurier,WA,3016,US-Canada Border,01/01/1999 12:00:00 AM,Buses,8,{location}\n"

    result = parse_bts(text.splitlines(keepends=True), path="f.csv")

    if coordinates is None:
        assert problem in result.errors[0].reason
    else:
        port = result.ports["3016"]
        assert (port.latitude, port.longitude) == coordinates


VALUE_CASES = [
    ("0", 0),
    ("12", 12),
    ('"4,556"', 4556),
    ("-3", None),
    ("4.5", None),
    ('"4,55"', None),
    ("", None),
]


@pytest.mark.parametrize(("value", "count"), VALUE_CASES)
def test_bts_count_must_be_a_whole_number(value: str, count: int | None) -> None:
    text = HEADER + f"Laurier,WA,3016,US-Canada Border,01/01/1999,Buses,{value},\n"

    result = parse_bts(text.splitlines(keepends=True), path="f.csv")

    if count is None:
        assert result.errors[0].reason.startswith("Value")
    else:
        assert result.volumes.values == (count,)


def test_bts_reads_a_file_from_disk_with_its_bom(tmp_path: Path) -> None:
    path = tmp_path / "bts.csv"
    path.write_text(SAMPLE, encoding="utf-8")

    result = read_bts(path)

    assert result.path == str(path)
    assert len(result.volumes) == 4
    assert [error.line for error in result.errors] == [8, 10, 12]


SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
BTS_FILE = SHARED_DATA / "bts-border-crossing" / "Border_Crossing_Entry_Data.csv"


@pytest.mark.skipif(not BTS_FILE.exists(), reason="the shared BTS data file is not present")
def test_bts_reads_the_published_file_without_errors() -> None:
    result = read_bts(BTS_FILE)

    assert result.errors == ()
    assert result.rows == 344_370
    assert result.repeated_rows == 1
    assert len(result.volumes) == 344_369
    assert len(result.ports) == 117
    assert all(len(code) == 4 and code.isdigit() for code in result.ports)
    assert result.ports["2504"].name == "San Ysidro"
