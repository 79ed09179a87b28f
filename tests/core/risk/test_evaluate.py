"""Precision and recall at examination rates, on cases worked out by hand."""

from __future__ import annotations

import numpy as np

from borderops.core.risk.evaluate import at_rates, examined_count


def test_precision_and_recall_at_rates_by_hand() -> None:
    # Given 20 entries scored 20, 19, …, 1 and violations at ranks 1, 2, 4 and 15;
    scores = np.arange(20, 0, -1, dtype=float)
    labels = np.zeros(20)
    labels[[0, 1, 3, 14]] = 1
    # when the top 10 %, 20 % and 50 % are examined (2, 4 and 10 entries);
    points = at_rates(scores, labels, [0.1, 0.2, 0.5])
    # then precision is 2/2, 3/4, 3/10 and recall 2/4, 3/4, 3/4.
    assert [(p.examined, p.found) for p in points] == [(2, 2), (4, 3), (10, 3)]
    assert [p.precision for p in points] == [1.0, 0.75, 0.3]
    assert [p.recall for p in points] == [0.5, 0.75, 0.75]


def test_the_examined_count_rounds_up_and_ties_keep_input_order() -> None:
    assert examined_count(150, 0.01) == 2
    assert examined_count(100, 0.05) == 5
    points = at_rates(np.array([1.0, 1.0, 1.0]), np.array([0.0, 1.0, 0.0]), [0.34])
    assert points[0].examined == 2 and points[0].found == 1


def test_no_violations_gives_no_recall() -> None:
    point = at_rates(np.array([0.5, 0.1]), np.array([0.0, 0.0]), [0.5])[0]
    assert point.precision == 0.0 and point.recall is None
