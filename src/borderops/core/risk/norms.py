"""Unit-value norms: what a kilogram of the same goods from the same origin usually costs.

The norm of an HS code and origin is the median of ln(declared value / net mass) over the
model's training period, with a robust spread (MAD); a group with too few priced entries
falls back to the HS code's norm. Medians per group are worked out with one sort, not a
loop per group.

Prices move (inflation, exchange rates, seasons), so there is also a norm of the period: for
an entry of month m, the norm over the three months before m; for an entry after the
history, the norm over its last three months. Training entries and scored entries are
compared with earlier prices alike, and no entry's own price is part of its norm.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from borderops.core.risk.keys import (
    FloatArray,
    IntArray,
    Values,
    encode,
    keys,
    lookup,
    numbers,
    pair_keys,
)
from borderops.core.risk.types import ColumnTyping, Role

# A unit-value norm needs this many priced entries; smaller HS × origin groups use the HS
# code's norm, smaller HS codes have none.
MIN_NORM = 5
# Floor on the spread (natural log units), so near-identical prices do not make huge z.
MIN_SPREAD = 0.05
MAD_TO_SIGMA = 1.4826
# The months before an entry whose prices make its period's norm.
PERIOD_MONTHS = 3


@dataclass(frozen=True, slots=True)
class Norms:
    """Unit-value norms: per HS × origin and per HS code, median and spread of ln(value/kg)."""

    pair_keys: Values
    pair_median: FloatArray
    pair_spread: FloatArray
    hs_keys: Values
    hs_median: FloatArray
    hs_spread: FloatArray


def log_unit_value(table: pa.Table, typing: ColumnTyping) -> FloatArray | None:
    """ln(value / net mass) per entry, NaN when either is missing or not positive."""
    value, mass = typing.roles.get(Role.VALUE), typing.roles.get(Role.MASS)
    if value is None or mass is None:
        return None
    price, kilos = numbers(table.column(value)), numbers(table.column(mass))
    ok = (price > 0) & (kilos > 0)
    result = np.full(table.num_rows, np.nan)
    result[ok] = np.log(price[ok] / kilos[ok])
    return result


def _group_median(groups: IntArray, values: FloatArray, size: int) -> tuple[FloatArray, IntArray]:
    """Median of ``values`` per group index (NaN for empty groups) and the group sizes."""
    ok = (groups >= 0) & np.isfinite(values)
    g, v = groups[ok], values[ok]
    order = np.lexsort((v, g))
    g, v = g[order], v[order]
    counts = np.bincount(g, minlength=size)
    starts = np.cumsum(counts) - counts
    median = np.full(size, np.nan)
    filled = counts > 0
    low = starts[filled] + (counts[filled] - 1) // 2
    high = starts[filled] + counts[filled] // 2
    median[filled] = (v[low] + v[high]) / 2
    return median, counts.astype(np.int64)


def _robust(groups: IntArray, values: FloatArray, size: int) -> tuple[FloatArray, FloatArray]:
    median, counts = _group_median(groups, values, size)
    centre = np.where(groups >= 0, median[np.maximum(groups, 0)], np.nan)
    mad, _ = _group_median(groups, np.abs(values - centre), size)
    spread = np.maximum(MAD_TO_SIGMA * mad, MIN_SPREAD)
    thin = counts < MIN_NORM
    median[thin], spread[thin] = np.nan, np.nan
    return median, spread


def fit_norms(table: pa.Table, typing: ColumnTyping) -> Norms | None:
    logs = log_unit_value(table, typing)
    hs = typing.roles.get(Role.HS_CODE)
    if logs is None or hs is None:
        return None
    origin = typing.roles.get(Role.ORIGIN)
    hs_values, hs_dictionary = encode(keys(table.column(hs)))
    hs_median, hs_spread = _robust(hs_values, logs, len(hs_dictionary))
    pair_values, pair_dictionary = (
        encode(pair_keys(keys(table.column(hs)), keys(table.column(origin))))
        if origin is not None
        else (np.full(table.num_rows, -1, dtype=np.int64), pa.array([], pa.string()))
    )
    pair_median, pair_spread = _robust(pair_values, logs, len(pair_dictionary))
    return Norms(pair_dictionary, pair_median, pair_spread, hs_dictionary, hs_median, hs_spread)


def norm_of(
    norms: Norms | None, typing: ColumnTyping, table: pa.Table
) -> tuple[FloatArray, FloatArray]:
    """Per entry, the norm's median and spread of ln(value/kg): HS × origin, else HS code."""
    nan = np.full(table.num_rows, np.nan)
    if norms is None:
        return nan, nan.copy()
    hs_keys = keys(table.column(typing.roles[Role.HS_CODE]))
    at = lookup(hs_keys, norms.hs_keys)
    median = np.where(at >= 0, norms.hs_median[np.maximum(at, 0)], np.nan)
    spread = np.where(at >= 0, norms.hs_spread[np.maximum(at, 0)], np.nan)
    origin = typing.roles.get(Role.ORIGIN)
    if origin is not None and len(norms.pair_keys):
        at = lookup(pair_keys(hs_keys, keys(table.column(origin))), norms.pair_keys)
        pair_median = np.where(at >= 0, norms.pair_median[np.maximum(at, 0)], np.nan)
        pair_spread = np.where(at >= 0, norms.pair_spread[np.maximum(at, 0)], np.nan)
        better = np.isfinite(pair_median)
        median[better], spread[better] = pair_median[better], pair_spread[better]
    return median, spread


