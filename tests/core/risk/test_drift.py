"""Drift: the score distribution against the calibration slice's, and recent precision
against the precision the model card promised."""

from __future__ import annotations

import numpy as np
import pytest

from borderops.core.risk import RiskModel, load_model, model_bytes, read_card
from borderops.core.risk.drift import (
    DriftStatus,
    bin_shares,
    expected_precision,
    precision_drift,
    score_baseline,
    score_drift,
    wilson_interval,
)
from borderops.core.risk.types import RatePoint, RiskModelError, ScoreBaseline


def test_the_card_keeps_the_calibration_slice_score_deciles(model: RiskModel) -> None:
    baseline = model.card.score_baseline
    assert baseline is not None
    assert list(baseline.edges) == sorted(baseline.edges)
    assert len(baseline.shares) == len(baseline.edges) + 1
    assert sum(baseline.shares) == pytest.approx(1.0)


def test_the_baseline_survives_the_model_file(model: RiskModel) -> None:
    content = model_bytes(model)
    assert read_card(content).score_baseline == model.card.score_baseline
    assert load_model(content).card == model.card


def test_bytes_that_are_not_a_model_are_refused_by_name() -> None:
    with pytest.raises(RiskModelError, match=r"upload\.zip: not a risk model file"):
        load_model(b"not a zip", name="upload.zip")


def test_scores_like_the_baseline_are_stable_and_shifted_scores_drift() -> None:
    rng = np.random.default_rng(1)
    baseline = score_baseline(rng.beta(1, 9, 5000))
    same = score_drift(baseline, rng.beta(1, 9, 2000))
    assert same.status is DriftStatus.STABLE
    assert same.index is not None and same.index < 0.05
    shifted = score_drift(baseline, rng.beta(3, 5, 2000))
    assert shifted.status is DriftStatus.DRIFTED
    assert shifted.index is not None and shifted.index > 0.25
    assert sum(shifted.actual) == pytest.approx(1.0)


def test_a_moderate_shift_is_to_watch() -> None:
    baseline = ScoreBaseline(edges=(0.5,), shares=(0.5, 0.5))
    # PSI of 0.35/0.65 against 0.5/0.5 is 0.09; of 0.3/0.7 it is 0.17.
    assert score_drift(baseline, np.array([0.1] * 30 + [0.9] * 70)).status is DriftStatus.WATCH


def test_too_few_scores_or_no_baseline_give_no_verdict() -> None:
    baseline = ScoreBaseline(edges=(0.5,), shares=(0.5, 0.5))
    assert score_drift(baseline, np.full(99, 0.9)).status is DriftStatus.TOO_LITTLE_DATA
    assert score_drift(None, np.full(500, 0.9)).status is DriftStatus.NO_BASELINE


def test_a_score_on_an_edge_goes_to_the_upper_bin() -> None:
    assert bin_shares((0.2, 0.5), np.array([0.2, 0.5, 0.1, 0.9])) == [0.25, 0.25, 0.5]


def test_wilson_interval_holds_the_observed_share() -> None:
    low, high = wilson_interval(30, 100)
    assert low < 0.3 < high
    assert (round(low, 3), round(high, 3)) == (0.219, 0.396)
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_precision_below_chance_of_the_promise_is_flagged() -> None:
    drifted = precision_drift(0.8, found=10, examined=40)
    assert drifted.status is DriftStatus.DRIFTED
    assert drifted.precision == 0.25
    # 28 of 40 is below 0.8, but within chance of it.
    assert precision_drift(0.8, found=28, examined=40).status is DriftStatus.WATCH
    assert precision_drift(0.8, found=35, examined=40).status is DriftStatus.STABLE
    assert precision_drift(0.8, found=1, examined=5).status is DriftStatus.TOO_LITTLE_DATA
    assert precision_drift(None, found=1, examined=50).status is DriftStatus.NO_BASELINE


def test_impossible_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and examined"):
        precision_drift(0.5, found=5, examined=4)


def test_expected_precision_is_the_cards_at_the_closest_rate() -> None:
    metrics = (RatePoint(0.01, 10, 9, 50), RatePoint(0.05, 50, 30, 50), RatePoint(0.1, 0, 0, 50))
    assert expected_precision(metrics, 0.04) == 0.6
    assert expected_precision(metrics, 0.2) == 0.6  # 10 % examined none: no precision there
    assert expected_precision((), 0.05) is None
