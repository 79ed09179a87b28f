"""Writing a dataset to Parquet or CSV with a manifest, and reading it back.

Files are written into a fresh directory beside the target and moved into place only when
all of them are complete, the manifest last, so a failure never leaves a half-written
dataset where a reader would look for one.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any, Literal

import faker
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from borderops.core.synth.schema import SCHEMAS
from borderops.core.synth.types import GENERATOR_VERSION, TABLE_NAMES, Progress, SynthDataset

Format = Literal["parquet", "csv"]
MANIFEST = "manifest.json"
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S"


def _csv_ready(table: pa.Table) -> pa.Table:
    # ISO 8601 with a T; Arrow would otherwise write "2025-03-03 07:15:00".
    for index, column in enumerate(table.schema):
        if pa.types.is_timestamp(column.type):
            text = pc.strftime(table.column(index), format=TIMESTAMP_FORMAT)
            table = table.set_column(index, column.name, text)
    return table


def _write_table(table: pa.Table, path: Path, fmt: Format) -> None:
    if fmt == "parquet":
        pq.write_table(table, path, compression="zstd")
    else:
        pa_csv.write_csv(_csv_ready(table), path)


def manifest(dataset: SynthDataset, fmt: Format) -> dict[str, Any]:
    """What a dataset is and how it was made, enough to make it again."""
    return {
        "generator": GENERATOR_VERSION,
        "seed": dataset.seed,
        "scale": dataset.scale,
        "violation_rate": dataset.violation_rate,
        "start": dataset.start.isoformat(),
        "days": dataset.days,
        "format": fmt,
        "row_counts": dataset.row_counts(),
        "files": {name: f"{name}.{fmt}" for name in TABLE_NAMES},
        # Output is byte-identical only with the same libraries.
        "libraries": {"faker": faker.VERSION, "pyarrow": pa.__version__},
    }


def write_dataset(
    dataset: SynthDataset,
    out_dir: Path,
    *,
    fmt: Format,
    progress: Progress | None = None,
) -> dict[str, Path]:
    """Write every table and ``manifest.json`` into ``out_dir``; returns each file's path."""
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"fmt must be 'parquet' or 'csv', not {fmt!r}")
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        # mkdtemp makes the directory private; the dataset should get the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)
        for done, name in enumerate(TABLE_NAMES):
            _write_table(dataset.tables[name], staging / f"{name}.{fmt}", fmt)
            if progress:
                progress("write", done + 1, len(TABLE_NAMES) + 1)
        text = json.dumps(manifest(dataset, fmt), indent=2, sort_keys=True) + "\n"
        (staging / MANIFEST).write_text(text, encoding="utf-8")
        written = _move_into_place(staging, out_dir, fmt)
        if progress:
            progress("write", len(TABLE_NAMES) + 1, len(TABLE_NAMES) + 1)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(staging: Path, out_dir: Path, fmt: Format) -> dict[str, Path]:
    names = [f"{name}.{fmt}" for name in TABLE_NAMES] + [MANIFEST]
    if not out_dir.exists():
        # One rename puts the whole dataset in place at once.
        os.replace(staging, out_dir)
    else:
        # Into an existing directory file by file, the old manifest first out and the new
        # one last in, so a reader never sees a manifest describing mixed files. Tables left
        # from a write in the other format go too, lest a reader pick up a stale one.
        (out_dir / MANIFEST).unlink(missing_ok=True)
        other = "csv" if fmt == "parquet" else "parquet"
        for name in TABLE_NAMES:
            (out_dir / f"{name}.{other}").unlink(missing_ok=True)
        for file_name in names:
            os.replace(staging / file_name, out_dir / file_name)
    paths = {name: out_dir / f"{name}.{fmt}" for name in TABLE_NAMES}
    paths["manifest"] = out_dir / MANIFEST
    return paths


def read_dataset(directory: Path) -> SynthDataset:
    """A dataset written by ``write_dataset``, read back with its exact column types."""
    directory = Path(directory)
    meta = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    fmt: Format = meta["format"]
    tables = {}
    for name in TABLE_NAMES:
        path = directory / meta["files"][name]
        schema = SCHEMAS[name]
        if fmt == "parquet":
            tables[name] = pq.read_table(path, schema=schema)
        else:
            tables[name] = _read_csv(path, schema)
    return SynthDataset(
        seed=meta["seed"],
        scale=meta["scale"],
        violation_rate=meta["violation_rate"],
        start=date.fromisoformat(meta["start"]),
        days=meta["days"],
        tables=tables,
    )


def _read_csv(path: Path, schema: pa.Schema) -> pa.Table:
    # Only an empty field is null: "NA" is a Korean surname, not a missing value.
    convert = pa_csv.ConvertOptions(
        column_types={field.name: field.type for field in schema},
        null_values=[""],
        strings_can_be_null=True,
        timestamp_parsers=[TIMESTAMP_FORMAT],
    )
    table = pa_csv.read_csv(path, convert_options=convert)
    return table.select(schema.names).cast(schema)
