"""Training: time-ordered slices, no leakage from later entries, reproducible from a seed."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from borderops.core.risk import RiskError, RiskModel, RiskModelError, score_entries
from borderops.core.risk.train import binary_labels

from .conftest import declarations, train


def test_slices_follow_time_and_never_share_a_day(model: RiskModel) -> None:
    fit, valid, calibration = (model.card.periods[n] for n in ("fit", "validation", "calibration"))
    assert fit.last is not None and valid.first is not None and valid.last is not None
    assert fit.last < valid.first <= valid.last < str(calibration.first)
    assert fit.rows + valid.rows + calibration.rows == 3000


def test_labels_of_later_entries_never_reach_the_trees(table: pa.Table) -> None:
    # Given the same history twice, the outcomes of the latest entries (the calibration
    # slice) changed in the second;
    first = train(table)
    cut = first.card.periods["fit"].rows + first.card.periods["validation"].rows
    fraud = table.column("Fraud").to_numpy().copy()
    fraud[cut:] = 1 - fraud[cut:]
    changed = table.set_column(table.column_names.index("Fraud"), "Fraud", pa.array(fraud))
    # when both are trained, then the trees are identical: only calibration saw them.
    second = train(changed)
    assert first.booster.model_to_string() == second.booster.model_to_string()
    assert first.calibration != second.calibration


def test_the_same_seed_gives_the_same_model(table: pa.Table, model: RiskModel) -> None:
    again = train(table, seed=3)
    assert again.booster.model_to_string() == model.booster.model_to_string()
    assert np.array_equal(
        score_entries(again, table, reasons=0).scores, score_entries(model, table, reasons=0).scores
    )


def test_the_model_finds_the_planted_violations(model: RiskModel) -> None:
    held_out = declarations(rows=2000, seed=9)
    scores = score_entries(model, held_out, reasons=0)
    labels = binary_labels(held_out.column("Fraud"), "Fraud")
    top = np.argsort(-scores.margins)[:100]
    assert labels[top].mean() > 3 * labels.mean()
    assert model.card.metrics[2].precision is not None and model.card.metrics[2].precision > 0.5


def test_an_outcome_column_beside_the_label_is_left_out(table: pa.Table) -> None:
    fraud = table.column("Fraud").to_numpy()
    critical = np.where(np.arange(len(fraud)) % 2 == 0, fraud, 0)
    with_critical = table.append_column("Critical Fraud", pa.array(critical))
    card = train(with_critical, max_rounds=5).card
    assert "Critical Fraud" in card.typing.ignored
    assert not any("Critical" in feature for feature in card.features)


LABEL_CASES = [
    (["yes", "no", "YES"], [1.0, 0.0, 1.0]),
    ([True, False, False], [1.0, 0.0, 0.0]),
    ([1, 0, 1], [1.0, 0.0, 1.0]),
    (["1", "0", "true"], [1.0, 0.0, 1.0]),
]


@pytest.mark.parametrize(("values", "expected"), LABEL_CASES)
def test_binary_labels_accept_the_usual_spellings(
    values: list[object], expected: list[float]
) -> None:
    assert binary_labels(pa.array(values), "Fraud").tolist() == expected


@pytest.mark.parametrize("values", [[0, 1, 2], ["seized", "cleared"], [0, None]])
def test_a_label_that_is_not_binary_is_refused(values: list[object]) -> None:
    with pytest.raises(RiskModelError) as caught:
        binary_labels(pa.array(values), "Fraud")
    assert caught.value.code is RiskError.LABEL_NOT_BINARY
    assert "Fraud" in str(caught.value)


def test_training_errors_say_what_is_wrong(table: pa.Table) -> None:
    cases = [
        (table.slice(0, 0), RiskError.EMPTY),
        (table.drop_columns(["Fraud"]), RiskError.MISSING_LABEL),
        (
            table.set_column(10, "Fraud", pa.array(np.zeros(table.num_rows, dtype=np.int64))),
            RiskError.ONE_CLASS,
        ),
    ]
    for given, code in cases:
        with pytest.raises(RiskModelError) as caught:
            train(given)
        assert caught.value.code is code
