"""Rule expressions: what an analyst may write, and what is refused with the part named."""

from __future__ import annotations

import pytest

from borderops.core.targeting.expressions import (
    CheckedExpression,
    ExpressionProblem,
    check_expression,
)
from borderops.core.targeting.rulesets import DEFAULT_COLUMNS
from borderops.core.targeting.types import RuleError

ALLOWED = [
    "hs_code LIKE '0803%' AND origin IN ('EC', 'CO') AND value_per_kg < 0.2",
    "lower(description) ILIKE '%banana%' OR upper(shipper) = 'X'",
    "value BETWEEN 100 AND 200 AND NOT first_time_shipper",
    "containers IS NULL OR container_check_digit_ok",
    "coalesce(shipper_screening_score, 0) >= 0.9",
    "abs(value_per_kg_z) > round(3.14159, 2)",
    "starts_with(hs_code, '08') AND contains(route, 'PA') AND regexp_matches(route, '^CO')",
    "length(substr(hs_code, 1, 4)) = 4",
    "CASE WHEN mode = 'sea' THEN value > 1000 ELSE value > 5000 END",
    "arrival_date >= DATE '2025-03-01'",
    "value / net_kg * 2 - 1 > 0",
    "list_contains(string_split(route, ';'), 'PABLB')",
]

DENIED = [
    ("length(read_text('/etc/passwd')) > 0", RuleError.FORBIDDEN_FUNCTION, "read_text"),
    ("read_csv('entries.csv') IS NOT NULL", RuleError.FORBIDDEN_FUNCTION, "read_csv"),
    ("getenv('HOME') = 'x'", RuleError.FORBIDDEN_FUNCTION, "getenv"),
    ("value > (SELECT max(value) FROM entries)", RuleError.FORBIDDEN_CONSTRUCT, "subquery"),
    ("origin IN (SELECT origin FROM t)", RuleError.FORBIDDEN_CONSTRUCT, "subquery"),
    ("value > 1; DROP TABLE entries", RuleError.NOT_ONE_EXPRESSION, ";"),
    ("DROP TABLE entries", RuleError.NOT_ONE_EXPRESSION, "DROP"),
    ("count(*) > 1", RuleError.FORBIDDEN_FUNCTION, "count"),
    ("sum(value) OVER () > 1", RuleError.FORBIDDEN_CONSTRUCT, "OVER"),
    ("entries.value > 1", RuleError.FORBIDDEN_CONSTRUCT, "entries.value"),
    ("valu_per_kg < 0.2", RuleError.UNKNOWN_COLUMN, "valu_per_kg"),
    ("value > $1", RuleError.FORBIDDEN_CONSTRUCT, "$1"),
    ("value +", RuleError.SYNTAX, "when"),
    ("value + 1", RuleError.NOT_BOOLEAN, "value + 1"),
    ("", RuleError.SYNTAX, "when"),
]


@pytest.mark.parametrize("text", ALLOWED)
def test_an_allowed_expression_passes_and_names_its_columns(text: str) -> None:
    # given the canonical entry columns and the derived features
    # when
    checked = check_expression(text, DEFAULT_COLUMNS)
    # then
    assert isinstance(checked, CheckedExpression), checked
    assert checked.columns
    assert checked.columns <= set(DEFAULT_COLUMNS)


@pytest.mark.parametrize(("text", "code", "part"), DENIED)
def test_a_forbidden_expression_is_refused_naming_the_offending_part(
    text: str, code: RuleError, part: str
) -> None:
    # when
    checked = check_expression(text, DEFAULT_COLUMNS)
    # then
    assert isinstance(checked, ExpressionProblem)
    assert checked.code is code
    assert checked.part == part


def test_an_unknown_column_suggests_the_nearest_name() -> None:
    checked = check_expression("valu_per_kg < 0.2", DEFAULT_COLUMNS)
    assert isinstance(checked, ExpressionProblem)
    assert "did you mean 'value_per_kg'?" in checked.message


def test_the_sql_that_runs_is_regenerated_from_the_checked_tree() -> None:
    checked = check_expression("value > 1 -- ; DROP TABLE entries", DEFAULT_COLUMNS)
    assert isinstance(checked, CheckedExpression)
    assert checked.sql == "value > 1"


def test_column_names_are_matched_without_regard_to_case() -> None:
    checked = check_expression("VALUE > 1", DEFAULT_COLUMNS)
    assert isinstance(checked, CheckedExpression)
    assert checked.columns == {"value"}
