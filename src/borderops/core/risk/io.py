"""Reading declaration tables from CSV or Parquet for training and scoring.

Codes are read as text whenever their column's name says they are codes (``HS6 Code``,
``Importer ID``) so leading zeros survive (HS 080390 is not 80390); when scoring, every
column is read as the type the model was trained on. Only an empty field is missing: "NA"
is Namibia.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from borderops.core.risk.columns import CODE_WORDS, PARTY_WORDS, name_words
from borderops.core.risk.types import ColumnKind, ColumnTyping, RiskError, RiskModelError


def header(path: Path) -> list[str]:
    """The column names of a CSV or Parquet file, read from its header or schema alone."""
    path = Path(path)
    if not path.is_file():
        raise RiskModelError(RiskError.UNREADABLE, f"{path}: no such file")
    try:
        if path.suffix.lower() == ".parquet":
            return list(pq.read_schema(path).names)
        with path.open(encoding="utf-8-sig", newline="") as stream:
            names = next(csv.reader(stream), [])
    except (OSError, UnicodeDecodeError, pa.ArrowException) as error:
        raise RiskModelError(RiskError.UNREADABLE, f"{path}: cannot be read: {error}") from None
    if not names:
        raise RiskModelError(RiskError.EMPTY, f"{path}: the file is empty (no header, no rows)")
    return names


def read_table(path: Path, column_types: Mapping[str, pa.DataType] | None = None) -> pa.Table:
    """One file as a table; ``column_types`` fixes the types of the columns it names."""
    path = Path(path)
    names = header(path)
    types = {name: kind for name, kind in (column_types or {}).items() if name in names}
    try:
        if path.suffix.lower() == ".parquet":
            table = pq.read_table(path)
            for name, kind in types.items():
                index = table.column_names.index(name)
                table = table.set_column(index, name, table.column(name).cast(kind))
        else:
            options = pa_csv.ConvertOptions(
                column_types=types, null_values=[""], strings_can_be_null=True
            )
            table = pa_csv.read_csv(path, convert_options=options)
    except (OSError, pa.ArrowException) as error:
        message = str(error).splitlines()[0]
        raise RiskModelError(RiskError.UNREADABLE, f"{path}: cannot be read: {message}") from None
    if table.num_rows == 0:
        raise RiskModelError(RiskError.EMPTY, f"{path}: no entries, only a header")
    return table


def read_training(
    paths: Sequence[Path],
    *,
    id_column: str,
    categorical: Collection[str] = (),
    numeric: Collection[str] = (),
) -> pa.Table:
    """Several files of the same declarations as one table (types reconciled between them);
    code-named columns, the id and ``categorical`` read as text, ``numeric`` as numbers."""
    tables = []
    for path in paths:
        names = header(path)
        text = {
            name
            for name in names
            if name == id_column
            or name in categorical
            or (set(name_words(name)) & (CODE_WORDS | PARTY_WORDS) and name not in numeric)
        }
        types: dict[str, pa.DataType] = {name: pa.string() for name in text}
        types.update({name: pa.float64() for name in numeric if name in names})
        tables.append(read_table(path, types))
    try:
        return pa.concat_tables(tables, promote_options="permissive")
    except pa.ArrowException as error:
        raise RiskModelError(
            RiskError.UNREADABLE, f"the input files do not have matching columns: {error}"
        ) from None


def model_types(typing: ColumnTyping) -> dict[str, pa.DataType]:
    """The types to read a model's columns as: codes as text, measures as numbers."""
    types: dict[str, pa.DataType] = {typing.id_column: pa.string()}
    for name, kind in typing.kinds.items():
        if kind is ColumnKind.CATEGORICAL:
            types[name] = pa.string()
        elif kind is ColumnKind.NUMERIC:
            types[name] = pa.float64()
    return types
