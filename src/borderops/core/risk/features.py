"""The features a risk model learns from, fitted on labelled history and applied to entries.

What customs data rewards, and what each feature means to an officer:

- the declared columns themselves: measures as numbers, codes with few values as categories;
- the **unit value** (declared value per kilogram of net mass) and how far it lies from the
  norm (median) of the same HS code and origin over the model's training period, and from
  the norm of its period (the three months before the entry), since prices move;
- **target statistics**: how often entries of the same importer, declarant, seller, HS code,
  origin… and of pairs such as importer × HS code or seller × origin were found in violation,
  as a mean smoothed towards the overall rate so a party with two entries is not judged by
  them alone. For training entries they are computed **out of fold**: the training period is
  cut into consecutive time blocks and an entry's statistics come from the other blocks
  only, so no entry ever sees its own label, nor those of entries lodged with it;
- **recency and frequency** of each party: how many earlier entries it lodged, and how many
  days since its previous one (history, then earlier entries of the same batch);
- optionally the rule engine's features and fired rules, when a rule set is given.

``fit_state`` learns every table these need from labelled history; ``build_matrix`` turns
entries into the numeric matrix the booster reads, column-wise with Arrow and numpy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from borderops.core.risk.keys import (
    Chunked,
    FloatArray,
    IntArray,
    Values,
    days,
    encode,
    keys,
    lookup,
    numbers,
    pair_keys,
)
from borderops.core.risk.norms import (
    Norms,
    PeriodNorms,
    fit_norms,
    fit_period_norms,
    log_unit_value,
    norm_of,
    period_norm_of,
)
from borderops.core.risk.rule_inputs import RULE_DERIVED, rule_features
from borderops.core.risk.types import ColumnKind, ColumnTyping, Role

_pc: Any = pc  # the stubs reject valid calls of some kernels

# Pseudo-entries at the overall rate added to every party's record: with 20, a party with 5
# entries all in violation gets about 0.37 on a 0.2 base rate, one with 50 about 0.86.
SMOOTHING = 20.0
# Consecutive time blocks for the out-of-fold statistics.
FOLDS = 5
# Codes with at most this many values are also given to the trees as categories.
DIRECT_MAX = 64


class FeatureKind(StrEnum):
    """What a model input is, which decides how its reason is worded."""

    NUMERIC = "numeric"
    CODE = "code"
    TARGET = "target"
    PRIOR_ENTRIES = "prior_entries"
    DAYS_SINCE = "days_since"
    UNIT_VALUE = "unit_value"
    UNIT_VALUE_RATIO = "unit_value_ratio"
    UNIT_VALUE_Z = "unit_value_z"
    UNIT_VALUE_PERIOD = "unit_value_period"
    RULE_SCORE = "rule_score"
    RULE = "rule"
    RULE_FEATURE = "rule_feature"


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """One model input: its name (as listed in the model card), kind and source columns."""

    name: str
    kind: FeatureKind
    columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KeyStats:
    """Per key (a column's value, or a pair of values): entries and entries in violation."""

    columns: tuple[str, ...]
    keys: Values
    positives: IntArray
    counts: IntArray


@dataclass(frozen=True, slots=True)
class PartyHistory:
    """Per party: entries lodged in history and the day of the last one (NaN without dates)."""

    column: str
    keys: Values
    counts: IntArray
    last_day: FloatArray


@dataclass(frozen=True, slots=True)
class FeatureState:
    """Everything learned from history that turns entries into model inputs."""

    typing: ColumnTyping
    prior: float
    specs: tuple[FeatureSpec, ...]
    vocabularies: dict[str, Values]
    targets: tuple[KeyStats, ...]
    parties: tuple[PartyHistory, ...]
    norms: Norms | None
    ruleset_text: str | None = None
    period_norms: PeriodNorms | None = None
    rule_ids: tuple[str, ...] = ()
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def names(self) -> list[str]:
        """The feature names in matrix column order."""
        return [spec.name for spec in self.specs]

    def categorical_indices(self) -> list[int]:
        """The matrix columns the booster must treat as categories."""
        return [i for i, spec in enumerate(self.specs) if spec.kind is FeatureKind.CODE]

    def target(self, columns: tuple[str, ...]) -> KeyStats:
        """The statistics kept for these columns."""
        for stats in self.targets:
            if stats.columns == columns:
                return stats
        raise KeyError(columns)

    def ruleset(self) -> Any:
        """The rule set whose rules are features (parsed once), or None."""
        if self.ruleset_text is None:
            return None
        if "ruleset" not in self._cache:
            from borderops.core.targeting.rulesets import parse_ruleset

            self._cache["ruleset"] = parse_ruleset(self.ruleset_text, source="model rule set")
        return self._cache["ruleset"]


def target_key_sets(typing: ColumnTyping, distinct: dict[str, int]) -> list[tuple[str, ...]]:
    """The columns and pairs whose violation rates are features: parties, HS code, origin,
    port, every code with too many values to be a category, and each party with the HS code
    and with the origin, and HS code with origin."""
    hs, origin = typing.roles.get(Role.HS_CODE), typing.roles.get(Role.ORIGIN)
    port = typing.roles.get(Role.PORT)
    singles: list[tuple[str, ...]] = []
    for name in typing.of(ColumnKind.CATEGORICAL):
        wanted = name in typing.parties or name in (hs, origin, port)
        if wanted or distinct.get(name, 0) > DIRECT_MAX:
            singles.append((name,))
    pairs: list[tuple[str, ...]] = []
    for party in typing.parties:
        pairs += [(party, other) for other in (hs, origin) if other is not None]
    if hs is not None and origin is not None:
        pairs.append((hs, origin))
    return singles + pairs


def _label(columns: tuple[str, ...]) -> str:
    return " × ".join(columns)


def _specs(
    typing: ColumnTyping,
    vocabularies: dict[str, Values],
    targets: list[tuple[str, ...]],
    rule_ids: tuple[str, ...],
    with_rules: bool,
) -> tuple[FeatureSpec, ...]:
    specs = [FeatureSpec(n, FeatureKind.NUMERIC, (n,)) for n in typing.of(ColumnKind.NUMERIC)]
    specs += [FeatureSpec(f"{n} (code)", FeatureKind.CODE, (n,)) for n in vocabularies]
    specs += [FeatureSpec(f"violation rate: {_label(c)}", FeatureKind.TARGET, c) for c in targets]
    for party in typing.parties:
        specs.append(FeatureSpec(f"earlier entries: {party}", FeatureKind.PRIOR_ENTRIES, (party,)))
        if typing.date_column is not None:
            specs.append(FeatureSpec(f"days since last: {party}", FeatureKind.DAYS_SINCE, (party,)))
    value, mass = typing.roles.get(Role.VALUE), typing.roles.get(Role.MASS)
    if value is not None and mass is not None:
        unit = (value, mass, typing.roles.get(Role.HS_CODE, ""), typing.roles.get(Role.ORIGIN, ""))
        specs.append(FeatureSpec("unit value", FeatureKind.UNIT_VALUE, unit))
        if typing.roles.get(Role.HS_CODE):
            specs.append(FeatureSpec("unit value vs norm", FeatureKind.UNIT_VALUE_RATIO, unit))
            specs.append(FeatureSpec("unit value z", FeatureKind.UNIT_VALUE_Z, unit))
            if typing.date_column is not None:
                specs.append(
                    FeatureSpec("unit value vs recent norm", FeatureKind.UNIT_VALUE_PERIOD, unit)
                )
    if with_rules:
        specs.append(FeatureSpec("rule score", FeatureKind.RULE_SCORE, ()))
        specs += [FeatureSpec(f"rule {r}", FeatureKind.RULE, (r,)) for r in rule_ids]
        specs += [FeatureSpec(n, FeatureKind.RULE_FEATURE, (n,)) for n in RULE_DERIVED]
    return tuple(specs)


def fit_state(
    table: pa.Table,
    labels: FloatArray,
    typing: ColumnTyping,
    *,
    ruleset_text: str | None = None,
    layout: FeatureState | None = None,
) -> FeatureState:
    """Learn every statistics table from labelled history (``labels`` 0/1 per row).

    ``layout`` keeps the feature list of an earlier state (same vocabularies and key sets),
    so statistics refreshed from more history fit a booster trained on the earlier ones.
    """
    prior = float(np.mean(labels)) if len(labels) else 0.0
    if layout is not None:
        vocabularies = layout.vocabularies
        key_sets = [stats.columns for stats in layout.targets]
        rule_ids = layout.rule_ids
    else:
        distinct = {
            name: int(pc.count_distinct(table.column(name)).as_py())
            for name in typing.of(ColumnKind.CATEGORICAL)
        }
        vocabularies = {
            name: keys(table.column(name)).combine_chunks().unique().drop_null().sort()
            for name, count in distinct.items()
            if count <= DIRECT_MAX
        }
        key_sets = target_key_sets(typing, distinct)
        rule_ids = ()
        if ruleset_text is not None:
            from borderops.core.targeting.rulesets import parse_ruleset

            rule_ids = tuple(rule.id for rule in parse_ruleset(ruleset_text).rules)
    targets = []
    for columns in key_sets:
        values, dictionary = encode(_key_column(table, columns))
        valid = values >= 0
        size = len(dictionary)
        targets.append(
            KeyStats(
                columns=columns,
                keys=dictionary,
                positives=np.bincount(values[valid], weights=labels[valid], minlength=size)
                .round()
                .astype(np.int64),
                counts=np.bincount(values[valid], minlength=size).astype(np.int64),
            )
        )
    day = _days_of(table, typing)
    parties = []
    for party in typing.parties:
        values, dictionary = encode(keys(table.column(party)))
        valid = values >= 0
        last = np.full(len(dictionary), -np.inf)
        np.maximum.at(last, values[valid], np.nan_to_num(day[valid], nan=-np.inf))
        last[np.isinf(last)] = np.nan
        parties.append(
            PartyHistory(
                column=party,
                keys=dictionary,
                counts=np.bincount(values[valid], minlength=len(dictionary)).astype(np.int64),
                last_day=last,
            )
        )
    specs = _specs(typing, vocabularies, key_sets, rule_ids, ruleset_text is not None)
    return FeatureState(
        typing=typing,
        prior=prior,
        specs=specs,
        vocabularies=vocabularies,
        targets=tuple(targets),
        parties=tuple(parties),
        norms=fit_norms(table, typing),
        ruleset_text=ruleset_text,
        rule_ids=rule_ids,
        period_norms=fit_period_norms(table, typing, day),
    )


def _key_column(table: pa.Table, columns: tuple[str, ...]) -> Chunked:
    result = keys(table.column(columns[0]))
    for name in columns[1:]:
        result = pair_keys(result, keys(table.column(name)))
    return result


def _days_of(table: pa.Table, typing: ColumnTyping) -> FloatArray:
    if typing.date_column is None:
        # Without dates, input order stands for time.
        return np.arange(table.num_rows, dtype=np.float64)
    try:
        return days(table.column(typing.date_column))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
        from borderops.core.risk.types import RiskError, RiskModelError

        raise RiskModelError(
            RiskError.BAD_DATE,
            f"date column {typing.date_column!r} is not dates (YYYY-MM-DD): "
            f"{str(error).splitlines()[0]}",
        ) from None


def recent_unit_value_norm(state: FeatureState, table: pa.Table) -> tuple[FloatArray, FloatArray]:
    """Per entry, the norm of the months before it (see ``norms``)."""
    return period_norm_of(state.period_norms, state.typing, table, _days_of(table, state.typing))


def unit_value_norm(state: FeatureState, table: pa.Table) -> tuple[FloatArray, FloatArray]:
    """Per entry, the norm's median and spread of ln(value/kg): HS × origin, else HS code."""
    return norm_of(state.norms, state.typing, table)


def smoothed(positives: FloatArray, counts: FloatArray, prior: float) -> FloatArray:
    """The violation rate pulled towards ``prior`` by ``SMOOTHING`` pseudo-entries."""
    return np.asarray((positives + SMOOTHING * prior) / (counts + SMOOTHING), dtype=np.float64)


def target_counts(stats: KeyStats, table: pa.Table) -> tuple[FloatArray, FloatArray, IntArray]:
    """Per entry, the past entries in violation and all past entries of its key, and where
    the key is in the statistics (-1 when new)."""
    at = lookup(_key_column(table, stats.columns), stats.keys)
    seen = at >= 0
    positives = np.where(seen, stats.positives[np.maximum(at, 0)], 0).astype(np.float64)
    counts = np.where(seen, stats.counts[np.maximum(at, 0)], 0).astype(np.float64)
    return positives, counts, at


def out_of_fold_rates(
    table: pa.Table, columns: tuple[str, ...], labels: FloatArray, folds: IntArray, prior: float
) -> FloatArray:
    """The smoothed violation rate of each entry's key computed without the entry's own fold:
    the entry's own label (and its fold's) never reaches its feature."""
    values, dictionary = encode(_key_column(table, columns))
    size = len(dictionary)
    valid = values >= 0
    total_pos = np.bincount(values[valid], weights=labels[valid], minlength=size)
    total_n = np.bincount(values[valid], minlength=size).astype(np.float64)
    rates = np.full(table.num_rows, prior)
    for fold in np.unique(folds):
        inside = (folds == fold) & valid
        fold_pos = np.bincount(values[inside], weights=labels[inside], minlength=size)
        fold_n = np.bincount(values[inside], minlength=size).astype(np.float64)
        at = values[inside]
        rates[inside] = smoothed(total_pos[at] - fold_pos[at], total_n[at] - fold_n[at], prior)
    return rates


def time_folds(row_count: int, folds: int = FOLDS) -> IntArray:
    """Consecutive time blocks for rows already in time order: 0,0,…,1,1,…,folds-1."""
    return np.minimum(np.arange(row_count) * folds // max(row_count, 1), folds - 1).astype(np.int64)


def recency(
    state: FeatureState, table: pa.Table, party: PartyHistory | None, column: str
) -> tuple[FloatArray, FloatArray]:
    """Per entry, the party's earlier entries (history plus earlier in this batch) and the
    days since its previous one (NaN for the party's first entry, or without a party)."""
    values, _ = encode(keys(table.column(column)))
    day = _days_of(table, state.typing)
    n = table.num_rows
    base = np.zeros(n)
    last = np.full(n, np.nan)
    if party is not None:
        at = lookup(keys(table.column(column)), party.keys)
        seen = at >= 0
        base[seen] = party.counts[at[seen]]
        last[seen] = party.last_day[at[seen]]
    order = np.lexsort((np.arange(n), np.nan_to_num(day, nan=-1e9), values))
    sorted_values = values[order]
    first = np.ones(n, dtype=bool)
    first[1:] = sorted_values[1:] != sorted_values[:-1]
    group_start = np.maximum.accumulate(np.where(first, np.arange(n), 0))
    rank = np.empty(n)
    rank[order] = np.arange(n) - group_start
    previous = np.empty(n)
    shifted = np.concatenate([[np.nan], day[order][:-1]])
    previous[order] = np.where(first, np.nan, shifted)
    previous = np.where(np.isnan(previous), last, previous)
    earlier = base + rank
    missing = values < 0
    earlier[missing] = np.nan
    # An entry dated before its party's last entry in history (a late batch) is as recent
    # as it gets: 0 rather than a negative gap the trees never saw in training.
    since = np.maximum(day - previous, 0)
    since[missing] = np.nan
    return earlier, since


def build_matrix(
    state: FeatureState,
    table: pa.Table,
    *,
    out_of_fold: tuple[FloatArray, IntArray] | None = None,
) -> FloatArray:
    """The model inputs for ``table``, one column per ``state.specs`` entry (float64, NaN for
    missing). ``out_of_fold`` = (labels, time blocks) computes the violation rates of the
    training entries themselves out of fold instead of from ``state``'s statistics."""
    n = table.num_rows
    matrix = np.empty((n, len(state.specs)), order="F")
    parties = {history.column: history for history in state.parties}
    recent: dict[str, tuple[FloatArray, FloatArray]] = {}
    logs: FloatArray | None = None
    norm: tuple[FloatArray, FloatArray] | None = None
    rules: dict[str, FloatArray] | None = None
    for i, spec in enumerate(state.specs):
        kind = spec.kind
        if kind is FeatureKind.NUMERIC:
            matrix[:, i] = numbers(table.column(spec.columns[0]))
        elif kind is FeatureKind.CODE:
            at = lookup(keys(table.column(spec.columns[0])), state.vocabularies[spec.columns[0]])
            matrix[:, i] = np.where(at >= 0, at, np.nan)
        elif kind is FeatureKind.TARGET:
            if out_of_fold is not None:
                labels, folds = out_of_fold
                matrix[:, i] = out_of_fold_rates(table, spec.columns, labels, folds, state.prior)
            else:
                positives, counts, _ = target_counts(state.target(spec.columns), table)
                matrix[:, i] = smoothed(positives, counts, state.prior)
        elif kind in (FeatureKind.PRIOR_ENTRIES, FeatureKind.DAYS_SINCE):
            party = spec.columns[0]
            if party not in recent:
                history = None if out_of_fold is not None else parties.get(party)
                recent[party] = recency(state, table, history, party)
            matrix[:, i] = recent[party][0 if kind is FeatureKind.PRIOR_ENTRIES else 1]
        elif kind in (
            FeatureKind.UNIT_VALUE,
            FeatureKind.UNIT_VALUE_RATIO,
            FeatureKind.UNIT_VALUE_Z,
        ):
            if logs is None:
                logs = log_unit_value(table, state.typing)
                norm = unit_value_norm(state, table)
            assert logs is not None and norm is not None
            if kind is FeatureKind.UNIT_VALUE:
                matrix[:, i] = np.exp(logs)
            elif kind is FeatureKind.UNIT_VALUE_RATIO:
                matrix[:, i] = logs - norm[0]
            else:
                matrix[:, i] = (logs - norm[0]) / norm[1]
        elif kind is FeatureKind.UNIT_VALUE_PERIOD:
            if logs is None:
                logs = log_unit_value(table, state.typing)
            assert logs is not None
            matrix[:, i] = logs - recent_unit_value_norm(state, table)[0]
        else:
            if rules is None:
                rules = rule_features(
                    state.ruleset(), state.rule_ids, state.typing.id_column, table
                )
            matrix[:, i] = rules[spec.name]
    return matrix
