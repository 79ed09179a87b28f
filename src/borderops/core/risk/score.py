"""Scoring entries with a risk model: a probability per entry and the reasons for it.

Everything is column-wise: features with Arrow and numpy, scores with one LightGBM call
over the whole matrix. Reasons (SHAP values from ``pred_contrib``) cost far more than the
scores — the depth of the trees squared per tree and entry — so ``explain`` lets a caller
explain only the highest-scoring share of a large batch (what officers will look at).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from borderops.core.risk.features import build_matrix
from borderops.core.risk.keys import Chunked, FloatArray, keys
from borderops.core.risk.reasons import MIN_CONTRIBUTION, Explainer
from borderops.core.risk.train import RiskModel
from borderops.core.risk.types import ModelCard, Reason, RiskError, RiskModelError

Progress = Callable[[str, int, int], None]
REASONS_SEPARATOR = "; "
# Rows explained per LightGBM call, so progress moves on large batches.
_CHUNK = 50_000


@dataclass(frozen=True, slots=True)
class RiskScores:
    """One score per entry in input order: ``scores`` are probabilities in [0, 1];
    ``margins`` the booster's log-odds (rank by these: they never tie where the calibrated
    scores round to the same value); ``reasons`` the top reasons (empty where not explained).
    """

    ids: Chunked
    scores: FloatArray
    margins: FloatArray
    reasons: list[list[Reason]]

    def to_table(self) -> pa.Table:
        """``id, score, reasons`` with the reasons joined by "; "."""
        return pa.table(
            {
                "id": self.ids,
                "score": pa.array(np.round(self.scores, 6)),
                "reasons": pa.array(
                    [REASONS_SEPARATOR.join(r.text for r in row) for row in self.reasons],
                    pa.string(),
                ),
            }
        )


def missing_columns(card: ModelCard, columns: Collection[str]) -> list[str]:
    """The columns the model reads that ``columns`` lacks."""
    present = set(columns)
    return [name for name in card.typing.required if name not in present]


def check_columns(card: ModelCard, columns: Collection[str], source: str = "the entries") -> None:
    """Refuse entries that lack a column the model was trained on, naming every one."""
    missing = missing_columns(card, columns)
    if missing:
        raise RiskModelError(
            RiskError.COLUMNS_MISMATCH,
            f"{source} lack column(s) the model was trained on: {', '.join(missing)}",
        )


def as_table(entries: Any) -> pa.Table:
    """A pyarrow table as it is; a pandas data frame converted (without its index)."""
    if isinstance(entries, pa.Table):
        return entries
    if hasattr(entries, "to_numpy") and hasattr(entries, "columns"):
        return pa.Table.from_pandas(entries, preserve_index=False)
    raise TypeError(f"entries must be a pyarrow Table or a pandas DataFrame, not {type(entries)}")


def score_entries(
    model: RiskModel,
    table: pa.Table | Any,
    *,
    reasons: int = 3,
    explain: float = 1.0,
    threads: int = 2,
    progress: Progress | None = None,
) -> RiskScores:
    """Score every entry of ``table`` (pyarrow, or pandas): probability, log-odds and up to
    ``reasons`` reasons for the highest-scoring ``explain`` share of the entries (1.0: all)."""
    report = progress or (lambda stage, done, total: None)
    table = as_table(table)
    check_columns(model.card, table.column_names)
    matrix = build_matrix(model.state, table)
    report("scoring", 0, 1)
    margins = np.asarray(
        model.booster.predict(matrix, raw_score=True, num_threads=threads), dtype=np.float64
    )
    report("scoring", 1, 1)
    ids = keys(table.column(model.card.typing.id_column))
    explained: list[list[Reason]] = [[] for _ in range(table.num_rows)]
    if reasons > 0 and explain > 0 and table.num_rows:
        count = min(table.num_rows, math.ceil(round(table.num_rows * explain, 9)))
        rows = np.argsort(-margins, kind="stable")[:count] if count < table.num_rows else None
        _explain(model, table, matrix, rows, reasons, explained, threads, report)
    scores = model.calibration.apply(margins)
    return RiskScores(ids=ids, scores=scores, margins=margins, reasons=explained)


def _explain(
    model: RiskModel,
    table: pa.Table,
    matrix: FloatArray,
    rows: np.ndarray | None,
    top: int,
    explained: list[list[Reason]],
    threads: int,
    report: Progress,
) -> None:
    chosen = np.arange(table.num_rows) if rows is None else np.sort(rows)
    explainer = Explainer(model.state, table, matrix)
    names = model.state.names
    total = len(chosen)
    for start in range(0, total, _CHUNK):
        part = chosen[start : start + _CHUNK]
        contributions = np.asarray(
            model.booster.predict(matrix[part], pred_contrib=True, num_threads=threads)
        )[:, :-1]  # the last column is the expected value, not a feature
        best = np.argsort(-contributions, axis=1, kind="stable")[:, :top]
        for column in np.unique(best):
            hit_rows = np.nonzero(best == column)[0]
            strength = contributions[hit_rows, column]
            keep = strength >= MIN_CONTRIBUTION
            hit_rows, strength = hit_rows[keep], strength[keep]
            if not len(hit_rows):
                continue
            texts = explainer.texts(int(column), part[hit_rows])
            for row, weight, text in zip(part[hit_rows], strength, texts, strict=True):
                explained[row].append(Reason(names[column], float(weight), text))
        report("explaining", min(start + _CHUNK, total), total)
    for row in chosen:
        found = explained[row]
        if len(found) > 1:
            found.sort(key=lambda reason: -reason.contribution)
            unique: dict[str, Reason] = {}
            for reason in found:
                unique.setdefault(reason.text, reason)
            explained[row] = list(unique.values())
