"""Turning the booster's raw scores into probabilities (Platt scaling).

We chose Platt scaling (a logistic curve fitted on the time-latest slice of the training
period) over isotonic regression: it is strictly increasing, so the order of entries — and
with it precision at every examination rate — is exactly the booster's, where isotonic
regression flattens the top of the ranking into ties just where examinations are chosen;
and two parameters are stable on a calibration slice with a few hundred violations. It is a
dozen lines of numpy (Newton's method), so scikit-learn is not needed for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from borderops.core.risk.keys import FloatArray


@dataclass(frozen=True, slots=True)
class Calibration:
    """probability = 1 / (1 + exp(-(slope × margin + intercept)))."""

    slope: float = 1.0
    intercept: float = 0.0

    def apply(self, margin: FloatArray) -> FloatArray:
        """Probabilities in [0, 1] for raw booster margins (log-odds)."""
        z = np.clip(self.slope * margin + self.intercept, -35.0, 35.0)
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


def _loss(slope: float, intercept: float, margin: FloatArray, target: FloatArray) -> float:
    z = np.clip(slope * margin + intercept, -35.0, 35.0)
    # Cross-entropy against the smoothed targets, written to stay finite for large |z|.
    return float(np.sum(np.logaddexp(0.0, z) - target * z))


def fit_platt(margin: FloatArray, labels: FloatArray, iterations: int = 100) -> Calibration:
    """The logistic curve that best maps margins to outcomes, with Platt's target smoothing
    (so a slice without a single violation above some score does not give probability 0).
    Falls back to the identity when the slice has only one class.

    Newton steps are halved until the loss falls (Platt's own safeguard, as in Lin, Lin and
    Weng's note on his algorithm): a slice with a handful of violations that the booster
    separates perfectly would otherwise send the slope to infinity and every probability
    to 0 or 1.
    """
    positives = float(np.sum(labels))
    negatives = float(len(labels) - positives)
    if positives == 0 or negatives == 0:
        return Calibration()
    high, low = (positives + 1) / (positives + 2), 1 / (negatives + 2)
    target = np.where(labels > 0.5, high, low)
    slope, intercept = 1.0, 0.0
    loss = _loss(slope, intercept, margin, target)
    for _ in range(iterations):
        z = np.clip(slope * margin + intercept, -35.0, 35.0)
        p = 1.0 / (1.0 + np.exp(-z))
        weight = np.maximum(p * (1 - p), 1e-12)
        residual = p - target
        gradient = np.array([np.sum(residual * margin), np.sum(residual)])
        hessian = np.array(
            [
                [np.sum(weight * margin * margin), np.sum(weight * margin)],
                [np.sum(weight * margin), np.sum(weight)],
            ]
        )
        hessian += np.eye(2) * 1e-9
        step = np.linalg.solve(hessian, gradient)
        decrease = float(gradient @ step)  # > 0: the Hessian is positive definite
        size = 1.0
        while size > 1e-10:
            new_slope = slope - size * float(step[0])
            new_intercept = intercept - size * float(step[1])
            new_loss = _loss(new_slope, new_intercept, margin, target)
            if new_loss <= loss - 1e-4 * size * decrease:
                break
            size /= 2
        else:
            break  # no step lowers the loss: this is the minimum
        slope, intercept, loss = new_slope, new_intercept, new_loss
        if float(np.max(np.abs(size * step))) < 1e-10:
            break
    if not slope > 0:
        # A slice where higher scores meant fewer violations: keep the booster's order.
        return Calibration()
    return Calibration(slope, intercept)
