"""Importing watchlists as versions, and comparing versions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from borderops.core.lists.types import ListFormatError
from borderops.lookouts.models import ListVersion
from borderops.lookouts.services import diff_versions, entries_of, import_list


def test_an_import_becomes_version_one_with_every_entry(imported: Any) -> None:
    assert imported.number == 1
    assert imported.entry_count == 3
    ids = {entry.entry_id for entry in entries_of(imported)}
    assert ids == {"L1", "L2", "L3"}


def test_importing_the_same_content_again_makes_no_new_version(
    imported: Any, lookout_file: Path
) -> None:
    again = import_list(fmt="csv", path=lookout_file, list_name="lookouts")
    assert not again.created
    assert ListVersion.objects.count() == 1


def test_a_changed_file_becomes_the_next_version_and_the_diff_says_what_changed(
    imported: Any, tmp_path: Path, lookout_rows: list[str], write_lookout_list: Any
) -> None:
    ROWS, write_lookouts = lookout_rows, write_lookout_list
    folder = tmp_path / "next"
    folder.mkdir()
    changed = ROWS[0].replace("1971-04-12", "1971-04-21")
    new_row = "L4,vehicles_of_interest,vehicle,Silver pickup,,,,,ABC1234,,,,\n".replace(
        ",,,,\n", ",,,\n"
    )
    path = write_lookouts(folder, [changed, ROWS[1], new_row])
    second = import_list(fmt="csv", path=path, list_name="lookouts").version
    assert second.number == 2
    difference = diff_versions(old=imported, new=second)
    assert list(difference.added) == ["L4"]
    assert list(difference.removed) == ["L3"]
    assert [entry_id for entry_id, _ in difference.changed_items] == ["L1"]


def test_a_malformed_file_leaves_the_version_in_force(
    imported: Any, tmp_path: Path, lookout_rows: list[str], write_lookout_list: Any
) -> None:
    ROWS, write_lookouts = lookout_rows, write_lookout_list
    folder = tmp_path / "bad"
    folder.mkdir()
    path = write_lookouts(folder, [*ROWS, "L9,wanted_persons,spaceship,Someone,,,,,,,,\n"])
    with pytest.raises(ListFormatError) as error:
        import_list(fmt="csv", path=path, list_name="lookouts")
    assert "line 5" in str(error.value)
    assert ListVersion.objects.count() == 1
