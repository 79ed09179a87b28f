"""Scoring: probabilities in input order, and reasons in an officer's words."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa
import pytest

from borderops.core.risk import RiskError, RiskModel, RiskModelError, score_entries
from borderops.core.risk.reasons import display, number, times

from .conftest import HS_PRICES


def _entry(importer: str, price_per_kg: float, **changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "Declaration ID": 99_000_001,
        "Date": date(2024, 7, 1),
        "Office ID": 10,
        "Importer ID": importer,
        "Declarant ID": "D1",
        "HS6 Code": "851712",
        "Country of Origin": "CN",
        "Net Mass": 100.0,
        "Item Price": 100.0 * price_per_kg,
        "Tax Rate": 8.0,
        "Fraud": 0,
    }
    row.update(changes)
    return row


def _table(model: RiskModel, rows: list[dict[str, object]], like: pa.Table) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=like.schema)


def test_scores_are_probabilities_one_per_entry_in_input_order(
    model: RiskModel, table: pa.Table
) -> None:
    sample = table.slice(100, 300)
    scores = score_entries(model, sample, reasons=2)
    assert len(scores.scores) == 300
    assert np.all((scores.scores >= 0) & (scores.scores <= 1))
    assert scores.ids.to_pylist() == [str(i) for i in sample.column("Declaration ID").to_pylist()]
    assert all(len(reasons) <= 2 for reasons in scores.reasons)
    assert list(scores.to_table().column_names) == ["id", "score", "reasons"]


def test_an_undervalued_entry_is_explained_against_its_norm(
    model: RiskModel, table: pa.Table
) -> None:
    cheap = HS_PRICES["851712"] / 8
    scores = score_entries(model, _table(model, [_entry("IMP0001", cheap)], table))
    texts = [reason.text for reason in scores.reasons[0]]
    assert any(
        text.startswith("unit value") and "below the norm for HS 851712 from CN" in text
        for text in texts
    ), texts


def test_a_party_with_past_violations_is_named_with_its_record(
    model: RiskModel, table: pa.Table
) -> None:
    scores = score_entries(model, _table(model, [_entry("BAD01", 120.0)], table))
    texts = [reason.text for reason in scores.reasons[0]]
    assert any(
        text.startswith("importer BAD01 had ") and "past entries found in violation" in text
        for text in texts
    ), texts


def test_explain_gives_reasons_only_to_the_highest_scores(
    model: RiskModel, table: pa.Table
) -> None:
    sample = table.slice(0, 400)
    scores = score_entries(model, sample, explain=0.1)
    explained = [i for i, reasons in enumerate(scores.reasons) if reasons]
    assert 0 < len(explained) <= 40
    assert min(scores.margins[explained]) >= np.sort(scores.margins)[-40]


def test_entries_missing_model_columns_are_refused_naming_them(
    model: RiskModel, table: pa.Table
) -> None:
    with pytest.raises(RiskModelError) as caught:
        score_entries(model, table.drop_columns(["Net Mass", "Importer ID"]))
    assert caught.value.code is RiskError.COLUMNS_MISMATCH
    assert "Importer ID" in str(caught.value) and "Net Mass" in str(caught.value)


WORDS = [
    (number, 1234567.0, "1,234,567"),
    (number, 12.5, "12.5"),
    (number, float("nan"), "missing"),
    (times, 8.04, "8.0×"),
    (times, 12.4, "12×"),
]


@pytest.mark.parametrize(("function", "value", "expected"), WORDS)
def test_numbers_are_written_for_reading(function: object, value: float, expected: str) -> None:
    assert callable(function)
    assert function(value) == expected


def test_columns_are_named_as_officers_say_them(model: RiskModel) -> None:
    assert display(model.state, "Importer ID") == "importer"
    assert display(model.state, "HS6 Code") == "HS"
    assert display(model.state, "Country of Origin") == "origin"
    assert display(model.state, "Office ID") == "office"
