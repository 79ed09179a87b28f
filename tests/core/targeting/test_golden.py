"""The optimised engine against a straightforward computation on a fixed synthetic sample.

``score`` packs fired rules into bit masks, scores each distinct combination once and joins
back; ``derive_features`` works history out over distinct keys. Here the same numbers are
computed the plain way, one rule or one entry at a time (each rule its own DuckDB query,
each feature in Python), and must agree exactly.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from borderops.core.reference.ports import curated_ports
from borderops.core.synth.cargo import SHIPMENT_KINDS, build_cargo
from borderops.core.synth.check_digits import container_is_valid
from borderops.core.synth.ground_truth import LookoutBook, TruthBook
from borderops.core.synth.names import NameBook
from borderops.core.synth.shipments import ShipmentMaker
from borderops.core.synth.violations import quotas
from borderops.core.targeting.engine import score
from borderops.core.targeting.features import DEFAULT_COUNTRIES_OF_CONCERN, derive_features
from borderops.core.targeting.rulesets import ruleset_from_mapping
from borderops.core.targeting.types import RuleSet

# One rule per feature and construct, a forced channel, validity dates and a random sample.
RULES: list[dict[str, Any]] = [
    {"when": "hs_code LIKE '08%' AND origin IN ('CO', 'EC', 'GT')", "weight": 25},
    {"when": "value_per_kg < 0.5", "weight": 15},
    {"when": "value_per_kg_z < -2", "weight": 45},
    {"when": "value_per_kg_z > 3", "weight": 30, "force_channel": "yellow"},
    {"when": "abs(kg_per_unit_z) > 3", "weight": 20},
    {"when": "first_time_shipper AND value > 20000", "weight": 10},
    {"when": "first_time_consignee", "weight": 5},
    {"when": "route_countries_of_concern > 0 AND mode = 'sea'", "weight": 35},
    {"when": "NOT container_check_digit_ok", "weight": 40},
    {"when": "weight_inconsistent", "weight": 50, "force_channel": "red"},
    {"when": "lower(description) LIKE '%banana%'", "weight": 5, "valid_from": "2025-03-10"},
    {"when": "gross_kg > 20000", "weight": 12, "valid_to": "2025-03-20"},
    {"when": "starts_with(shipper, 'A') OR port = '2304'", "weight": 8},
    {"when": "origin = 'CN' AND quantity > 1000", "weight": 60, "force_channel": "green"},
]


@pytest.fixture(scope="module")
def sample() -> pa.Table:
    maker = ShipmentMaker(
        seed=77, count=1500, start=date(2025, 3, 3), days=30, ports=curated_ports(),
        names=NameBook(77),
    )  # fmt: skip
    table, _ = build_cargo(
        maker=maker,
        quotas=quotas(1500, 0.05, SHIPMENT_KINDS),
        lookouts=LookoutBook(),
        truth=TruthBook(),
    )
    return _with_odd_containers(table.to_table())


# Bad check digits, bad forms, spaces, empty parts and more containers than the fast path.
ODD_CONTAINERS = [
    "CSQU3054384",
    "csqu 3054383",
    "CSQU3054383;;MSKU9070323;",
    "CSQU305438",
    "CSQ13054383",
    "CSQU3054383;MSKU9070323;CSQU3054383;MSKU9070323;CSQU3054383;MSKU9070323",
    "CSQU3054383;MSKU9070323;CSQU3054383;MSKU9070323;CSQU3054383;MSKU9070324",
    ";",
    " ",
]


def _with_odd_containers(table: pa.Table) -> pa.Table:
    containers = table.column("containers").to_pylist()
    for n, odd in enumerate(ODD_CONTAINERS):
        containers[n * 97] = odd
    index = table.column_names.index("containers")
    return table.set_column(index, "containers", pa.array(containers, pa.string()))


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    rules = [
        {"id": f"G-{n:02d}", "title": rule["when"], "category": "other", **rule}
        for n, rule in enumerate(RULES)
    ]
    document = {
        "name": "golden", "version": "1", "channels": {"red": 70, "yellow": 30},
        "random_sample": 0.05, "rules": rules,
    }  # fmt: skip
    return ruleset_from_mapping(document)


def _draw(seed: int, entry_id: str) -> float:
    digest = hashlib.md5(f"{seed}:{entry_id}".encode()).digest()  # noqa: S324 - not security
    return (int.from_bytes(digest, "little") >> 96) / 2**32


def _fired_one_rule_at_a_time(features: pa.Table, ruleset: RuleSet) -> list[list[bool]]:
    connection = duckdb.connect()
    try:
        connection.register("features", features)
        columns = []
        for rule in ruleset.rules:
            condition = f"({rule.sql})"
            if rule.valid_from is not None:
                condition += f" AND arrival_date >= DATE '{rule.valid_from}'"
            if rule.valid_to is not None:
                condition += f" AND arrival_date <= DATE '{rule.valid_to}'"
            rows = connection.sql(
                f"SELECT coalesce({condition}, false) FROM features"  # noqa: S608 - checked rule
            ).fetchall()
            columns.append([bool(row[0]) for row in rows])
    finally:
        connection.close()
    return [list(fired) for fired in zip(*columns, strict=True)]


def _expected_scores(features: pa.Table, ruleset: RuleSet, seed: int) -> list[tuple[Any, ...]]:
    expected = []
    ids = features.column("id").to_pylist()
    for entry_id, flags in zip(ids, _fired_one_rule_at_a_time(features, ruleset), strict=True):
        fired = [rule for rule, flag in zip(ruleset.rules, flags, strict=True) if flag]
        total = sum(rule.weight for rule in fired)
        forced = max((r.force_channel.severity for r in fired if r.force_channel), default=0)
        if forced:
            channel = {3: "red", 2: "yellow", 1: "green"}[forced]
        elif total >= ruleset.thresholds.red:
            channel = "red"
        elif total >= ruleset.thresholds.yellow:
            channel = "yellow"
        else:
            channel = "green"
        random = channel == "green" and _draw(seed, entry_id) < ruleset.random_sample
        expected.append(
            (
                entry_id,
                total,
                "yellow" if random else channel,
                random,
                ";".join(r.id for r in fired),
            )
        )
    return expected


def test_scores_equal_one_rule_at_a_time(sample: pa.Table, ruleset: RuleSet) -> None:
    # given the features as derive_features gives them
    features = derive_features(sample)
    # when the engine scores the sample
    scored = score(sample, ruleset, seed=11).table
    # then every entry's score, channel, random draw and fired rules match the plain way
    columns = [scored.column(c).to_pylist() for c in ("id", "score", "channel", "random", "fired")]
    got = list(zip(*columns, strict=True))
    assert got == _expected_scores(features, ruleset, seed=11)
    fired_somewhere = {rule for row in got for rule in row[4].split(";") if rule}
    assert len(fired_somewhere) >= len(RULES) - 2  # the sample exercises the rules


def _robust_z(values: list[float | None], groups: list[tuple[Any, ...]]) -> list[float | None]:
    by_pair: dict[tuple[Any, ...], list[float]] = defaultdict(list)
    by_code: dict[Any, list[float]] = defaultdict(list)
    for value, (code, origin) in zip(values, groups, strict=True):
        if value is not None and code is not None:
            by_code[code].append(value)
            if origin is not None:
                by_pair[(code, origin)].append(value)

    def norm(history: list[float]) -> tuple[float, float]:
        median = statistics.median(history)
        mad = statistics.median(abs(v - median) for v in history)
        return median, max(1.4826 * mad, 0.05)

    z: list[float | None] = []
    for value, (code, origin) in zip(values, groups, strict=True):
        history = by_pair.get((code, origin), [])
        if len(history) < 5:
            history = by_code.get(code, [])
        if value is None or len(history) < 5:
            z.append(None)
            continue
        median, spread = norm(history)
        z.append((value - median) / spread)
    return z


def _log_ratio(top: Iterable[Any], bottom: Iterable[Any]) -> list[float | None]:
    return [
        math.log(t / b) if t is not None and b is not None and t > 0 and b > 0 else None
        for t, b in zip(top, bottom, strict=True)
    ]


def _first_time(parties: list[str | None], days: list[date]) -> list[bool]:
    first: dict[str, date] = {}
    for party, day in zip(parties, days, strict=True):
        if party is not None:
            key = party.strip(" ").upper()
            first[key] = min(day, first.get(key, day))
    return [
        party is None or day <= first[party.strip(" ").upper()]
        for party, day in zip(parties, days, strict=True)
    ]


def _containers_ok(containers: str | None) -> bool | None:
    if not (containers or "").strip(" "):
        return None
    assert containers is not None
    boxes = [box for box in containers.replace(" ", "").upper().split(";") if box]
    if not boxes:
        return None  # only separators: nothing to judge
    return all(container_is_valid(box) and box[:4].isalpha() for box in boxes)


def test_features_equal_a_plain_python_computation(sample: pa.Table) -> None:
    # given the sample's columns as Python lists
    rows = sample.to_pydict()
    codes = ["".join(ch for ch in (code or "") if ch.isdigit())[:6] for code in rows["hs_code"]]
    groups = list(zip(codes, rows["origin"], strict=True))
    concern = set(DEFAULT_COUNTRIES_OF_CONCERN)
    # when
    features = derive_features(sample).to_pydict()
    # then
    assert features["value_per_kg_z"] == pytest.approx(
        _robust_z(_log_ratio(rows["value"], rows["net_kg"]), groups), rel=1e-9, abs=1e-12
    )
    assert features["kg_per_unit_z"] == pytest.approx(
        _robust_z(_log_ratio(rows["net_kg"], rows["quantity"]), groups), rel=1e-9, abs=1e-12
    )
    assert features["first_time_shipper"] == _first_time(rows["shipper"], rows["arrival_date"])
    assert features["first_time_consignee"] == _first_time(rows["consignee"], rows["arrival_date"])
    assert features["route_countries_of_concern"] == [
        sum(place.strip(" ")[:2].upper() in concern for place in route.split(";")) if route else 0
        for route in rows["route"]
    ]
    assert features["container_check_digit_ok"] == [_containers_ok(b) for b in rows["containers"]]
    assert any(ok is False for ok in features["container_check_digit_ok"])
