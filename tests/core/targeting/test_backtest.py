"""Backtesting on a hand-made history whose figures can be worked out on paper."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pytest

from borderops.core.synth import generate
from borderops.core.targeting.backtest import backtest, compare
from borderops.core.targeting.outcomes import (
    OutcomeFileError,
    outcomes_from_truth,
    read_outcomes,
)
from borderops.core.targeting.rulesets import parse_ruleset
from borderops.core.targeting.types import RuleSet

EntriesFactory = Callable[..., pa.Table]


def ruleset(*rules: str, sample: float = 0.0) -> RuleSet:
    return parse_ruleset(
        f"name: t\nversion: '1'\nchannels: {{red: 80, yellow: 40}}\nrandom_sample: {sample}\n"
        "rules:\n" + "\n".join(rules)
    )


def rule(rule_id: str, when: str, weight: int, category: str = "other") -> str:
    return (
        f"  - {{id: {rule_id}, title: {rule_id}, category: {category}, "
        f'when: "{when}", weight: {weight}}}'
    )


@pytest.fixture
def history(make_entries: EntriesFactory) -> pa.Table:
    # Ten entries, values 1..10; A fires on values >= 7 (4 entries), B on values <= 2.
    return make_entries(*({"value": float(v)} for v in range(1, 11)))


@pytest.fixture
def outcomes() -> pa.Table:
    # Entries 1..8 examined; violations on 8, 9 is unexamined, 10 is unexamined; 7 clean;
    # 1 is a violation of undervaluation.
    return pa.table(
        {
            "id": [f"E{i}" for i in range(1, 9)],
            "finding": [True, False, False, False, False, False, False, True],
            "category": ["undervaluation", None, None, None, None, None, None, "narcotics"],
            "quantity": [100.0, None, None, None, None, None, None, 5.0],
        }
    )


def test_rule_figures_match_the_hand_count(history: pa.Table, outcomes: pa.Table) -> None:
    rules = ruleset(rule("A", "value >= 7", 90, "narcotics"), rule("B", "value <= 2", 45))
    result = backtest(history, outcomes, rules)
    a, b = result.rules
    # A fired on 7, 8, 9, 10; examined 7 and 8; one hit (8), of its own category.
    assert (a.fired, a.examined, a.hits, a.category_hits, a.hit_rate) == (4, 2, 1, 1, 0.5)
    # B fired on 1, 2; both examined; one hit (1), not of its category.
    assert (b.fired, b.examined, b.hits, b.category_hits, b.hit_rate) == (2, 2, 1, 0, 0.5)
    # No random sample: the baseline is all examined entries, 2 hits in 8.
    assert (result.baseline, result.baseline_hit_rate) == ("all_examined", 0.25)
    assert a.lift == pytest.approx(2.0)
    assert (result.entries, result.examined, result.violations) == (10, 8, 2)


def test_channel_figures_match_the_hand_count(history: pa.Table, outcomes: pa.Table) -> None:
    rules = ruleset(rule("A", "value >= 7", 90), rule("B", "value <= 2", 45))
    channels = {c.channel: c for c in backtest(history, outcomes, rules).channels}
    assert (channels["red"].entries, channels["red"].examination_rate) == (4, 0.4)
    assert (channels["red"].hits, channels["red"].share_of_violations) == (1, 0.5)
    assert (channels["yellow"].entries, channels["yellow"].hits) == (2, 1)
    assert (channels["green"].entries, channels["green"].hits) == (4, 0)


def test_the_curve_takes_entries_in_score_order(history: pa.Table, outcomes: pa.Table) -> None:
    # Scores: value 8 highest (90 + 5), then 7, 9, 10 (90), then 1, 2 (45), then the rest.
    rules = ruleset(
        rule("A", "value >= 7", 90), rule("C", "value = 8", 5), rule("B", "value <= 2", 45)
    )
    result = backtest(history, outcomes, rules, rates=(0.1, 0.4, 0.6, 1.0))
    assert [(p.examined, p.hits, p.detection_rate) for p in result.curve] == [
        (1, 1, 0.5),
        (4, 1, 0.5),
        (6, 2, 1.0),
        (10, 2, 1.0),
    ]
    assert result.detection_at(0.6) == 1.0


def test_lift_is_over_the_random_samples_hit_rate_when_it_has_hits(
    make_entries: EntriesFactory,
) -> None:
    entries = make_entries(*({"value": float(v)} for v in range(400)))
    everything_found = pa.table(
        {
            "id": entries.column("id"),
            "finding": [v % 2 == 0 for v in range(400)],
            "category": [None] * 400,
            "quantity": pa.nulls(400, pa.float64()),
        }
    )
    result = backtest(entries, everything_found, ruleset(rule("A", "false", 1), sample=0.2))
    assert result.baseline == "random_sample"
    assert 0.3 < (result.baseline_hit_rate or 0) < 0.7


def test_two_rule_sets_are_compared_on_the_same_history(
    history: pa.Table, outcomes: pa.Table
) -> None:
    # Top 2 before: value 8 (95) and one of 7, 9, 10 (90): one violation of two.
    # Top 2 after: value 1 (100) and value 8 (95): both violations.
    before = ruleset(rule("A", "value >= 7", 90), rule("C", "value = 8", 5))
    after = ruleset(
        rule("A", "value >= 7", 90), rule("C", "value = 8", 5), rule("B", "value = 1", 100)
    )
    comparison = compare(history, outcomes, before, after, rates=(0.2,))
    assert comparison.rules_added == ("B",)
    assert comparison.rules_removed == ()
    assert comparison.detection_change == ((0.2, 0.5),)


OUTCOME_FILES = [
    ("id,finding,category,quantity\nE1,true,narcotics,5\nE2,0,,\nE3,YES,,\n", [True, False, True]),
    ("id,finding\nE1,1\n", [True]),
]


@pytest.mark.parametrize(("text", "findings"), OUTCOME_FILES)
def test_an_outcomes_file_is_read(tmp_path: Path, text: str, findings: list[bool]) -> None:
    (tmp_path / "outcomes.csv").write_text(text)
    assert read_outcomes(tmp_path / "outcomes.csv").column("finding").to_pylist() == findings


BAD_OUTCOMES = [
    ("id,found\nE1,true\n", r"missing column\(s\) finding"),
    ("id,finding\nE1,maybe\n", "line 2: finding 'maybe'"),
    ("id,finding,quantity\nE1,true,lots\n", "line 2: quantity 'lots'"),
]


@pytest.mark.parametrize(("text", "message"), BAD_OUTCOMES)
def test_a_bad_outcomes_file_is_refused_with_the_line(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "outcomes.csv").write_text(text)
    with pytest.raises(OutcomeFileError, match=message):
        read_outcomes(tmp_path / "outcomes.csv")


def test_the_synthetic_truth_becomes_outcomes_for_every_entry() -> None:
    dataset = generate(seed=11, scale=0.1)
    entries = dataset.tables["shipments"]
    outcomes = outcomes_from_truth(dataset.tables["truth"], entries)
    assert outcomes.num_rows == entries.num_rows
    found = outcomes.filter(outcomes.column("finding"))
    assert found.num_rows > 0
    assert set(found.column("category").to_pylist()) <= {
        "narcotics",
        "misclassification",
        "undervaluation",
        "export-control",
    }
