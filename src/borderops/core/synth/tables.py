"""Column-oriented table building: one list per column, no object per row."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from borderops.core.synth.schema import SCHEMAS


class TableBuilder:
    """The columns of one output table, appended to row by row and converted once to Arrow."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.schema = SCHEMAS[name]
        self.columns: dict[str, list[Any]] = {column: [] for column in self.schema.names}
        self._lists = list(self.columns.values())

    def __len__(self) -> int:
        return len(self._lists[0])

    def add(self, *values: Any) -> int:
        """Append one row, its values in schema order; returns its index."""
        for column, value in zip(self._lists, values, strict=True):
            column.append(value)
        return len(self._lists[0]) - 1

    def to_table(self) -> pa.Table:
        """The table in Arrow form, with the schema's exact column names and types."""
        return pa.table(self.columns, schema=self.schema)


def identifier(prefix: str, index: int, count: int) -> str:
    """The id of row ``index`` (0-based) among ``count``: prefix and a zero-padded number."""
    return f"{prefix}{index + 1:0{max(6, len(str(count)))}d}"
