"""OFAC's legacy CSV folders: sdn.csv with alt.csv and add.csv, and the consolidated set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from borderops.core.lists import (
    EntityType,
    IdentityDocument,
    ListedName,
    ListEntry,
    ListFormat,
    ListFormatError,
    LoadedList,
    NameKind,
    load_list,
)


def _sample_entries(fixtures: Path) -> dict[str, ListEntry]:
    return {entry.entry_id: entry for entry in load_list("ofac-csv", fixtures / "ofac_csv").entries}


def _copy_folder(fixtures: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "ofac"
    shutil.copytree(fixtures / "ofac_csv", folder)
    return folder


def test_ofac_csv_reads_a_folder_with_nulls_crlf_latin1_and_the_end_of_file_byte(
    fixtures: Path,
) -> None:
    # given a hand-made sdn.csv written exactly as OFAC ships it
    # when the folder is loaded
    loaded = load_list("ofac-csv", fixtures / "ofac_csv")

    # then every row is an entry with its ent_num, Latin-1 names read right
    assert loaded.list_name == "ofac-sdn"
    assert loaded.format is ListFormat.OFAC_CSV
    assert [entry.entry_id for entry in loaded.entries] == [
        "36",
        "306",
        "6905",
        "7001",
        "4243",
        "9001",
    ]
    assert loaded.entries[3].primary_name == "NUÑEZ GÓMEZ, José"
    assert loaded.entries[0].remarks == ""


@pytest.mark.parametrize(
    ("entry_id", "entity_type"),
    [("36", EntityType.ORGANIZATION), ("6905", EntityType.PERSON),
     ("4243", EntityType.VESSEL), ("9001", EntityType.AIRCRAFT)],
)  # fmt: skip
def test_ofac_sdn_type_decides_the_entity_type(
    fixtures: Path, entry_id: str, entity_type: EntityType
) -> None:
    entries = _sample_entries(fixtures)

    assert entries[entry_id].entity_type is entity_type


def test_ofac_aliases_from_alt_csv_and_remarks_join_the_entry(fixtures: Path) -> None:
    entries = _sample_entries(fixtures)

    assert entries["306"].names == (
        ListedName("BANCO NACIONAL DE CUBA"),
        ListedName("NATIONAL BANK OF CUBA", NameKind.ALIAS),
        ListedName("BNC", NameKind.ALIAS, weak=True),
    )
    assert ListedName("ABU ZUBAYDAH", NameKind.ALIAS, weak=True) in entries["6905"].names
    assert ListedName("SAND SWAN", NameKind.FORMER) in entries["4243"].names
    assert ListedName("AERO CARIBE", NameKind.NEW) in entries["36"].names


def test_ofac_addresses_give_address_countries_never_nationality(fixtures: Path) -> None:
    entries = _sample_entries(fixtures)

    assert entries["306"].extra["address_countries"] == "CH; ES"
    assert entries["306"].nationalities == ()


def test_ofac_person_gets_programs_dates_documents_and_nationalities_from_its_row(
    fixtures: Path,
) -> None:
    entries = _sample_entries(fixtures)

    person = entries["7001"]
    assert person.programs == ("SDNTK", "ILLICIT-DRUGS-EO14059")
    assert person.birth_dates == ("1960", "1962", "1963", "1964")
    assert person.extra["approximate_birth_dates"] == "1960"
    assert person.nationalities == ("MX", "KP")
    assert person.documents == (IdentityDocument("NUGJ600101HSLXMS01", "national_id", "MX"),)
    assert person.gender == "M"
    assert person.extra["title"] == "Director"


def test_ofac_vessel_gets_imo_and_flag(fixtures: Path) -> None:
    entries = _sample_entries(fixtures)

    vessel = entries["4243"]
    assert vessel.imo_numbers == ("7406784",)
    assert vessel.extra["flag"] == "PA"
    assert vessel.extra["call_sign"] == "HOFG"


def test_ofac_csv_accepts_the_primary_file_itself(fixtures: Path) -> None:
    loaded = load_list("ofac-csv", fixtures / "ofac_csv" / "sdn.csv")

    assert len(loaded.entries) == 6
    assert ListedName("NATIONAL BANK OF CUBA", NameKind.ALIAS) in loaded.entries[1].names


def test_ofac_csv_list_name_can_be_given(fixtures: Path) -> None:
    loaded = load_list("ofac-csv", fixtures / "ofac_csv", list_name="sdn-test")

    assert loaded.list_name == "sdn-test"
    assert {entry.list_name for entry in loaded.entries} == {"sdn-test"}


def test_a_folder_without_sdn_csv_is_refused(tmp_path: Path) -> None:
    (tmp_path / "alt.csv").write_text('1,2,"aka","X",-0- \r\n')

    with pytest.raises(ListFormatError) as raised:
        load_list("ofac-csv", tmp_path)

    (problem,) = raised.value.problems
    assert problem.path == str(tmp_path)
    assert "No sdn.csv or cons_prim.csv" in problem.reason


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError) as raised:
        load_list("ofac-csv", tmp_path / "nowhere")

    assert "No such file or folder" in raised.value.problems[0].reason


def test_every_broken_row_is_reported_with_its_file_and_line(
    fixtures: Path, tmp_path: Path
) -> None:
    # given a copy of the folder with three bad rows in sdn.csv and an orphan alias
    folder = _copy_folder(fixtures, tmp_path)
    sdn = folder / "sdn.csv"
    lines = sdn.read_bytes().split(b"\r\n")
    lines[1] = b'306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA"'  # line 2: too few columns
    lines[3] = lines[3].replace(b"7001,", b"70X1,", 1)  # line 4: ent_num not a number
    lines[5] = lines[5].replace(b'"aircraft"', b'"spaceship"')  # line 6: unknown type
    sdn.write_bytes(b"\r\n".join(lines))
    alt = folder / "alt.csv"
    alt.write_bytes(alt.read_bytes().rstrip(b"\x1a") + b'99999,1,"aka","NOBODY",-0- \r\n\x1a')

    # when it is loaded
    with pytest.raises(ListFormatError) as raised:
        load_list("ofac-csv", folder)

    # then all four problems are reported, none of the list is returned
    found = [(Path(p.path).name, p.location) for p in raised.value.problems]
    assert found == [
        ("sdn.csv", "line 2"),
        ("sdn.csv", "line 4"),
        ("sdn.csv", "line 6"),
        ("alt.csv", "line 5"),
    ]
    reasons = " ".join(problem.reason for problem in raised.value.problems)
    assert "Expected 12 columns, found 4" in reasons
    assert "'70X1' is not a number" in reasons
    assert "unknown SDN_Type 'spaceship'" in reasons
    assert "'99999' is not in the primary file" in reasons


def test_a_repeated_ent_num_is_refused(fixtures: Path, tmp_path: Path) -> None:
    folder = _copy_folder(fixtures, tmp_path)
    sdn = folder / "sdn.csv"
    sdn.write_bytes(sdn.read_bytes().replace(b"9001,", b"36,"))

    with pytest.raises(ListFormatError) as raised:
        load_list("ofac-csv", folder)

    assert [p.location for p in raised.value.problems] == ["line 6"]
    assert "ent_num 36 is used by an earlier row" in raised.value.problems[0].reason


def test_an_unknown_alias_type_is_refused(fixtures: Path, tmp_path: Path) -> None:
    folder = _copy_folder(fixtures, tmp_path)
    alt = folder / "alt.csv"
    alt.write_bytes(alt.read_bytes().replace(b'"fka"', b'"xyz"'))

    with pytest.raises(ListFormatError) as raised:
        load_list("ofac-csv", folder)

    assert "Unknown alt_type 'xyz'" in raised.value.problems[0].reason


def test_sdn_2024_loads_every_entry_by_ent_num(sdn_2024: LoadedList) -> None:
    assert len(sdn_2024.entries) == 14_965
    assert sdn_2024.list_name == "ofac-sdn"
    assert all(entry.entry_id.isdigit() for entry in sdn_2024.entries)
    assert len({entry.entry_id for entry in sdn_2024.entries}) == 14_965
    counts = {kind: 0 for kind in EntityType}
    for entry in sdn_2024.entries:
        counts[entry.entity_type] += 1
    assert counts[EntityType.PERSON] == 6_854
    assert counts[EntityType.VESSEL] == 851
    assert counts[EntityType.AIRCRAFT] == 376
    assert counts[EntityType.ORGANIZATION] == 6_884


def test_sdn_2024_remarks_give_structured_facts(sdn_2024: LoadedList) -> None:
    entries = {entry.entry_id: entry for entry in sdn_2024.entries}

    person = entries["6905"]
    assert person.birth_dates == ("1971-03-12",)
    assert person.documents == (IdentityDocument("484824", "passport", "EG"),)
    assert entries["4243"].imo_numbers == ("7406784",)
    assert sum(bool(entry.documents) for entry in sdn_2024.entries) > 2_000
    assert sum(bool(entry.imo_numbers) for entry in sdn_2024.entries) > 800


def test_sdn_2021_joins_aliases_from_alt_csv(sdn_2021: LoadedList) -> None:
    entries = {entry.entry_id: entry for entry in sdn_2021.entries}

    assert len(sdn_2021.entries) == 8_890
    assert entries["306"].names[:2] == (
        ListedName("BANCO NACIONAL DE CUBA"),
        ListedName("NATIONAL BANK OF CUBA", NameKind.ALIAS),
    )
    assert ListedName("AVIA IMPORT", NameKind.ALIAS) in entries["173"].names
    alias_count = sum(
        1 for e in sdn_2021.entries for n in e.names if n.kind is not NameKind.PRIMARY
    )
    assert alias_count > 11_742  # every alt.csv row, plus the weak aliases in remarks
    assert entries["306"].extra["address_countries"] == "CH; ES; JP; PA"


def test_the_consolidated_csv_set_loads_as_ofac_consolidated(ofac_consolidated_csv: Path) -> None:
    loaded = load_list("ofac-csv", ofac_consolidated_csv)

    assert loaded.list_name == "ofac-consolidated"
    assert len(loaded.entries) == 639
