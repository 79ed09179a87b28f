"""The channel policy: forced channels, then model reds within capacity, then rules; the
random compliance sample drawn outside the model."""

from __future__ import annotations

from hashlib import md5

import numpy as np
import pyarrow as pa

from borderops.core.risk.policy import ChannelPolicy, assign_channels, random_draws
from borderops.core.targeting.rulesets import ruleset_from_mapping

RULES = ruleset_from_mapping(
    {
        "name": "policy-test",
        "version": "1",
        "channels": {"red": 80, "yellow": 40},
        "random_sample": 0.0,
        "rules": [
            {"id": "FORCE", "title": "Forced", "category": "other", "when": "value > 0",
             "weight": 1, "force_channel": "red"},
            {"id": "HIGH", "title": "High", "category": "other", "when": "value > 0",
             "weight": 90},
            {"id": "MID", "title": "Mid", "category": "other", "when": "value > 0",
             "weight": 50},
        ],
    }
)  # fmt: skip


def _decide(
    model: list[float], rules: list[float], fired: list[str], policy: ChannelPolicy,
    ports: list[str] | None = None,
) -> list[dict[str, object]]:  # fmt: skip
    n = len(model)
    return assign_channels(
        ids=pa.array([f"E{i}" for i in range(n)]),
        ports=pa.array(ports or ["P1"] * n),
        days=np.zeros(n),
        model_scores=np.array(model),
        rule_scores=np.array(rules),
        fired=pa.array(fired),
        ruleset=RULES,
        policy=policy,
    ).to_pylist()


def test_forced_channels_come_first_and_take_the_places() -> None:
    # Given ten entries at a port with two red places, one forced red by a rule;
    model = [0.9, 0.8, 0.7, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    fired = ["", "", "", "FORCE", "", "", "", "", "", ""]
    rows = _decide(model, [0] * 10, fired, ChannelPolicy(model_share=0.2, capacity={"P1": 2}))
    # then the forced entry is red, the best model score takes the last place, and the next
    # model pick is over capacity.
    assert (rows[3]["channel"], rows[3]["decided_by"]) == ("red", "forced")
    assert (rows[0]["channel"], rows[0]["decided_by"]) == ("red", "model")
    assert (rows[1]["channel"], rows[1]["decided_by"], rows[1]["over_capacity"]) == (
        "yellow", "over_capacity", True,
    )  # fmt: skip
    assert rows[2]["channel"] == "green"


def test_model_reds_are_the_top_share_of_the_batch() -> None:
    model = [0.1, 0.9, 0.5, 0.2, 0.8, 0.3]
    ports = ["P1", "P1", "P1", "P2", "P2", "P2"]
    rows = _decide(model, [0] * 6, [""] * 6, ChannelPolicy(model_share=0.3), ports)
    assert [row["channel"] for row in rows] == ["green", "red", "green", "green", "red", "green"]


def test_small_port_days_do_not_each_get_a_model_red() -> None:
    # Twenty ports with one entry each: 5 % is one red, the best score, not one per port.
    model = [0.01 * i for i in range(20)]
    rows = _decide(model, [0] * 20, [""] * 20, ChannelPolicy(model_share=0.05),
                   [f"P{i}" for i in range(20)])  # fmt: skip
    assert [i for i, row in enumerate(rows) if row["channel"] == "red"] == [19]


def test_the_rules_decide_the_rest() -> None:
    rows = _decide([0.9, 0.1, 0.1, 0.1], [0, 90, 50, 10], ["", "HIGH", "MID", ""],
                   ChannelPolicy(model_share=0.25))  # fmt: skip
    assert [(r["channel"], r["decided_by"]) for r in rows] == [
        ("red", "model"), ("red", "rules"), ("yellow", "rules"), ("green", "rules"),
    ]  # fmt: skip


def test_the_random_sample_ignores_the_scores_and_marks_every_drawn_entry() -> None:
    rows = _decide([0.9, 0.1, 0.1], [0, 50, 0], ["", "MID", ""],
                   ChannelPolicy(model_share=0.3, random_sample=1.0))  # fmt: skip
    assert all(row["random"] for row in rows)
    assert [(r["channel"], r["decided_by"]) for r in rows] == [
        ("red", "model"), ("yellow", "rules"), ("yellow", "random"),
    ]  # fmt: skip


def test_random_draws_are_the_targeting_engines_hash_of_seed_and_id() -> None:
    ids = ["E1", "E2", "X-99"]
    expected = [
        (int.from_bytes(md5(f"7:{i}".encode()).digest(), "little") >> 96) / 2**32  # noqa: S324
        for i in ids
    ]
    assert np.allclose(random_draws(pa.array(ids), 7), expected)


def test_each_model_takes_its_share_and_all_reds_share_the_port_capacity() -> None:
    # Four entries at one port and day: two under model 0, one under model 1, one under none.
    model = [0.9, 0.2, 0.8, 0.99]
    rows = assign_channels(
        ids=pa.array(["A", "B", "C", "D"]),
        ports=pa.array(["P1"] * 4),
        days=np.zeros(4),
        model_scores=np.array(model),
        rule_scores=np.array([0.0, 90.0, 0.0, 0.0]),
        fired=pa.array(["", "HIGH", "", ""]),
        ruleset=RULES,
        policy=ChannelPolicy(capacity={"P1": 2}),
        models=np.array([0, 0, 1, -1]),
        shares=[0.5, 1.0],
    ).to_pylist()
    # Model 0 picks A (its top half), model 1 picks C; D has no model, whatever its score.
    assert [(r["channel"], r["decided_by"]) for r in rows] == [
        ("red", "model"), ("yellow", "over_capacity"), ("red", "model"), ("green", "rules"),
    ]  # fmt: skip
