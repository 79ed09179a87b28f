"""Derived features, each checked on entries small enough to work out by hand."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

import pyarrow as pa
import pytest

from borderops.core.synth.check_digits import container_check_digit, container_is_valid
from borderops.core.targeting.features import FEATURE_NAMES, FEATURES, derive_features

EntriesFactory = Callable[..., pa.Table]

CONTAINERS = [
    ("CSQU3054383", True),  # the ISO 6346 worked example
    ("MSKU9070323", True),
    ("CSQU3054384", False),  # wrong check digit
    ("CSQU305438", False),  # too short
    ("CSQ13054383", False),  # a digit in the owner code
    ("CSQU3054383;MSKU9070323", True),
    ("CSQU3054383;MSKU9070324", False),  # one bad container spoils the entry
    ("csqu 3054383", True),  # case and spaces do not matter
]


@pytest.mark.parametrize(("containers", "ok"), CONTAINERS)
def test_container_check_digit_ok_follows_iso_6346(
    make_entries: EntriesFactory, containers: str, ok: bool
) -> None:
    features = derive_features(make_entries({"containers": containers}))
    assert features.column("container_check_digit_ok").to_pylist() == [ok]


def test_container_check_digit_ok_is_empty_without_containers(
    make_entries: EntriesFactory,
) -> None:
    features = derive_features(make_entries({"containers": None}, {"containers": ""}))
    assert features.column("container_check_digit_ok").to_pylist() == [None, None]


def test_the_sql_check_digit_agrees_with_the_reference_on_random_numbers(
    make_entries: EntriesFactory,
) -> None:
    rng = random.Random(6346)
    numbers = []
    for _ in range(300):
        draft = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
        draft += f"{rng.randrange(10**6):06d}"
        numbers.append(draft + (container_check_digit(draft) if rng.random() < 0.5 else "0"))
    features = derive_features(make_entries(*({"containers": n} for n in numbers)))
    expected = [container_is_valid(number) for number in numbers]
    assert features.column("container_check_digit_ok").to_pylist() == expected


def test_value_per_kg_is_value_over_net_mass(make_entries: EntriesFactory) -> None:
    entries = make_entries({"value": 500.0, "net_kg": 250.0}, {"net_kg": 0.0})
    assert derive_features(entries).column("value_per_kg").to_pylist() == [2.0, None]


def test_value_per_kg_z_flags_the_cheap_entry_among_its_peers(
    make_entries: EntriesFactory,
) -> None:
    # given six banana entries from GT priced about 1 USD/kg and one at 0.2 USD/kg
    prices = [1.0, 1.05, 0.95, 1.1, 0.9, 1.0, 0.2]
    entries = make_entries(*({"value": 1000.0 * p} for p in prices))
    # when
    z = derive_features(entries).column("value_per_kg_z").to_pylist()
    # then the median entry sits at 0 and the cheap one far below
    assert z[0] == pytest.approx(0.0)
    assert z[6] < -10
    assert all(abs(value) < 2 for value in z[:6])


def test_value_per_kg_z_needs_enough_history(make_entries: EntriesFactory) -> None:
    entries = make_entries(*({"value": 1000.0} for _ in range(4)))
    assert derive_features(entries).column("value_per_kg_z").to_pylist() == [None] * 4


def test_a_supplied_history_sets_the_norm(make_entries: EntriesFactory) -> None:
    history = make_entries(*({"value": 1000.0 * p} for p in (1.0, 1.1, 0.9, 1.0, 1.05)))
    today = make_entries({"value": 200.0})
    z = derive_features(today, history=history).column("value_per_kg_z").to_pylist()
    assert z[0] < -10


def test_first_time_parties_are_those_not_seen_on_an_earlier_day(
    make_entries: EntriesFactory,
) -> None:
    entries = make_entries(
        {"shipper": "OLD CO", "arrival_date": date(2025, 3, 1)},
        {"shipper": "old co ", "arrival_date": date(2025, 3, 5)},
        {"shipper": "NEW CO", "arrival_date": date(2025, 3, 5), "consignee": None},
    )
    features = derive_features(entries)
    assert features.column("first_time_shipper").to_pylist() == [True, False, True]
    assert features.column("first_time_consignee").to_pylist()[:2] == [True, False]


ROUTES = [("CNSHA;SGSIN", 0), ("IRBND;AEJEA", 1), ("COCTG;PABLB;ECGYE", 2), (None, 0), ("VE", 1)]


@pytest.mark.parametrize(("route", "count"), ROUTES)
def test_route_countries_of_concern_counts_places_in_listed_countries(
    make_entries: EntriesFactory, route: str | None, count: int
) -> None:
    features = derive_features(make_entries({"route": route}))
    assert features.column("route_countries_of_concern").to_pylist() == [count]


def test_the_countries_of_concern_can_be_configured(make_entries: EntriesFactory) -> None:
    features = derive_features(make_entries({"route": "CNSHA;SGSIN"}), countries_of_concern=["SG"])
    assert features.column("route_countries_of_concern").to_pylist() == [1]


WEIGHTS = [
    ({"net_kg": 1000.0, "gross_kg": 1100.0}, False),
    ({"net_kg": 1200.0, "gross_kg": 1100.0}, True),
    ({"net_kg": 0.0}, True),
    ({"gross_kg": -5.0}, True),
    ({"quantity": 0}, True),
    ({"net_kg": None}, False),
]


@pytest.mark.parametrize(("fields", "inconsistent"), WEIGHTS)
def test_weight_inconsistent_catches_impossible_masses(
    make_entries: EntriesFactory, fields: dict[str, object], inconsistent: bool
) -> None:
    features = derive_features(make_entries(fields))
    assert features.column("weight_inconsistent").to_pylist() == [inconsistent]


def test_screening_scores_come_from_the_supplied_table(make_entries: EntriesFactory) -> None:
    entries = make_entries({}, {})
    scores = pa.table(
        {"id": ["E2"], "shipper_screening_score": [0.93], "consignee_screening_score": [0.0]}
    )
    features = derive_features(entries, party_scores=scores)
    assert features.column("shipper_screening_score").to_pylist() == [None, 0.93]
    assert derive_features(entries).column("shipper_screening_score").to_pylist() == [None, None]


def test_every_feature_has_a_meaning_for_analysts() -> None:
    assert all(len(feature.meaning) > 20 for feature in FEATURES)


def test_features_keep_the_input_order_and_extra_columns(make_entries: EntriesFactory) -> None:
    entries = make_entries(
        *({"value": float(v)} for v in range(50)), extra={"risk_flag": pa.bool_()}
    )
    features = derive_features(entries)
    assert features.column("id").to_pylist() == entries.column("id").to_pylist()
    assert "risk_flag" in features.column_names


def test_hs_description_mismatch_flags_goods_words_of_another_chapter(
    make_entries: EntriesFactory,
) -> None:
    # given many bananas under 0803 and telephones under 8517, then telephones under 0803
    bananas = [{"hs_code": "080390", "description": "fresh green bananas"}] * 20
    phones = [{"hs_code": "8517.12", "description": "mobile telephones"}] * 20
    odd = [
        {"hs_code": "080390", "description": "Mobile telephones, smartphones"},
        {"hs_code": "080390", "description": None},
    ]
    # when
    mismatch = (
        derive_features(make_entries(*bananas, *phones, *odd))
        .column("hs_description_mismatch")
        .to_pylist()
    )
    # then
    assert max(mismatch[:40]) < 0.01
    assert mismatch[40] > 0.9
    assert mismatch[41] is None


def test_rules_can_use_the_hs_description_mismatch(make_entries: EntriesFactory) -> None:
    from borderops.core.targeting.engine import score
    from borderops.core.targeting.rulesets import parse_ruleset

    entries = make_entries(
        *[{"hs_code": "080390", "description": "fresh green bananas"}] * 10,
        {"hs_code": "080390", "description": "green bananas"},
        {"hs_code": "851712", "description": "fresh green bananas"},
    )
    ruleset = parse_ruleset(
        "name: hs\nversion: '1'\nchannels: {red: 50, yellow: 10}\nrules:\n"
        "  - id: MISCLASS\n    title: Goods words of another chapter\n"
        "    category: misclassification\n    when: hs_description_mismatch > 0.8\n"
        "    weight: 60\n",
        columns=[*entries.column_names, *FEATURE_NAMES],
    )

    channels = score(entries, ruleset).table.column("channel").to_pylist()

    assert channels[-1] == "red" and set(channels[:-1]) == {"green"}
