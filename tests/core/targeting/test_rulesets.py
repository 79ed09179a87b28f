"""Rule set files: every problem reported with the rule id, the field and the line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib.resources import files

import pytest

from borderops.core.targeting.rulesets import load_ruleset, parse_ruleset
from borderops.core.targeting.types import Category, Channel, RuleError, RuleSetError

EXAMPLE = files("borderops.core.targeting").joinpath("data/example-rules.yaml")


def problems_of(text: str) -> list[tuple[RuleError, str | None, str]]:
    with pytest.raises(RuleSetError) as refused:
        parse_ruleset(text)
    return [(p.code, p.rule_id, p.part) for p in refused.value.problems]


def test_the_example_rule_set_loads() -> None:
    ruleset = load_ruleset(str(EXAMPLE))
    assert ruleset.label == "example-cargo@1"
    assert len(ruleset.rules) >= 10
    assert {rule.category for rule in ruleset.rules} >= {
        Category.NARCOTICS,
        Category.UNDERVALUATION,
        Category.MISCLASSIFICATION,
        Category.EXPORT_CONTROL,
    }


def test_a_full_rule_is_read_with_every_field(make_rules: Callable[..., str]) -> None:
    text = make_rules(
        "  - id: R1\n    title: Bananas\n    category: narcotics\n"
        "    when: hs_code LIKE '0803%'\n    weight: 30\n    force_channel: red\n"
        "    valid_from: 2025-01-01\n    valid_to: '2025-12-31'\n    owner: ntc"
    )
    rule = parse_ruleset(text).rule("R1")
    assert rule.category is Category.NARCOTICS
    assert rule.force_channel is Channel.RED
    assert (rule.valid_from, rule.valid_to) == (date(2025, 1, 1), date(2025, 12, 31))
    assert rule.owner == "ntc"
    assert rule.columns == {"hs_code"}


CASES = [
    ("  - {id: A, title: t, category: other, when: 'value > 1', weight: 1, colour: red}",
     (RuleError.UNKNOWN_KEY, "A", "colour")),
    ("  - {id: A, title: t, category: smuggling, when: 'value > 1', weight: 1}",
     (RuleError.BAD_VALUE, "A", "category")),
    ("  - {id: A, title: t, category: other, when: 'value > 1', weight: lots}",
     (RuleError.BAD_TYPE, "A", "weight")),
    ("  - {id: A, title: t, category: other, when: 'value > 1', weight: 1.5}",
     (RuleError.BAD_TYPE, "A", "weight")),
    ("  - {id: A, title: t, category: other, when: 'value > 1', weight: 1, valid_from: 2025-13-01}",
     (RuleError.BAD_DATE, "A", "valid_from")),
    ("  - {id: A, title: t, category: other, when: 'value > 1', weight: 1,"
     " valid_from: 2025-06-01, valid_to: 2025-01-01}",
     (RuleError.BAD_DATE, "A", "valid_to")),
    ("  - {id: A, title: t, category: other, when: 'value > 1', weight: 1, force_channel: blue}",
     (RuleError.BAD_VALUE, "A", "force_channel")),
    ("  - {id: A, title: t, category: other, weight: 1}", (RuleError.MISSING_FIELD, "A", "when")),
    ("  - {id: A, title: t, category: other, when: \"length(read_text('/etc/passwd')) > 0\", weight: 1}",
     (RuleError.FORBIDDEN_FUNCTION, "A", "when (read_text)")),
    ("  - {id: A, title: t, category: other, when: 'value > 1', weight: 1}\n"
     "  - {id: A, title: u, category: other, when: 'value > 2', weight: 1}",
     (RuleError.DUPLICATE_ID, "A", "id")),
]  # fmt: skip


@pytest.mark.parametrize(("rules", "expected"), CASES)
def test_a_bad_rule_is_reported_with_its_id_and_field(
    make_rules: Callable[..., str], rules: str, expected: tuple[RuleError, str, str]
) -> None:
    assert expected in problems_of(make_rules(rules))


def test_every_problem_is_reported_at_once_with_its_line(make_rules: Callable[..., str]) -> None:
    text = make_rules(
        "  - {id: A, title: t, category: other, when: 'valu > 1', weight: 1}",
        "  - {id: B, title: t, category: nope, when: 'value > 1', weight: 1}",
    )
    with pytest.raises(RuleSetError) as refused:
        parse_ruleset(text, source="rules.yaml")
    assert [(p.rule_id, p.line) for p in refused.value.problems] == [("A", 6), ("B", 7)]
    assert "rules.yaml line 6: rule A, when (valu)" in str(refused.value)


RULESET_CASES = [
    ("name: x\nversion: 1\nchannels: {red: 40, yellow: 80}\nrules: []\n", RuleError.BAD_VALUE, "channels"),
    ("name: x\nversion: 1\nchannels: {red: 80, yellow: 40}\nrandom_sample: 2\nrules: []\n",
     RuleError.BAD_VALUE, "random_sample"),
    ("name: x\nversion: 1\nchannels: {red: 80, yellow: 40}\nrules: []\n", RuleError.MISSING_FIELD, "rules"),
    ("version: 1\nchannels: {red: 80, yellow: 40}\nrules: []\n", RuleError.MISSING_FIELD, "name"),
    ("name: x\nversion: 1\nchannels: {red: 80, yellow: 40}\nrules: []\nauthor: me\n",
     RuleError.UNKNOWN_KEY, "author"),
    ("name: [unclosed\n", RuleError.BAD_FILE, "YAML"),
    ("- just a list\n", RuleError.BAD_FILE, "file"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code", "part"), RULESET_CASES)
def test_a_bad_rule_set_field_is_reported(text: str, code: RuleError, part: str) -> None:
    assert (code, None, part) in problems_of(text)


def test_extra_columns_of_the_input_may_be_used_when_named(make_rules: Callable[..., str]) -> None:
    text = make_rules("  - {id: A, title: t, category: other, when: 'risk_flag', weight: 1}")
    assert problems_of(text) == [(RuleError.UNKNOWN_COLUMN, "A", "when (risk_flag)")]
    ruleset = parse_ruleset(text, columns=["risk_flag"])
    assert ruleset.rule("A").columns == {"risk_flag"}
