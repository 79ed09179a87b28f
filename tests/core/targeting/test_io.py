"""Entries files in and scored files out, with no partial file left on failure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pytest

from borderops.core.targeting.io import EntryFileError, read_entries, write_table

EntriesFactory = Callable[..., pa.Table]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_entries_round_trip_with_canonical_types_and_extra_columns(
    make_entries: EntriesFactory, tmp_path: Path, suffix: str
) -> None:
    entries = make_entries({"origin": "NA"}, {"containers": None}, extra={"note": pa.string()})
    path = tmp_path / f"entries{suffix}"
    write_table(entries, path)
    back = read_entries(path)
    assert back.column("arrival_date").type == pa.date32()
    assert back.column("origin").to_pylist()[0] == "NA"  # Namibia, not a missing value
    assert back.column("containers").to_pylist()[1] is None
    assert "note" in back.column_names


def test_entries_without_the_canonical_columns_are_refused(tmp_path: Path) -> None:
    pa_csv.write_csv(pa.table({"id": ["E1"], "value": [1.0]}), tmp_path / "e.csv")
    with pytest.raises(EntryFileError, match="missing column"):
        read_entries(tmp_path / "e.csv")


def test_an_unknown_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EntryFileError, match=r"\.csv or \.parquet"):
        write_table(pa.table({"id": ["E1"]}), tmp_path / "scored.xlsx")


def test_a_failed_write_leaves_no_file_behind(tmp_path: Path) -> None:
    # given something that is not a table, so writing fails half-way
    with pytest.raises(Exception):  # noqa: B017 - any failure will do
        write_table("not a table", tmp_path / "scored.parquet")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
