"""Column values as lookup keys, and vectorised lookups of keys in a fitted table.

Codes arrive as text from one file and as integers from another (``440890`` read from a CSV
with or without type inference); both become the same text key, so a model trained on one
scores the other. Lookups go through Arrow's hash kernels, never a Python loop per row.
"""

from __future__ import annotations

from typing import Any, TypeAlias, cast

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

# Joins the parts of a pair key (importer × HS code); a control character no code contains.
PAIR_SEPARATOR = "\x1f"
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
# pyarrow-stubs makes arrays generic in their scalar type; these name "any column".
Chunked: TypeAlias = "pa.ChunkedArray[Any]"
Values: TypeAlias = "pa.Array[Any]"
Column: TypeAlias = "pa.ChunkedArray[Any] | pa.Array[Any]"
# The stubs' overloads of several kernels reject valid calls; the untyped module is used there.
_pc: Any = pc


def keys(column: Column) -> Chunked:
    """The column as text keys: whole-number floats as integers, nulls kept as nulls."""
    if isinstance(column, pa.Array):
        column = pa.chunked_array([column], type=column.type)
    kind = column.type
    if pa.types.is_dictionary(kind):
        column = column.cast(kind.value_type)
        kind = column.type
    if pa.types.is_floating(kind):
        whole = pc.equal(pc.floor(column), column)
        if pc.all(pc.or_kleene(whole, pc.is_null(column))).as_py() is not False:
            column = pc.cast(column, pa.int64())
    if pa.types.is_string(column.type):
        return column
    return pc.cast(column, pa.string())


def pair_keys(first: Chunked, second: Chunked) -> Chunked:
    """The keys of two columns joined into one (null when either is null)."""
    return cast(Chunked, _pc.binary_join_element_wise(first, second, PAIR_SEPARATOR))


def lookup(values: Chunked, table_keys: Values) -> IntArray:
    """The position of each value in ``table_keys``, -1 when absent or null."""
    found = _pc.index_in(values, value_set=table_keys)
    return np.asarray(_pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)


def encode(values: Chunked) -> tuple[IntArray, Values]:
    """Each value's index in the distinct values (-1 for null), and the distinct values."""
    encoded: Any = _pc.dictionary_encode(values).combine_chunks()
    indices = _pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
    return np.asarray(indices, dtype=np.int64), cast(Values, encoded.dictionary)


def numbers(column: Column) -> FloatArray:
    """The column as float64 with NaN for nulls (true/false as 1/0)."""
    if pa.types.is_boolean(column.type) or not pa.types.is_floating(column.type):
        column = pc.cast(column, pa.float64())
    filled: Any = _pc.fill_null(column, np.nan)
    if isinstance(filled, pa.ChunkedArray):
        filled = filled.combine_chunks()
    return np.asarray(filled.to_numpy(zero_copy_only=False), dtype=np.float64)


def days(column: Column) -> FloatArray:
    """Dates (or ISO date text, or timestamps) as days since 1970-01-01, NaN when missing."""
    kind = column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        column = pc.cast(pc.strptime(column, format="%Y-%m-%d", unit="s"), pa.date32())
    elif pa.types.is_timestamp(kind):
        column = pc.cast(column, pa.date32())
    as_int = pc.cast(column, pa.int32()) if pa.types.is_date32(column.type) else None
    if as_int is None:
        as_int = pc.cast(pc.cast(column, pa.date32()), pa.int32())
    return numbers(as_int)
