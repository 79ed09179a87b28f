"""Entries files in and scored files out, with no partial file left on failure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pytest

from borderops.core.targeting.features import ENTRY_COLUMNS
from borderops.core.targeting.io import WARNING_KEY, EntryFileError, read_entries, write_table

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


CUSCAR = Path(__file__).parents[1] / "formats" / "fixtures" / "cuscar_two_bills.edi"


@pytest.mark.parametrize("suffix", [".edi", ".cuscar"])
def test_a_cuscar_cargo_report_is_read_as_entries(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"manifest{suffix}"
    path.write_bytes(CUSCAR.read_bytes())
    entries = read_entries(path)
    assert entries.schema.names[:19] == list(ENTRY_COLUMNS)
    assert entries.column("id").to_pylist() == ["MEDU1234567", "MEDU7654321"]
    assert entries.column("quantity").type == pa.int64()


def test_a_cuscar_report_with_wrong_control_counts_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "manifest.edi"
    path.write_text(CUSCAR.read_text().replace("UNT+38+M1", "UNT+40+M1"))
    entries = read_entries(path)
    assert entries.num_rows == 2
    assert b"UNT counts" in (entries.schema.metadata or {})[WARNING_KEY]


def test_a_broken_cuscar_report_is_refused_with_the_segment(tmp_path: Path) -> None:
    path = tmp_path / "manifest.edi"
    path.write_text(CUSCAR.read_text().replace("GID+1+800:CT", "GID+1+8X0:CT"))
    with pytest.raises(EntryFileError, match=r"segment \d+ \(GID\)"):
        read_entries(path)
