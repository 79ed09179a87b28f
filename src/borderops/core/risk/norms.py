"""Unit-value norms: what a kilogram of the same goods from the same origin usually costs.

The norm of an HS code and origin is the median of ln(declared value / net mass) over the
model's training period, with a robust spread (MAD); a group with too few priced entries
falls back to the HS code's norm. Medians per group are worked out with one sort, not a
loop per group.
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
