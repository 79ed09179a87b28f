"""Reasons in an officer's words: why an entry scored high.

The booster says how much each feature added to an entry's log-odds (SHAP values, from
LightGBM's ``pred_contrib``); the features that added most become sentences such as "unit
value 8× below the norm for HS 851712 from CN" or "importer QLRUBN9 had 6 of 9 past entries
found in violation". Each kind of feature has one short function producing its sentence.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pyarrow as pa

from borderops.core.risk.columns import name_words
from borderops.core.risk.features import (
    FeatureKind,
    FeatureSpec,
    FeatureState,
    recent_unit_value_norm,
    target_counts,
    unit_value_norm,
)
from borderops.core.risk.keys import FloatArray, keys
from borderops.core.risk.norms import PERIOD_MONTHS
from borderops.core.risk.types import Role

# A feature must add at least this much log-odds to be given as a reason.
MIN_CONTRIBUTION = 0.01
_DROPPED_WORDS = frozenset({"id", "code", "no"})


def display(state: FeatureState, column: str) -> str:
    """How an officer names a column: ``Importer ID`` → importer, ``HS6 Code`` → HS."""
    roles = state.typing.roles
    if column == roles.get(Role.HS_CODE):
        return "HS"
    if column == roles.get(Role.ORIGIN):
        return "origin"
    words = [w for w in name_words(column) if w not in _DROPPED_WORDS]
    return " ".join(words) or column


def number(value: float) -> str:
    """A number for reading: thousands separated, at most two decimals."""
    if not math.isfinite(value):
        return "missing"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def times(ratio: float) -> str:
    """How many times: 8×, 2.5×."""
    return f"{ratio:.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


class Explainer:
    """Writes the reasons for chosen rows of one table."""

    def __init__(self, state: FeatureState, table: pa.Table, matrix: FloatArray) -> None:
        self.state = state
        self.table = table
        self.matrix = matrix

    def key_values(self, column: str, rows: np.ndarray) -> list[str | None]:
        """The column's keys on these rows."""
        return keys(self.table.column(column).take(pa.array(rows))).to_pylist()

    def phrase(self, columns: Sequence[str], rows: np.ndarray) -> list[str]:
        """``importer QLRUBN9``, ``HS 851712 from CN``, ``seller X with HS 851712``."""
        parts = [self.key_values(column, rows) for column in columns]
        origin = self.state.typing.roles.get(Role.ORIGIN)
        result = []
        for values in zip(*parts, strict=True):
            words = []
            for index, (column, value) in enumerate(zip(columns, values, strict=True)):
                shown = "(none)" if value is None else value
                if index and column == origin:
                    words.append(f"from {shown}")
                elif index:
                    words.append(f"with {display(self.state, column)} {shown}")
                else:
                    words.append(f"{display(self.state, column)} {shown}")
            result.append(" ".join(words))
        return result

    def texts(self, column_index: int, rows: np.ndarray) -> list[str]:
        """The sentence for feature ``column_index`` on each of ``rows``."""
        spec = self.state.specs[column_index]
        writer = _WRITERS[spec.kind]
        return writer(self, spec, column_index, rows)


def _numeric(e: Explainer, spec: FeatureSpec, i: int, rows: np.ndarray) -> list[str]:
    name = display(e.state, spec.columns[0])
    return [f"{name} is {number(v)}" for v in e.matrix[rows, i]]


def _code(e: Explainer, spec: FeatureSpec, i: int, rows: np.ndarray) -> list[str]:
    name = display(e.state, spec.columns[0])
    values = e.key_values(spec.columns[0], rows)
    return [f"{name} is {'missing' if v is None else v}" for v in values]


def _target(e: Explainer, spec: FeatureSpec, i: int, rows: np.ndarray) -> list[str]:
    subset = e.table.take(pa.array(rows))
    positives, counts, _ = target_counts(e.state.target(spec.columns), subset)
    result = []
    for who, found, total in zip(e.phrase(spec.columns, rows), positives, counts, strict=True):
        if total == 0:
            result.append(f"{who}: no past entries")
        else:
            entries = "entry" if total == 1 else "entries"
            result.append(f"{who} had {found:.0f} of {total:.0f} past {entries} found in violation")
    return result


