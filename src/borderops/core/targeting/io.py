"""Reading entries from CSV, Parquet or UN/EDIFACT CUSCAR, and writing scored entries without
partial files.

A CUSCAR file (``.edi`` or ``.cuscar``) gives one entry per consignment (see
``core.formats.cuscar``); a cargo report whose control counts disagree is still read, with
the disagreement kept in the table's metadata (``borderops.warning``). Entries carry the
canonical columns (``id, mode, port, arrival_date, hs_code, description,
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
CUSCAR_SUFFIXES = (".edi", ".cuscar")
WARNING_KEY = b"borderops.warning"


class EntryFileError(ValueError):
    """An entries file that cannot be read as entries, and why."""


def file_format(path: Path) -> str:
    """``csv`` or ``parquet`` from the file's extension, or an error saying which are known
    (the formats scored entries are written in)."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise EntryFileError(f"{path}: use a .csv or .parquet file, not {suffix or 'no extension'}")
    return suffix[1:]


def entry_file_format(path: Path) -> str:
    """``csv``, ``parquet`` or ``cuscar`` (``.edi``, ``.cuscar``): the formats entries are
    read from."""
    if Path(path).suffix.lower() in CUSCAR_SUFFIXES:
        return "cuscar"
    try:
        return file_format(Path(path))
    except EntryFileError:
        suffix = Path(path).suffix.lower()
        raise EntryFileError(
            f"{path}: use a .csv, .parquet or CUSCAR .edi file, not {suffix or 'no extension'}"
        ) from None


def entry_columns(path: Path) -> list[str]:
    """The column names of an entries file, read from its header or schema alone."""
    path = Path(path)
    fmt = entry_file_format(path)
    if not path.is_file():
        raise EntryFileError(f"{path}: no such file")
    if fmt == "cuscar":
        return list(ENTRY_COLUMNS)
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
    if entry_file_format(path) == "cuscar":
        return _read_cuscar(path)
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


def _read_cuscar(path: Path) -> pa.Table:
    from borderops.core.formats.cuscar import parse_cuscar
    from borderops.core.formats.edifact import read_tolerantly
    from borderops.core.formats.types import EdifactError

    try:
        raw = path.read_bytes()
    except OSError as error:
        raise EntryFileError(f"{path}: cannot be read: {error}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # UNOC/UNOB interchanges are ISO 8859-1
    try:
        entries, warning = read_tolerantly(parse_cuscar, text)
    except EdifactError as error:
        raise EntryFileError(
            f"{path}: not a CUSCAR cargo report this reader accepts: {error}"
        ) from None
    rows = [{name: getattr(entry, name) for name in ENTRY_COLUMNS} for entry in entries]
    table = pa.Table.from_pylist(rows, schema=ENTRY_SCHEMA)
    if warning is not None:
        table = table.replace_schema_metadata({WARNING_KEY: str(warning).encode()})
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
            # The header is written by hand and the body quoted only where needed, so the
            # file starts with the contract's plain `id,score,channel,random,fired`.
            with open(temporary, "wb") as stream:
                stream.write((",".join(table.column_names) + "\n").encode())
                pa_csv.write_csv(
                    table,
                    stream,
                    write_options=pa_csv.WriteOptions(include_header=False, quoting_style="needed"),
                )
        umask = os.umask(0)
        os.umask(umask)
        # mkstemp makes the file private; the output should get the usual permissions.
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
