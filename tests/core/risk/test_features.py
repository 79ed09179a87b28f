"""Features: out-of-fold violation rates, recency, unit value against the norm."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa

from borderops.core.risk.columns import type_columns
from borderops.core.risk.features import (
    SMOOTHING,
    build_matrix,
    fit_state,
    out_of_fold_rates,
    recency,
    smoothed,
    time_folds,
)


def test_out_of_fold_rate_never_uses_the_rows_own_label() -> None:
    # Given one importer on ten entries in five time blocks;
    table = pa.table({"imp": ["A"] * 10})
    labels = np.array([1, 0, 1, 1, 0, 0, 1, 0, 0, 1], dtype=np.float64)
    folds = time_folds(10, 5)
    before = out_of_fold_rates(table, ("imp",), labels, folds, prior=0.5)
    for row in range(10):
        # when only that entry's label is flipped,
        flipped = labels.copy()
        flipped[row] = 1 - flipped[row]
        after = out_of_fold_rates(table, ("imp",), flipped, folds, prior=0.5)
        # then its own feature does not move (but its block's neighbours' do not either,
        # and the other blocks' do).
        assert after[row] == before[row]
        same_block = folds == folds[row]
        assert np.array_equal(after[same_block], before[same_block])
        assert not np.array_equal(after[~same_block], before[~same_block])


def test_out_of_fold_rate_is_the_smoothed_rate_of_the_other_blocks() -> None:
    table = pa.table({"imp": ["A", "A", "B", "A"]})
    labels = np.array([1.0, 1.0, 0.0, 0.0])
    folds = np.array([0, 1, 1, 2])
    rates = out_of_fold_rates(table, ("imp",), labels, folds, prior=0.25)
    # Row 0 sees rows 1 and 3 of A: 1 of 2; row 2 (B) sees no other B: the prior.
    assert rates[0] == (1 + SMOOTHING * 0.25) / (2 + SMOOTHING)
    assert rates[2] == 0.25
    assert rates[3] == smoothed(np.array([2.0]), np.array([2.0]), 0.25)[0]


def test_time_folds_are_consecutive_blocks() -> None:
    assert time_folds(10, 5).tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert time_folds(3, 5).tolist() == [0, 1, 3]


def _dated(parties: list[str], days: list[int]) -> pa.Table:
    return pa.table(
        {
            "id": [str(i) for i in range(len(parties))],
            "Importer ID": parties,
            "Date": pa.array([date.fromordinal(date(2024, 1, 1).toordinal() + d) for d in days]),
            "Item Price": [1.0] * len(parties),
        }
    )


def test_recency_counts_only_earlier_entries_of_the_same_party() -> None:
    table = _dated(["A", "B", "A", "A", "B"], [0, 1, 3, 3, 10])
    typing = type_columns(table, id_column="id")
    state = fit_state(table, np.zeros(5), typing)
    earlier, since = recency(state, table, None, "Importer ID")
    assert earlier.tolist() == [0, 0, 1, 2, 1]
    assert np.isnan(since[0]) and np.isnan(since[1])
    assert since[2:].tolist() == [3, 0, 9]


def test_recency_of_new_entries_continues_from_history() -> None:
    history = _dated(["A", "A", "B"], [0, 5, 6])
    typing = type_columns(history, id_column="id")
    state = fit_state(history, np.zeros(3), typing)
    batch = _dated(["A", "C", "A"], [8, 8, 9])
    earlier, since = recency(state, batch, state.parties[0], "Importer ID")
    assert earlier.tolist() == [2, 0, 3]
    assert since[0] == 3 and np.isnan(since[1]) and since[2] == 1


def test_unit_value_deviation_is_measured_against_the_hs_and_origin_norm() -> None:
    history = pa.table(
        {
            "id": [str(i) for i in range(9)],
            "HS6 Code": ["851712"] * 8 + ["610910"],
            "Country of Origin": ["CN"] * 8 + ["VN"],
            "Item Price": [100.0, 110, 90, 100, 105, 95, 100, 100, 7],
            "Net Mass": [1.0] * 8 + [2.0],
        }
    )
    typing = type_columns(history, id_column="id")
    state = fit_state(history, np.zeros(9), typing)
    entry = history.slice(0, 1).set_column(3, "Item Price", pa.array([12.5]))
    matrix = build_matrix(state, entry)
    deviation = matrix[0, state.names.index("unit value vs norm")]
    assert np.isclose(np.exp(deviation), 1 / 8)
