"""One door into every format: ``load_list`` dispatches, and refuses what it cannot read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from borderops.core.lists import ListFormat, ListFormatError, LoadedList, list_format, load_list

SAMPLES = [
    (ListFormat.OFAC_CSV, "ofac_csv", 6),
    (ListFormat.OFAC_XML, "sdn_small.xml", 3),
    (ListFormat.UN_XML, "un_small.xml", 3),
    (ListFormat.FTM, "sanctions.ftm.json", 6),
]


@pytest.mark.parametrize(("fmt", "name", "count"), SAMPLES)
def test_load_list_dispatches_on_the_format(
    fixtures: Path, fmt: ListFormat, name: str, count: int
) -> None:
    by_enum = load_list(fmt, fixtures / name)
    by_name = load_list(fmt.value, fixtures / name)

    assert isinstance(by_enum, LoadedList)
    assert by_enum.format is fmt
    assert len(by_enum.entries) == count
    assert by_name == by_enum
    assert by_enum.source == str(fixtures / name)


def test_an_unknown_format_is_a_value_error_naming_the_known_formats() -> None:
    with pytest.raises(ValueError, match="known formats: ofac-csv, ofac-xml, un-xml, ftm, csv"):
        load_list("sdn-pdf", Path("sdn.pdf"))


def test_format_names_are_forgiving_about_case_and_spaces() -> None:
    assert list_format(" OFAC-XML ") is ListFormat.OFAC_XML


@pytest.mark.parametrize(
    "fmt", [ListFormat.OFAC_XML, ListFormat.UN_XML, ListFormat.FTM, ListFormat.CSV]
)
def test_a_missing_file_is_refused_with_a_clear_problem(tmp_path: Path, fmt: ListFormat) -> None:
    missing = tmp_path / "nowhere.dat"

    with pytest.raises(ListFormatError) as raised:
        load_list(fmt, missing)

    (problem,) = raised.value.problems
    assert (problem.path, problem.location) == (str(missing), "path")
    assert "No such file" in problem.reason


@pytest.mark.parametrize(
    "fmt", [ListFormat.OFAC_XML, ListFormat.UN_XML, ListFormat.FTM, ListFormat.CSV]
)
def test_a_folder_given_for_a_file_format_is_refused(tmp_path: Path, fmt: ListFormat) -> None:
    with pytest.raises(ListFormatError) as raised:
        load_list(fmt, tmp_path)

    assert "This is a folder" in raised.value.problems[0].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_refused(fixtures: Path, tmp_path: Path) -> None:
    locked = tmp_path / "un.xml"
    locked.write_bytes((fixtures / "un_small.xml").read_bytes())
    locked.chmod(0)

    with pytest.raises(ListFormatError) as raised:
        load_list("un-xml", locked)

    assert "cannot be read" in raised.value.problems[0].reason


def test_the_error_message_lists_the_problems_with_file_and_place(tmp_path: Path) -> None:
    path = tmp_path / "entities.json"
    path.write_text("{bad\n{worse\n")

    with pytest.raises(ListFormatError) as raised:
        load_list("ftm", path)

    message = str(raised.value)
    assert message.startswith("2 problem(s) in the list file:")
    assert f"{path}: line 1: Not JSON" in message
    assert f"{path}: line 2: Not JSON" in message
