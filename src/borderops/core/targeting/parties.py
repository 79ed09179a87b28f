"""Party screening scores for targeting, computed once per distinct name.

Thousands of entries share a few hundred shippers and consignees, so each distinct name is
screened once with ``core.screening`` and the best score joined back to every entry.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from borderops.core.lists.types import EntityType
from borderops.core.screening import ScreeningIndex, Subject, screen

_TEXT: pa.DataType = pa.string()
_INTEGER: pa.DataType = pa.int64()
_BOOLEAN: pa.DataType = pa.bool_()
_NUMBER: pa.DataType = pa.float64()
PARTY_SCORE_SCHEMA = pa.schema(
    [
        pa.field("id", _TEXT),
        pa.field("shipper_screening_score", _NUMBER),
        pa.field("consignee_screening_score", _NUMBER),
    ]
)


def best_scores(
    index: ScreeningIndex,
    names: list[str],
    *,
    threshold: float = 0.5,
    algorithm: str = "name-v1",
    batch: int = 2000,
) -> dict[str, float]:
    """The best screening score of each name against the index (names with no hit at or
    above ``threshold`` are left out)."""
    best: dict[str, float] = {}
    for start in range(0, len(names), batch):
        chunk = names[start : start + batch]
        subjects = [
            Subject(id=str(start + i), name=name, entity_type=EntityType.ORGANIZATION)
            for i, name in enumerate(chunk)
        ]
        result = screen(index, subjects, threshold=threshold, algorithm=algorithm, limit=1)
        for hit in result.hits:
            name = chunk[int(hit.query_id) - start]
            best[name] = max(best.get(name, 0.0), hit.score)
    return best


def party_screening_scores(
    entries: pa.Table,
    index: ScreeningIndex,
    *,
    threshold: float = 0.5,
    algorithm: str = "name-v1",
) -> pa.Table:
    """``id, shipper_screening_score, consignee_screening_score`` for every entry: the best
    score of its shipper and consignee against the lists, 0 when nothing scored."""
    distinct = pc.unique(
        pa.chunked_array([*entries.column("shipper").chunks, *entries.column("consignee").chunks])
    ).drop_null()
    names = [name for name in distinct.to_pylist() if name and name.strip()]
    best = best_scores(index, names, threshold=threshold, algorithm=algorithm)
    # Dictionary lookups over the column's distinct values, not one object per entry.
    keys = pa.array(list(best), pa.string())
    values = pa.array(list(best.values()), pa.float64())

    def lookup(column: str) -> pa.ChunkedArray[Any]:
        names = entries.column(column)
        positions = pc.index_in(names, value_set=keys)
        found: pa.ChunkedArray[Any] = pc.take(values, positions)  # type: ignore[arg-type]
        scored: pa.ChunkedArray[Any] = pc.if_else(
            pc.is_null(names),
            pa.scalar(None, _NUMBER),
            pc.fill_null(found, pa.scalar(0.0, _NUMBER)),
        )
        return scored

    return pa.table(
        {
            "id": entries.column("id"),
            "shipper_screening_score": lookup("shipper"),
            "consignee_screening_score": lookup("consignee"),
        },
        schema=PARTY_SCORE_SCHEMA,
    )
