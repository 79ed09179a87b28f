"""Scoring: weights, thresholds, forced channels, validity, the random sample and capacity."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from borderops.core.targeting.engine import explain, score
from borderops.core.targeting.rulesets import parse_ruleset
from borderops.core.targeting.types import RuleError, RuleSet, RuleSetError

EntriesFactory = Callable[..., pa.Table]


def ruleset(*rules: str, red: int = 80, yellow: int = 40, sample: float = 0.0) -> RuleSet:
    body = "\n".join(rules)
    return parse_ruleset(
        f"name: t\nversion: '2'\nchannels: {{red: {red}, yellow: {yellow}}}\n"
        f"random_sample: {sample}\nrules:\n{body}\n",
        columns=None,
    )


def rule(rule_id: str, when: str, weight: int = 10, extra: str = "") -> str:
    return (
        f"  - {{id: {rule_id}, title: Rule {rule_id}, category: other, "
        f'when: "{when}", weight: {weight}{extra}}}'
    )


def rows(table: pa.Table, *columns: str) -> list[tuple[object, ...]]:
    return list(zip(*(table.column(c).to_pylist() for c in columns), strict=True))


def test_the_score_is_the_sum_of_fired_weights_and_sets_the_channel(
    make_entries: EntriesFactory,
) -> None:
    # given rules worth 50 and 35 points, red at 80 and yellow at 40
    rules = ruleset(rule("A", "value > 100", 50), rule("B", "origin = 'CO'", 35))
    entries = make_entries(
        {"value": 500.0, "origin": "CO"},
        {"value": 500.0},
        {"value": 50.0, "origin": "CO"},
        {"value": 1.0},
    )
    # when
    scored = score(entries, rules).table
    # then
    assert rows(scored, "id", "score", "channel", "fired") == [
        ("E1", 85, "red", "A;B"),
        ("E2", 50, "yellow", "A"),
        ("E3", 35, "green", "B"),
        ("E4", 0, "green", ""),
    ]


THRESHOLDS = [(39, "green"), (40, "yellow"), (79, "yellow"), (80, "red"), (500, "red")]


@pytest.mark.parametrize(("weight", "channel"), THRESHOLDS)
def test_thresholds_are_inclusive(make_entries: EntriesFactory, weight: int, channel: str) -> None:
    scored = score(make_entries({}), ruleset(rule("A", "true", weight))).table
    assert scored.column("channel").to_pylist() == [channel]


FORCED = [
    ([("A", 0, "red")], "red"),
    ([("A", 100, "green")], "green"),
    ([("A", 0, "yellow"), ("B", 0, "red")], "red"),
    ([("A", 100, "green"), ("B", 0, "yellow")], "yellow"),
]


@pytest.mark.parametrize(("forcing", "channel"), FORCED)
def test_a_forced_channel_overrides_the_score_and_the_most_severe_wins(
    make_entries: EntriesFactory, forcing: list[tuple[str, int, str]], channel: str
) -> None:
    rules = ruleset(*(rule(i, "true", w, f", force_channel: {c}") for i, w, c in forcing))
    assert score(make_entries({}), rules).table.column("channel").to_pylist() == [channel]


def test_a_rule_fires_only_within_its_validity_dates(make_entries: EntriesFactory) -> None:
    rules = ruleset(rule("A", "true", 50, ", valid_from: 2025-03-02, valid_to: 2025-03-04"))
    days = [date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 4), date(2025, 3, 5)]
    scored = score(make_entries(*({"arrival_date": d} for d in days)), rules).table
    assert scored.column("fired").to_pylist() == ["", "A", "A", ""]


def test_a_rule_on_a_missing_value_does_not_fire(make_entries: EntriesFactory) -> None:
    scored = score(make_entries({"value": None}), ruleset(rule("A", "value < 10", 50))).table
    assert rows(scored, "score", "fired") == [(0, "")]


def many(make_entries: EntriesFactory, count: int = 2000) -> pa.Table:
    return make_entries(*({"value": float(i)} for i in range(count)))


def test_the_random_sample_takes_its_share_of_green_entries(make_entries: EntriesFactory) -> None:
    scored = score(many(make_entries), ruleset(rule("A", "false"), sample=0.1), seed=7).table
    chosen = scored.filter(scored.column("random"))
    assert 150 < chosen.num_rows < 250
    assert set(chosen.column("channel").to_pylist()) == {"yellow"}


def test_the_random_sample_is_reproducible_from_the_seed_and_not_row_order(
    make_entries: EntriesFactory,
) -> None:
    entries = many(make_entries)
    rules = ruleset(rule("A", "false"), sample=0.1)
    first = score(entries, rules, seed=7).table
    again = score(entries, rules, seed=7).table
    shuffled = score(entries.take(pa.array(range(entries.num_rows - 1, -1, -1))), rules, seed=7)
    other_seed = score(entries, rules, seed=8).table

    def chosen(table: pa.Table) -> set[str]:
        return set(table.filter(table.column("random")).column("id").to_pylist())

    assert chosen(first) == chosen(again) == chosen(shuffled.table)
    assert chosen(first) != chosen(other_seed)


def test_the_random_draw_is_the_documented_md5(make_entries: EntriesFactory) -> None:
    entries = many(make_entries, 300)
    scored = score(entries, ruleset(rule("A", "false"), sample=0.25), seed=3).table

    def draw(entry_id: str) -> float:
        digest = hashlib.md5(f"3:{entry_id}".encode()).digest()  # noqa: S324 - not security
        return (int.from_bytes(digest, "little") >> 96) / 2**32

    expected = [draw(entry_id) < 0.25 for entry_id in entries.column("id").to_pylist()]
    assert scored.column("random").to_pylist() == expected


def test_red_entries_over_a_ports_daily_capacity_are_flagged(make_entries: EntriesFactory) -> None:
    # given four red entries at port 1001 on one day, one at 2002, capacity 2 a day
    entries = make_entries(
        {"value": 10.0}, {"value": 40.0}, {"value": 30.0}, {"value": 20.0}, {"port": "2002"}
    )
    rules = ruleset(rule("A", "true", 80), rule("B", "value >= 30", 10))
    # when
    scored = score(entries, rules, capacity={"1001": 2, "2002": 0}).table
    # then the two highest scores at 1001 keep red; the rest go yellow, flagged
    assert rows(scored, "id", "channel", "over_capacity") == [
        ("E1", "yellow", True),
        ("E2", "red", False),
        ("E3", "red", False),
        ("E4", "yellow", True),
        ("E5", "yellow", True),
    ]


def test_without_capacity_nothing_is_over_capacity(make_entries: EntriesFactory) -> None:
    scored = score(make_entries({}, {}), ruleset(rule("A", "true", 90))).table
    assert not pc.any(scored.column("over_capacity")).as_py()


def test_rules_may_use_extra_columns_of_the_input(make_entries: EntriesFactory) -> None:
    entries = make_entries(
        {"risk_flag": True}, {"risk_flag": False}, extra={"risk_flag": pa.bool_()}
    )
    rules = parse_ruleset(
        "name: t\nversion: '1'\nchannels: {red: 80, yellow: 40}\nrules:\n"
        + rule("A", "risk_flag", 50),
        columns=["risk_flag"],
    )
    assert score(entries, rules).table.column("fired").to_pylist() == ["A", ""]


def test_a_rule_that_is_not_true_or_false_on_the_entries_is_refused(
    make_entries: EntriesFactory,
) -> None:
    with pytest.raises(RuleSetError) as refused:
        score(make_entries({}), ruleset(rule("A", "coalesce(value, 0)")))
    assert [(p.code, p.rule_id) for p in refused.value.problems] == [(RuleError.NOT_BOOLEAN, "A")]


def test_scores_say_which_rule_set_version_made_them(make_entries: EntriesFactory) -> None:
    scored = score(make_entries({}), ruleset(rule("A", "true")), seed=4)
    assert scored.ruleset == "t@2"
    assert scored.table.schema.metadata[b"borderops.ruleset"] == b"t@2"


def test_fired_rules_are_explained_with_their_titles() -> None:
    rules = ruleset(rule("A", "true", 5), rule("B", "true", 7))
    assert [(r.id, r.title, r.weight) for r in explain(rules, "A;B")] == [
        ("A", "Rule A", 5),
        ("B", "Rule B", 7),
    ]