@dataclass(frozen=True, slots=True)
class PeriodNorms:
    """Norms per month: ``windows[k]`` is the norm over the ``PERIOD_MONTHS`` months before
    month ``first_month + k`` (months counted from 1970-01); the last window, over the final
    months of history, serves every later entry."""

    first_month: int
    windows: tuple[Norms | None, ...]


def month_index(day: FloatArray) -> IntArray:
    """Months since 1970-01 of days since 1970-01-01; -1 where the day is missing."""
    result = np.full(len(day), -1, dtype=np.int64)
    ok = np.isfinite(day)
    dates = day[ok].astype(np.int64).astype("datetime64[D]")
    result[ok] = dates.astype("datetime64[M]").astype(np.int64)
    return result


def fit_period_norms(table: pa.Table, typing: ColumnTyping, day: FloatArray) -> PeriodNorms | None:
    """The norm of each month of the history and of the months after it (None without
    dates, prices or HS codes)."""
    if typing.date_column is None or log_unit_value(table, typing) is None:
        return None
    months = month_index(day)
    valid = months >= 0
    if not valid.any():
        return None
    first, last = int(months[valid].min()), int(months[valid].max())
    windows: list[Norms | None] = []
    for month in range(first, last + 2):
        inside = valid & (months >= month - PERIOD_MONTHS) & (months < month)
        windows.append(fit_norms(table.filter(pa.array(inside)), typing) if inside.any() else None)
    return PeriodNorms(first, tuple(windows))


def period_norm_of(
    norms: PeriodNorms | None, typing: ColumnTyping, table: pa.Table, day: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Per entry, the median and spread of ln(value/kg) of its period (NaN before the
    history, or where the months before had too few priced entries)."""
    median = np.full(table.num_rows, np.nan)
    spread = median.copy()
    if norms is None:
        return median, spread
    months = month_index(day)
    window = np.minimum(months - norms.first_month, len(norms.windows) - 1)
    window[months < 0] = -1
    for k in np.unique(window[window >= 0]).tolist():
        found = norms.windows[k]
        if found is None:
            continue
        rows = np.flatnonzero(window == k)
        median[rows], spread[rows] = norm_of(found, typing, table.take(rows))
    return median, spread
