"""Automatic column typing: codes are categorical even when numeric."""

from __future__ import annotations

import pyarrow as pa
import pytest

from borderops.core.risk import ColumnKind, RiskError, RiskModelError, Role, infer_kind
from borderops.core.risk.columns import type_columns

CODES = list(range(100_000, 100_060)) * 2  # many distinct integers of one width
QUANTITIES = [1, 5, 12, 250, 3, 77, 1000, 42, 8, 19] * 6  # integers of many widths
CASES = [
    # (column name, values, expected kind)
    ("Office ID", [30, 40, 30, 10], ColumnKind.CATEGORICAL),
    ("HS6 Code", [440890, 690722, 851712, 440890], ColumnKind.CATEGORICAL),
    ("Import Type", [11, 21, 11, 11], ColumnKind.CATEGORICAL),
    ("Importer ID", ["QLRUBN9", "7JD1S2X", "QLRUBN9", "X"], ColumnKind.CATEGORICAL),
    ("Country of Origin", ["CN", "BE", "CN", "DE"], ColumnKind.CATEGORICAL),
    ("Tax Rate", [0.0, 8.0, 8.0, 13.0], ColumnKind.NUMERIC),
    ("Item Price", [372254.4, 375751.2, 100.0, 5.5], ColumnKind.NUMERIC),
    ("Net Mass", [108.0, 11352.0, 7.0, 1.0], ColumnKind.NUMERIC),
    ("quantity", [1, 250, 3, 12], ColumnKind.NUMERIC),
    ("reference", CODES, ColumnKind.CATEGORICAL),
    ("pieces", QUANTITIES, ColumnKind.NUMERIC),
    ("Process Type", ["B", "A", "B", "B"], ColumnKind.CATEGORICAL),
    ("arrival_date", ["2020-01-01", "2020-01-02", "2020-01-02", "2020-02-01"], ColumnKind.DATE),
    ("constant", [1, 1, 1, 1], ColumnKind.IGNORED),
    ("container", [f"CSQU{i:07d}" for i in range(60)], ColumnKind.IGNORED),
    ("netKg", [1.5, 2.0, 3.5, 1.0], ColumnKind.NUMERIC),
]


@pytest.mark.parametrize(("name", "values", "expected"), CASES, ids=[c[0] for c in CASES])
def test_column_kind_is_inferred_from_name_and_values(
    name: str, values: list[object], expected: ColumnKind
) -> None:
    # Given one column; when its kind is inferred; then it is the expected kind.
    kind, why = infer_kind(name, pa.array(values))
    assert kind is expected, why


def test_overrides_win_and_roles_and_parties_are_found() -> None:
    table = pa.table(
        {
            "id": ["a", "b", "c"],
            "Importer ID": ["X", "Y", "X"],
            "Seller ID": ["S", "S", "T"],
            "HS6 Code": ["851712", "851712", "610910"],
            "Country of Origin": ["CN", "CN", "VN"],
            "Country of Origin Indicator": ["G", "Y", "G"],
            "Item Price": [1.0, 2.0, 3.0],
            "Net Mass": [1.0, 1.0, 2.0],
            "Office ID": [10, 20, 10],
            "pieces": [1, 2, 3],
        }
    )
    typing = type_columns(table, id_column="id", categorical=["pieces"], numeric=["Office ID"])
    assert typing.kinds["pieces"] is ColumnKind.CATEGORICAL
    assert typing.kinds["Office ID"] is ColumnKind.NUMERIC
    assert typing.roles == {
        Role.HS_CODE: "HS6 Code",
        Role.ORIGIN: "Country of Origin",
        Role.VALUE: "Item Price",
        Role.MASS: "Net Mass",
    }
    assert typing.parties == ("Importer ID", "Seller ID")
    assert "id" not in typing.kinds


def test_a_column_named_both_categorical_and_numeric_is_refused() -> None:
    table = pa.table({"id": ["a"], "x": [1]})
    with pytest.raises(RiskModelError) as caught:
        type_columns(table, id_column="id", categorical=["x"], numeric=["x"])
    assert caught.value.code is RiskError.BAD_OVERRIDE
    assert "x" in str(caught.value)


def test_an_unknown_override_names_the_column() -> None:
    table = pa.table({"id": ["a"], "x": [1]})
    with pytest.raises(RiskModelError) as caught:
        type_columns(table, id_column="id", categorical=["Seller"])
    assert caught.value.code is RiskError.MISSING_COLUMN
    assert "Seller" in str(caught.value)
