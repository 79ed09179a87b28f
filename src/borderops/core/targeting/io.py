"""Reading entries from CSV or Parquet, and writing scored entries without partial files.

Entries carry the canonical columns (``id, mode, port, arrival_date, hs_code, description,
value, currency, gross_kg, net_kg, quantity, origin, export_country, route, shipper,
consignee, declarant, conveyance, containers``); any further columns are kept and rules may
use them. Output is written to a temporary file in the target's folder and renamed into
place, so a failure never leaves a half-written file where a reader would look.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from borderops.core.synth.schema import SCHEMAS
from borderops.core.targeting.features import ENTRY_COLUMNS

ENTRY_SCHEMA: pa.Schema = SCHEMAS["shipments"]
FORMATS = (".csv", ".parquet")


class EntryFileError(ValueError):
    """An entries file that cannot be read as entries, and why."""


def file_format(path: Path) -> str:
    """``csv`` or ``parquet`` from the file's extension, or an error saying which are known."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise EntryFileError(f"{path}: use a .csv or .parquet file, not {suffix or 'no extension'}")
    return suffix[1:]


def entry_columns(path: Path) -> list[str]:
    """The column names of an entries file, read from its header or schema alone."""
    path = Path(path)
    fmt = file_format(path)
    if not path.is_file():
        raise EntryFileError(f"{path}: no such file")
    try:
        if fmt == "parquet":
            return list(pq.read_schema(path).names)
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return next(csv.reader(stream), [])
    except (OSError, pa.ArrowException, UnicodeDecodeError) as error:
        raise EntryFileError(f"{path}: cannot be read: {error}") from None


def read_entries(path: Path) -> pa.Table:
    """Entries with the canonical columns in their canonical types, extra columns kept."""
    path = Path(path)
    columns = entry_columns(path)
    missing = [column for column in ENTRY_COLUMNS if column not in columns]
    if missing:
        raise EntryFileError(f"{path}: missing column(s) {', '.join(missing)}")
    types = {field.name: field.type for field in ENTRY_SCHEMA}
    try:
        if file_format(path) == "parquet":
            table = pq.read_table(path)
        else:
            # Only an empty field is null: "NA" is Namibia, not a missing value.
            options = pa_csv.ConvertOptions(
                column_types=types, null_values=[""], strings_can_be_null=True
            )
            table = pa_csv.read_csv(path, convert_options=options)
        for index, name in enumerate(table.column_names):
            if name in types and table.schema.field(name).type != types[name]:
                table = table.set_column(index, name, table.column(name).cast(types[name]))
    except (OSError, pa.ArrowException) as error:
        raise EntryFileError(f"{path}: cannot be read as entries: {error}") from None
    return table


def write_table(table: pa.Table, path: Path) -> None:
    """Write ``table`` as CSV or Parquet (by extension) atomically: all of it or nothing."""
    path = Path(path)
    fmt = file_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        if fmt == "parquet":
            pq.write_table(table, temporary, compression="zstd")
        else:
            pa_csv.write_csv(table, temporary)
        umask = os.umask(0)
        os.umask(umask)
        # mkstemp makes the file private; the output should get the usual permissions.
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
