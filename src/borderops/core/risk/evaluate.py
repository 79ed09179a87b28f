"""Measuring a ranking the way customs does: precision and recall at an examination rate.

Examination capacity is fixed, so what matters is: of the n % of entries sent to
examination (the highest scores), how many were violations (precision), and what share of
all violations they caught (recall).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from borderops.core.risk.keys import FloatArray
from borderops.core.risk.types import RATES, RatePoint


def examined_count(rows: int, rate: float) -> int:
    """How many entries an examination rate sends to examination: the rate of the entries,
    rounded up, so 1 % of 150 entries is 2."""
    # The rounding guard keeps 5 % of 100 at 5, not 6, despite binary fractions.
    return min(rows, math.ceil(round(rows * rate, 9)))


def at_rates(
    scores: FloatArray, labels: FloatArray, rates: Sequence[float] = RATES
) -> tuple[RatePoint, ...]:
    """Precision and recall when the top ``rate`` of entries by score are examined."""
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    found = np.cumsum(np.asarray(labels, dtype=np.float64)[order])
    total = round(float(found[-1])) if len(found) else 0
    points = []
    for rate in rates:
        examined = examined_count(len(order), rate)
        hits = round(float(found[examined - 1])) if examined else 0
        points.append(RatePoint(rate=rate, examined=examined, found=hits, violations=total))
    return tuple(points)


def curve(scores: FloatArray, labels: FloatArray, steps: int = 100) -> tuple[RatePoint, ...]:
    """Precision and recall at every 1/steps examination rate from 1/steps to 1 (for charts)."""
    return at_rates(scores, labels, [step / steps for step in range(1, steps + 1)])
