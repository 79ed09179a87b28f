"""Writing datasets: both formats round-trip, CSV is plain, and a failed write leaves nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from borderops.core.synth import (
    GENERATOR_VERSION,
    TABLE_NAMES,
    SynthDataset,
    read_dataset,
    write_dataset,
)
from borderops.core.synth import writer as writer_module


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_a_written_dataset_reads_back_unchanged(
    tiny: SynthDataset, tmp_path: Path, fmt: str
) -> None:
    # given a dataset written in either format
    write_dataset(tiny, tmp_path / "out", fmt=fmt)  # type: ignore[arg-type]
    # when it is read back
    back = read_dataset(tmp_path / "out")
    # then every table has the same schema and values
    for name in TABLE_NAMES:
        assert back.tables[name].equals(tiny.tables[name]), name
    assert (back.seed, back.scale, back.start, back.days) == (
        tiny.seed,
        tiny.scale,
        tiny.start,
        tiny.days,
    )


def test_write_returns_a_path_for_every_table_and_the_manifest(
    tiny: SynthDataset, tmp_path: Path
) -> None:
    paths = write_dataset(tiny, tmp_path / "out", fmt="parquet")
    assert set(paths) == {*TABLE_NAMES, "manifest"}
    assert paths["crossings"] == tmp_path / "out" / "crossings.parquet"
    assert all(path.is_file() for path in paths.values())


def test_the_manifest_says_how_the_dataset_was_made(tiny: SynthDataset, tmp_path: Path) -> None:
    paths = write_dataset(tiny, tmp_path / "out", fmt="csv")
    manifest = json.loads(paths["manifest"].read_text(encoding="utf-8"))
    assert manifest["generator"] == GENERATOR_VERSION
    assert (manifest["seed"], manifest["scale"], manifest["violation_rate"]) == (
        tiny.seed,
        tiny.scale,
        tiny.violation_rate,
    )
    assert manifest["row_counts"] == tiny.row_counts()


def test_csv_has_a_header_iso_dates_and_empty_fields_for_nulls(
    tiny: SynthDataset, tmp_path: Path
) -> None:
    # given a dataset written as CSV
    paths = write_dataset(tiny, tmp_path / "out", fmt="csv")
    with paths["crossings"].open(newline="", encoding="utf-8") as handle:
        crossings = list(csv.DictReader(handle))
    # then the header names the columns, timestamps are ISO 8601 and nulls are empty
    assert list(crossings[0]) == tiny.tables["crossings"].schema.names
    assert all("T" in row["crossed_at"] and len(row["crossed_at"]) == 19 for row in crossings)
    assert any(row["vehicle_id"] == "" for row in crossings)
    with paths["documents"].open(newline="", encoding="utf-8") as handle:
        document = next(csv.DictReader(handle))
    assert len(document["issue_date"]) == 10 and document["issue_date"][4] == "-"
    assert document["mrz"].count("\n") in (1, 2)


def test_a_failed_write_leaves_no_dataset_and_no_debris(
    tiny: SynthDataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a disk that fails on the fourth table
    real = writer_module._write_table
    calls = {"n": 0}

    def failing(table: pa.Table, path: Path, fmt: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError("disk full")
        real(table, path, fmt)

    monkeypatch.setattr(writer_module, "_write_table", failing)
    # when a dataset is written
    with pytest.raises(OSError, match="disk full"):
        write_dataset(tiny, tmp_path / "out", fmt="parquet")
    # then neither the target nor a staging directory remains
    assert list(tmp_path.iterdir()) == []


def test_rewriting_into_an_existing_directory_replaces_its_files(
    tiny: SynthDataset, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    write_dataset(tiny, out, fmt="csv")
    (out / "notes.txt").write_text("kept", encoding="utf-8")
    write_dataset(tiny, out, fmt="parquet")
    assert (out / "notes.txt").read_text(encoding="utf-8") == "kept"
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["format"] == "parquet"
    assert read_dataset(out).tables["truth"].equals(tiny.tables["truth"])
    assert not list(out.glob("*.csv"))


def test_writing_reports_progress(tiny: SynthDataset, tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    write_dataset(tiny, tmp_path / "out", fmt="parquet", progress=lambda *a: seen.append(a))
    assert seen[-1] == ("write", len(TABLE_NAMES) + 1, len(TABLE_NAMES) + 1)


def test_an_unknown_format_is_refused(tiny: SynthDataset, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="fmt must be"):
        write_dataset(tiny, tmp_path / "out", fmt="xlsx")  # type: ignore[arg-type]
