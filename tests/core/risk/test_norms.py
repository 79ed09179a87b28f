"""Unit-value norms of the period: each entry against the prices of the months before it."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pyarrow as pa

from borderops.core.risk.columns import type_columns
from borderops.core.risk.keys import days
from borderops.core.risk.norms import PERIOD_MONTHS, fit_period_norms, period_norm_of


def _table(rows: list[tuple[date, float]]) -> pa.Table:
    return pa.table(
        {
            "id": [str(i) for i in range(len(rows))],
            "date": pa.array([day for day, _ in rows], pa.date32()),
            # Two codes and origins, so neither column is constant (and left out).
            "hs_code": ["851712" if i % 2 else "851713" for i in range(len(rows))],
            "origin": ["CN" if i % 2 else "VN" for i in range(len(rows))],
            # Masses vary (a constant column is left out); prices per kilo are as given.
            "value": [price * (10 + i % 7) for i, (_, price) in enumerate(rows)],
            "net_kg": [float(10 + i % 7) for i in range(len(rows))],
        }
    )


def test_an_entry_is_compared_with_the_prices_of_the_months_before_it() -> None:
    # Twenty entries a month: 10 a kilo from January to March, 20 from April to June.
    history = _table(
        [(date(2024, m, d), 10.0 if m <= 3 else 20.0) for m in range(1, 7) for d in range(1, 21)]
    )
    typing = type_columns(history, id_column="id", date_column="date")
    norms = fit_period_norms(history, typing, days(history.column("date")))
    assert norms is not None and PERIOD_MONTHS == 3
    later = _table([(date(2024, 1, 20), 1.0), (date(2024, 4, 20), 1.0), (date(2024, 9, 1), 1.0)])
    assert later.column("hs_code").to_pylist()[1] == "851712"
    median, spread = period_norm_of(norms, typing, later, days(later.column("date")))
    assert math.isnan(median[0])  # nothing before January
    assert median[1] == np.log(10.0)  # April: January to March
    assert median[2] == np.log(20.0)  # after the history: its last three months
    assert spread[2] > 0


def test_without_a_date_column_there_is_no_period_norm() -> None:
    history = _table([(date(2024, 1, d), 10.0 + d) for d in range(1, 11)]).drop_columns(["date"])
    typing = type_columns(history, id_column="id")
    assert fit_period_norms(history, typing, np.arange(10, dtype=np.float64)) is None
