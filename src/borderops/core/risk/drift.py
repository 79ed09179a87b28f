"""Has a model drifted? Its score distribution against the one it was calibrated on, and its
precision on recent examination outcomes against the precision its card promised.

Scores: the population stability index (PSI) over the calibration slice's score deciles, the
measure credit and customs risk teams use for this; by the usual convention under 0.10 is
stable, 0.10–0.25 a shift to watch and above 0.25 a shift to act on. Precision: the recent
share of model-selected examinations that found something, with a Wilson 95 % interval; the
model is flagged when the precision it promised lies above that interval, so a handful of
unlucky examinations does not raise an alarm. Both say "too little data" rather than guess.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from borderops.core.risk.keys import FloatArray
from borderops.core.risk.types import RatePoint, ScoreBaseline

BINS = 10
PSI_WATCH = 0.10
PSI_ACT = 0.25
# Below these, a figure says more about chance than about the model.
MIN_SCORES = 100
MIN_EXAMINED = 20
# A share of zero in a bin would make the index infinite; this floor keeps it finite.
_FLOOR = 1e-4
_Z95 = 1.959964


class DriftStatus(StrEnum):
    """What a drift measure says."""

    STABLE = "stable"
    WATCH = "watch"
    DRIFTED = "drifted"
    TOO_LITTLE_DATA = "too_little_data"
    NO_BASELINE = "no_baseline"


def score_baseline(scores: FloatArray, bins: int = BINS) -> ScoreBaseline:
    """Bins at the deciles of ``scores`` (fewer where scores tie) and each bin's share."""
    values = np.asarray(scores, dtype=np.float64)
    if not len(values):
        return ScoreBaseline(edges=(), shares=(1.0,))
    quantiles = np.quantile(values, np.arange(1, bins) / bins)
    edges = tuple(float(v) for v in np.unique(quantiles))
    return ScoreBaseline(edges=edges, shares=tuple(bin_shares(edges, values)))


def bin_shares(edges: tuple[float, ...], scores: FloatArray) -> list[float]:
    """The share of ``scores`` in each bin (a score equal to an edge goes to the upper bin)."""
    values = np.asarray(scores, dtype=np.float64)
    counts = np.bincount(
        np.searchsorted(np.asarray(edges), values, side="right"), minlength=len(edges) + 1
    )
    return [float(share) for share in counts / max(len(values), 1)]


@dataclass(frozen=True, slots=True)
class ScoreDrift:
    """The population stability index of recent scores against the baseline."""

    status: DriftStatus
    index: float | None
    scores: int
    expected: tuple[float, ...] = ()
    actual: tuple[float, ...] = ()


def score_drift(baseline: ScoreBaseline | None, scores: FloatArray) -> ScoreDrift:
    """How far the distribution of ``scores`` moved from the baseline's."""
    count = len(scores)
    if baseline is None:
        return ScoreDrift(DriftStatus.NO_BASELINE, None, count)
    if count < MIN_SCORES:
        return ScoreDrift(DriftStatus.TOO_LITTLE_DATA, None, count, baseline.shares)
    actual = bin_shares(baseline.edges, scores)
    expected = np.maximum(np.asarray(baseline.shares), _FLOOR)
    observed = np.maximum(np.asarray(actual), _FLOOR)
    index = float(np.sum((observed - expected) * np.log(observed / expected)))
    status = (
        DriftStatus.DRIFTED
        if index > PSI_ACT
        else DriftStatus.WATCH
        if index > PSI_WATCH
        else DriftStatus.STABLE
    )
    return ScoreDrift(status, index, count, baseline.shares, tuple(actual))


@dataclass(frozen=True, slots=True)
class PrecisionDrift:
    """Recent precision of the model's selections against the precision it promised."""

    status: DriftStatus
    expected: float | None
    examined: int
    found: int
    low: float | None = None
    high: float | None = None

    @property
    def precision(self) -> float | None:
        """The recent share of examinations that found something."""
        return self.found / self.examined if self.examined else None


def wilson_interval(found: int, examined: int, z: float = _Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95 % by default)."""
    if examined == 0:
        return 0.0, 1.0
    p = found / examined
    denominator = 1 + z * z / examined
    centre = (p + z * z / (2 * examined)) / denominator
    spread = z * math.sqrt(p * (1 - p) / examined + z * z / (4 * examined * examined))
    spread /= denominator
    return max(0.0, centre - spread), min(1.0, centre + spread)


def precision_drift(expected: float | None, found: int, examined: int) -> PrecisionDrift:
    """Flag the model when ``expected`` precision is above the 95 % interval of the recent
    ``found``/``examined``; watch it when the recent precision is below ``expected`` but
    still within chance."""
    if found < 0 or examined < 0 or found > examined:
        raise ValueError(f"found ({found}) must be between 0 and examined ({examined})")
    if expected is None:
        return PrecisionDrift(DriftStatus.NO_BASELINE, None, examined, found)
    if examined < MIN_EXAMINED:
        return PrecisionDrift(DriftStatus.TOO_LITTLE_DATA, expected, examined, found)
    low, high = wilson_interval(found, examined)
    if expected > high:
        status = DriftStatus.DRIFTED
    elif found / examined < expected:
        status = DriftStatus.WATCH
    else:
        status = DriftStatus.STABLE
    return PrecisionDrift(status, expected, examined, found, low, high)


def expected_precision(metrics: Sequence[RatePoint], rate: float) -> float | None:
    """The card's precision at the examination rate closest to ``rate``."""
    points = [point for point in metrics if point.precision is not None]
    if not points:
        return None
    closest = min(points, key=lambda point: abs(point.rate - rate))
    return closest.precision
