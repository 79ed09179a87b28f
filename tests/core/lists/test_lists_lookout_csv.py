"""The agency's own lookout CSV, as ``borderops synth`` writes it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from borderops.core.lists import (
    EntityType,
    IdentityDocument,
    ListedName,
    ListFormat,
    ListFormatError,
    NameKind,
    load_list,
)

HEADER = (
    "id,list,entity_type,name,aliases,birth_date,nationality,document_number,plate,vin,imo,reason"
)


def _write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "lookouts.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_synth_lookouts_load_with_one_entry_per_row(synth_lookouts: Path) -> None:
    # given the lookouts.csv that borderops synth wrote
    with synth_lookouts.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))

    # when it is loaded
    loaded = load_list("csv", synth_lookouts)

    # then every row is an entry under its own id, its list kept in extra
    assert loaded.format is ListFormat.CSV
    assert loaded.list_name == "lookouts"
    assert [entry.entry_id for entry in loaded.entries] == [row["id"] for row in rows]
    assert {entry.extra["lookout_list"] for entry in loaded.entries} == {
        row["list"] for row in rows
    }
    kinds = {entry.extra["lookout_entity_type"]: entry.entity_type for entry in loaded.entries}
    assert kinds["person"] is EntityType.PERSON
    assert kinds["document"] is EntityType.PERSON
    assert kinds["company"] is EntityType.ORGANIZATION
    assert kinds["vessel"] is EntityType.VESSEL
    assert kinds["vehicle"] is EntityType.VEHICLE


def test_synth_lookout_fields_are_carried_over(synth_lookouts: Path) -> None:
    with synth_lookouts.open(encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}

    for entry in load_list("csv", synth_lookouts).entries:
        row = rows[entry.entry_id]
        assert entry.primary_name == row["name"]
        assert [n.text for n in entry.names[1:]] == [a for a in row["aliases"].split(";") if a]
        assert entry.birth_dates == ((row["birth_date"],) if row["birth_date"] else ())
        assert [d.number for d in entry.documents] == [row["document_number"]] * bool(
            row["document_number"]
        )
        assert entry.plates == ((row["plate"],) if row["plate"] else ())
        assert entry.vins == ((row["vin"],) if row["vin"] else ())
        assert entry.imo_numbers == ((row["imo"],) if row["imo"] else ())
        assert entry.reason == row["reason"]
        assert len(entry.nationalities) == bool(row["nationality"])


def test_lookout_nationality_alpha3_becomes_alpha2_and_optional_columns_are_read(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        'L1,wanted_persons,person,"GARCIA, Maria",Maria Garcia;M. GARCIA,1980-01-02,MEX;USA,'
        ",,,,Warrant,ofo-san-diego,2025-01-01,2025-12-31,Refer to secondary,F,MEX,national_id,x1",
        header=HEADER + ",owner,valid_from,valid_to,handling,gender,document_country,"
        "document_kind,case_number",
    )

    (entry,) = load_list("csv", path).entries

    assert entry.names == (
        ListedName("GARCIA, Maria"),
        ListedName("Maria Garcia", NameKind.ALIAS),
        ListedName("M. GARCIA", NameKind.ALIAS),
    )
    assert entry.nationalities == ("MX", "US")
    assert entry.birth_dates == ("1980-01-02",)
    assert (entry.owner, entry.valid_from, entry.valid_to) == (
        "ofo-san-diego",
        "2025-01-01",
        "2025-12-31",
    )
    assert (entry.handling, entry.gender) == ("Refer to secondary", "F")
    assert entry.extra["case_number"] == "x1"


def test_lookout_documents_take_their_country_and_kind(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'L1,lost_stolen_documents,document,"LUZI, Giovanna",,,ITA,YY4354153,,,,Lost,ITA,passport',
        header=HEADER + ",document_country,document_kind",
    )

    (entry,) = load_list("csv", path).entries

    assert entry.documents == (IdentityDocument("YY4354153", "passport", "IT"),)


def test_lookout_csv_without_required_columns_is_one_problem_naming_them(tmp_path: Path) -> None:
    path = _write(tmp_path, "L1,person,X", header="id,entity_type,name")

    with pytest.raises(ListFormatError) as raised:
        load_list("csv", path)

    (problem,) = raised.value.problems
    assert problem.location == "line 1"
    assert problem.reason.startswith(
        "Missing column(s) list, aliases, birth_date, nationality, document_number, plate, vin,"
        " imo, reason;"
    )


BAD_ROWS = [
    (",wanted_persons,person,X,,,,,,,,r", "The row has no id."),
    ("L9,wanted_persons,person,,,,,,,,,r", "no name and no document number, plate, VIN or IMO"),
    ("L9,wanted_persons,alien,X,,,,,,,,r", "Unknown entity_type 'alien'"),
    ("L9,wanted_persons,person,X,,1980-02-30,,,,,,r", "birth_date '1980-02-30' is not a date"),
    ("L9,wanted_persons,person,X,,12/05/1980,,,,,,r", "birth_date '12/05/1980' is not a date"),
    ("L9,wanted_persons,person,X,,,XYZ,,,,,r", "nationality 'XYZ' is not an ISO 3166"),
    ("L9,vehicles_of_interest,vessel,STELLA,,,,,,,9985553,r", "imo '9985553' is not a seven-digit"),
    ("L9,wanted_persons,person,X,,,,,,,r", "Expected 12 columns as in the header, found 11."),
    ("L1,wanted_persons,person,Y,,,,,,,,r", "id 'L1' is used on line 2 too."),
]


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS)
def test_a_bad_lookout_row_is_reported_with_its_line(tmp_path: Path, row: str, reason: str) -> None:
    # given a good row on line 2 and a bad one on line 3
    path = _write(tmp_path, 'L1,wanted_persons,person,"BROOKS, Amy",,1986-05-11,USA,,,,,r', row)

    # when the file is loaded
    with pytest.raises(ListFormatError) as raised:
        load_list("csv", path)

    # then the bad row is reported on its line and nothing is returned
    (problem,) = raised.value.problems
    assert (problem.path, problem.location) == (str(path), "line 3")
    assert reason in problem.reason


def test_every_bad_lookout_row_is_reported_not_just_the_first(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "L1,wanted_persons,person,A,,1980-13,,,,,,r",
        "L2,wanted_persons,person,B,,,,,,,,r",
        'L3,wanted_persons,person,"C\nD",,,QQQ,,,,,r',
        "L4,wanted_persons,alien,,,,,,,,,r",
    )

    with pytest.raises(ListFormatError) as raised:
        load_list("csv", path)

    assert [problem.location for problem in raised.value.problems] == [
        "line 2",
        "line 4",  # the row starting on line 4 runs over two lines
        "line 6",
        "line 6",
    ]


def test_valid_from_after_valid_to_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "L1,wanted_persons,person,A,,,,,,,,r,2025-06-01,2025-01-01",
        header=HEADER + ",valid_from,valid_to",
    )

    with pytest.raises(ListFormatError) as raised:
        load_list("csv", path)

    assert "valid_from 2025-06-01 is after valid_to 2025-01-01" in raised.value.problems[0].reason


def test_an_empty_lookout_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lookouts.csv"
    path.write_text("")

    with pytest.raises(ListFormatError) as raised:
        load_list("csv", path)

    assert "The file is empty" in raised.value.problems[0].reason


def test_a_header_without_rows_is_refused_as_holding_no_entries(tmp_path: Path) -> None:
    path = _write(tmp_path)

    with pytest.raises(ListFormatError) as raised:
        load_list("csv", path)

    assert "holds no entries" in raised.value.problems[0].reason


def test_text_that_stops_being_csv_is_reported_where_it_stops(tmp_path: Path) -> None:
    # given a cell longer than the csv module's field limit (set low here: other code may
    # have raised the process-wide limit)
    path = _write(
        tmp_path,
        "L1,wanted_persons,person,A,,,,,,,,r",
        "L2,wanted_persons,person," + "B" * 2_000 + ",,,,,,,,r",
    )
    limit = csv.field_size_limit(1_000)
    try:
        with pytest.raises(ListFormatError) as raised:
            load_list("csv", path)
    finally:
        csv.field_size_limit(limit)

    (problem,) = raised.value.problems
    assert problem.location == "line 3"
    assert "Not valid CSV (field larger than field limit" in problem.reason