def _prior_entries(e: Explainer, spec: FeatureSpec, i: int, rows: np.ndarray) -> list[str]:
    result = []
    for who, count in zip(e.phrase(spec.columns, rows), e.matrix[rows, i], strict=True):
        if not math.isfinite(count) or count == 0:
            result.append(f"first entry of {who}")
        else:
            result.append(f"{who} has {count:.0f} earlier {'entry' if count == 1 else 'entries'}")
    return result


def _days_since(e: Explainer, spec: FeatureSpec, i: int, rows: np.ndarray) -> list[str]:
    result = []
    for who, gap in zip(e.phrase(spec.columns, rows), e.matrix[rows, i], strict=True):
        if not math.isfinite(gap):
            result.append(f"first entry of {who}")
        elif gap == 0:
            result.append(f"{who} lodged another entry within a day")
        else:
            result.append(f"{who}'s previous entry was {gap:.0f} days earlier")
    return result


def _unit_value(e: Explainer, spec: FeatureSpec, i: int, rows: np.ndarray) -> list[str]:
    return [
        "unit value missing (value or net mass not positive)"
        if not math.isfinite(v)
        else f"unit value {number(round(v, 2))} per kg"
        for v in e.matrix[rows, i]
    ]


def _unit_value_norm(e: Explainer, spec: FeatureSpec, i: int, rows: np.ndarray) -> list[str]:
    subset = e.table.take(pa.array(rows))
    return _against_norm(e, spec, rows, unit_value_norm(e.state, subset)[0], "the norm")


def _unit_value_recent(e: Explainer, spec: FeatureSpec, i: int, rows: np.ndarray) -> list[str]:
    subset = e.table.take(pa.array(rows))
    norm = recent_unit_value_norm(e.state, subset)[0]
    return _against_norm(e, spec, rows, norm, f"the {PERIOD_MONTHS} months' norm")


def _against_norm(
    e: Explainer, spec: FeatureSpec, rows: np.ndarray, median: FloatArray, what: str
) -> list[str]:
    hs, origin = spec.columns[2:]
    where = e.phrase([c for c in (hs, origin) if c], rows)
    logs = np.log(e.matrix[rows, e.state.names.index("unit value")])
    result = []
    for place, mine, norm in zip(where, logs, median, strict=True):
        if not math.isfinite(mine):
            result.append("unit value missing (value or net mass not positive)")
        elif not math.isfinite(norm):
            result.append(f"no unit-value norm for {place}: too few past entries")
        else:
            ratio = math.exp(mine - norm)
            if 0.8 <= ratio <= 1.25:
                result.append(f"unit value close to {what} for {place}")
            elif ratio < 1:
                result.append(f"unit value {times(1 / ratio)} below {what} for {place}")
            else:
                result.append(f"unit value {times(ratio)} above {what} for {place}")
    return result


def _rule_score(e: Explainer, spec: FeatureSpec, i: int, rows: np.ndarray) -> list[str]:
    return [f"targeting rules scored {v:.0f}" for v in e.matrix[rows, i]]


def _rule(e: Explainer, spec: FeatureSpec, i: int, rows: np.ndarray) -> list[str]:
    ruleset = e.state.ruleset()
    rule = ruleset.rule(spec.columns[0])
    return [
        f"rule {rule.id} fired: {rule.title}" if fired else f"rule {rule.id} did not fire"
        for fired in e.matrix[rows, i]
    ]


def _rule_feature(e: Explainer, spec: FeatureSpec, i: int, rows: np.ndarray) -> list[str]:
    name = spec.name.replace("_", " ")
    return [f"{name} is {number(round(v, 2))}" for v in e.matrix[rows, i]]


_WRITERS: dict[FeatureKind, Callable[[Explainer, FeatureSpec, int, np.ndarray], list[str]]] = {
    FeatureKind.NUMERIC: _numeric,
    FeatureKind.CODE: _code,
    FeatureKind.TARGET: _target,
    FeatureKind.PRIOR_ENTRIES: _prior_entries,
    FeatureKind.DAYS_SINCE: _days_since,
    FeatureKind.UNIT_VALUE: _unit_value,
    FeatureKind.UNIT_VALUE_RATIO: _unit_value_norm,
    FeatureKind.UNIT_VALUE_Z: _unit_value_norm,
    FeatureKind.UNIT_VALUE_PERIOD: _unit_value_recent,
    FeatureKind.RULE_SCORE: _rule_score,
    FeatureKind.RULE: _rule,
    FeatureKind.RULE_FEATURE: _rule_feature,
}
