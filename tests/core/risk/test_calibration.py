"""Calibration: monotone, within [0, 1], and a probability on average."""

from __future__ import annotations

import numpy as np

from borderops.core.risk.calibration import Calibration, fit_platt


def test_calibration_is_monotone_and_within_zero_and_one() -> None:
    rng = np.random.default_rng(1)
    margin = rng.normal(0, 2, 5000)
    labels = (rng.random(5000) < 1 / (1 + np.exp(-(0.5 * margin - 1)))).astype(float)
    calibration = fit_platt(margin, labels)
    grid = np.linspace(-50, 50, 1001)
    probabilities = calibration.apply(grid)
    assert np.all(np.diff(probabilities) >= 0)
    assert probabilities.min() >= 0 and probabilities.max() <= 1
    # The true curve was slope 0.5, intercept -1: Platt finds it back.
    assert abs(calibration.slope - 0.5) < 0.1 and abs(calibration.intercept + 1) < 0.15
    assert abs(calibration.apply(margin).mean() - labels.mean()) < 0.01


def test_a_slice_with_one_outcome_keeps_the_booster_probabilities() -> None:
    assert fit_platt(np.array([0.1, 0.2]), np.array([0.0, 0.0])) == Calibration()


def test_a_slice_the_booster_separates_gives_probabilities_not_certainties() -> None:
    # Three violations far above every compliant entry: undamped Newton steps diverged here
    # (slope 8e9: every probability 0 or 1).
    margin = np.concatenate([np.linspace(-3, -1, 113), [10.0, 11.0, 12.0]])
    labels = np.concatenate([np.zeros(113), np.ones(3)])
    calibration = fit_platt(margin, labels)
    probabilities = calibration.apply(margin)
    assert 0.5 < probabilities[-1] < 0.95
    assert probabilities[0] > 1e-6
    assert np.all(np.diff(probabilities) >= 0)
