"""Rule-set versions, scoring runs, worklists, examination results and backtests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from borderops.core.targeting.types import RuleError, RuleSetError
from borderops.crossings.models import GroundTruth
from borderops.targeting import services
from borderops.targeting.choices import VersionStatus
from borderops.targeting.models import EntryScore, ExaminationResult, RuleSetVersion

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------------------------
# Versions
# --------------------------------------------------------------------------------------------


def test_a_valid_rule_set_saves_as_a_draft_numbered_in_turn(rules_yaml: str) -> None:
    first = services.save_version(source=rules_yaml, user=None)
    second = services.save_version(source=rules_yaml + "\n", user=None, note="  tweak ")

    assert (first.number, second.number) == (1, 2)
    assert first.rule_set == second.rule_set and first.rule_set.name == "test-cargo"
    assert first.status == VersionStatus.DRAFT and first.rule_count == 2
    assert second.note == "tweak"
    assert services.ruleset_of(second).label == "test-cargo@2"


BAD_RULES = [
    # (what to change, code, rule id, part fragment, line)
    ("origin = 'EC'", RuleError.UNKNOWN_COLUMN, "BANANA-EC", "origine", 6),
    ("weight: 90", RuleError.BAD_TYPE, "BANANA-EC", "weight", 6),
    ("category: narcotics", RuleError.BAD_VALUE, "BANANA-EC", "category", 6),
]


@pytest.mark.parametrize(("change", "code", "rule_id", "part", "line"), BAD_RULES)
def test_a_rule_with_a_problem_is_refused_with_its_id_field_and_line(
    rules_yaml: str, change: str, code: RuleError, rule_id: str, part: str, line: int
) -> None:
    broken = {
        "origin = 'EC'": "origine = 'EC'",
        "weight: 90": "weight: lots",
        "category: narcotics": "category: smuggling",
    }[change]

    with pytest.raises(RuleSetError) as refused:
        services.save_version(source=rules_yaml.replace(change, broken), user=None)

    problem = refused.value.problems[0]
    assert problem.code is code and problem.rule_id == rule_id
    assert part in problem.part and problem.line == line
    assert not RuleSetVersion.objects.exists()


def test_a_file_reading_function_is_refused_naming_it(rules_yaml: str) -> None:
    text = rules_yaml.replace("net_kg > 10000", "length(read_text('/etc/passwd')) > 0")

    problems = services.check_source(text=text)

    assert [p.code for p in problems] == [RuleError.FORBIDDEN_FUNCTION]
    assert problems[0].rule_id == "HEAVY" and "read_text" in problems[0].part


def test_a_rule_that_is_not_true_or_false_is_refused(rules_yaml: str) -> None:
    problems = services.check_source(text=rules_yaml.replace("net_kg > 10000", "net_kg + 1"))

    assert [(p.code, p.rule_id) for p in problems] == [(RuleError.NOT_BOOLEAN, "HEAVY")]


def test_a_name_that_is_not_a_slug_is_refused(rules_yaml: str) -> None:
    problems = services.check_source(text=rules_yaml.replace("test-cargo", "Test Cargo"))

    assert [(p.part, p.rule_id) for p in problems] == [("name", None)]


def test_saving_under_another_rule_sets_name_is_refused(rules_yaml: str) -> None:
    version = services.save_version(source=rules_yaml, user=None)

    with pytest.raises(RuleSetError) as refused:
        services.save_version(
            source=rules_yaml.replace("test-cargo", "other-cargo"),
            user=None,
            rule_set=version.rule_set,
        )

    assert refused.value.problems[0].part == "name"
    assert RuleSetVersion.objects.count() == 1


def test_activating_a_version_retires_the_one_before(rules_yaml: str, make_user: Any) -> None:
    analyst = make_user("analyst")
    first = services.save_version(source=rules_yaml, user=analyst)
    second = services.save_version(source=rules_yaml + "\n", user=analyst)
    services.activate_version(version=first, user=analyst)

    services.activate_version(version=second, user=analyst)

    first.refresh_from_db()
    assert first.status == VersionStatus.RETIRED
    assert second.status == VersionStatus.ACTIVE and second.activated_by == analyst
    assert services.active_version("test-cargo") == second
    assert services.active_version() == second


def test_the_database_refuses_two_active_versions_of_one_rule_set(rules_yaml: str) -> None:
    first = services.save_version(source=rules_yaml, user=None)
    second = services.save_version(source=rules_yaml, user=None)
    services.activate_version(version=first, user=None)

    second.status = VersionStatus.ACTIVE
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_without_an_active_version_nothing_is_scored(day_of_shipments: Any, day: Any) -> None:
    with pytest.raises(services.TargetingError, match="activate one first"):
        services.score_shipments(date_from=day)
    with pytest.raises(services.TargetingError, match="no rule set named"):
        services.active_version("missing")


# --------------------------------------------------------------------------------------------
# Scoring and the worklist
# --------------------------------------------------------------------------------------------


def test_scoring_a_day_stores_every_shipments_score_with_the_version(
    day_of_shipments: Any, active_rules: Any, day: Any, make_user: Any
) -> None:
    analyst = make_user("analyst")

    run = services.score_shipments(date_from=day, user=analyst)

    assert run.version == active_rules and run.started_by == analyst
    assert (run.entry_count, run.red_count, run.yellow_count, run.green_count) == (6, 2, 1, 3)
    red = EntryScore.objects.get(run=run, shipment=day_of_shipments["red"])
    assert (red.score, red.channel, red.fired) == (90, "red", ["BANANA-EC"])
    yellow = EntryScore.objects.get(run=run, shipment=day_of_shipments["yellow"])
    assert (yellow.score, yellow.channel, yellow.fired) == (50, "yellow", ["HEAVY"])


def test_scoring_one_port_leaves_the_others(
    day_of_shipments: Any, active_rules: Any, day: Any
) -> None:
    from borderops.reference.models import PortOfEntry

    run = services.score_shipments(date_from=day, port=PortOfEntry.objects.get(code="2304"))

    assert run.entry_count == 1 and run.red_count == 1


def test_a_day_without_shipments_is_refused(active_rules: Any, day: Any) -> None:
    with pytest.raises(services.TargetingError, match="nothing was scored"):
        services.score_shipments(date_from=day - timedelta(days=30))


def test_red_capacity_keeps_the_highest_scores_red_and_flags_the_rest(
    make_shipment: Any, active_rules: Any, day: Any
) -> None:
    heavy_bananas = make_shipment(hs_code="080390", origin="EC", net_kg=20000.0, gross_kg=21000.0)
    bananas = make_shipment(hs_code="080390", origin="EC")

    run = services.score_shipments(date_from=day, red_capacity=1)

    scores = {s.shipment_id: s for s in EntryScore.objects.filter(run=run)}
    assert scores[heavy_bananas.pk].channel == "red" and not scores[heavy_bananas.pk].over_capacity
    assert scores[bananas.pk].channel == "yellow" and scores[bananas.pk].over_capacity
    assert run.over_capacity_count == 1


def test_the_worklist_puts_red_first_then_yellow_and_leaves_green_out(
    day_of_shipments: Any, active_rules: Any, day: Any, make_user: Any
) -> None:
    services.score_shipments(date_from=day)
    port = day_of_shipments["red"].port

    found = services.worklist(user=make_user("analyst"), port=port, day=day)
    everything = services.worklist(
        user=make_user("analyst"), port=port, day=day, include_green=True
    )

    assert [s.shipment for s in found.scores] == [
        day_of_shipments["red"],
        day_of_shipments["yellow"],
    ]
    assert len(everything.scores) == 5 and everything.scores[-1].channel == "green"


def test_the_worklist_shows_the_latest_run(
    day_of_shipments: Any, active_rules: Any, day: Any, rules_yaml: str, make_user: Any
) -> None:
    services.score_shipments(date_from=day)
    heavier = services.save_version(
        source=rules_yaml.replace("weight: 50", "weight: 85"), user=None
    )
    services.activate_version(version=heavier, user=None)
    latest = services.score_shipments(date_from=day)

    found = services.worklist(user=make_user("analyst"), port=day_of_shipments["red"].port, day=day)

    assert found.run == latest
    assert [s.channel for s in found.scores] == ["red", "red"]


def test_an_officer_sees_only_the_worklist_of_their_own_port(
    day_of_shipments: Any, active_rules: Any, day: Any, make_user: Any, organisation_tree: Any
) -> None:
    services.score_shipments(date_from=day)
    port = day_of_shipments["red"].port
    here = make_user("officer")
    laredo = make_user("officer", organisation=organisation_tree["laredo"])

    assert len(services.worklist(user=here, port=port, day=day).scores) == 2
    assert services.worklist(user=laredo, port=port, day=day).scores == []


def test_a_trial_run_scores_a_sample_and_stores_nothing(
    day_of_shipments: Any, rules_yaml: str, day: Any
) -> None:
    trial = services.trial_run(source=rules_yaml, day=day, sample=4)

    assert trial.entries == 4
    assert trial.channels == {"red": 1, "yellow": 1, "green": 2}
    assert trial.top[0].id == day_of_shipments["red"].reference
    assert trial.top[0].fired[0].when == "hs_code LIKE '0803%' AND origin = 'EC'"
    assert not EntryScore.objects.exists() and not RuleSetVersion.objects.exists()


def test_entries_given_as_data_are_scored_against_the_stored_history(
    day_of_shipments: Any, active_rules: Any, day: Any
) -> None:
    results = services.score_entries(
        entries=[
            {"id": "A", "hs_code": "080390", "origin": "EC", "arrival_date": day},
            {"id": "B", "hs_code": "851712", "origin": "MX", "net_kg": 50.0},
        ],
        version=active_rules,
    )

    assert [(r.id, r.score, r.channel) for r in results] == [("A", 90, "red"), ("B", 0, "green")]
    assert results[0].fired[0].title == "Bananas from Ecuador"
    assert not EntryScore.objects.exists()


# --------------------------------------------------------------------------------------------
# Examination results and backtests
# --------------------------------------------------------------------------------------------


def test_an_examination_result_is_recorded_and_a_second_one_corrects_it(
    day_of_shipments: Any, active_rules: Any, day: Any, make_user: Any
) -> None:
    run = services.score_shipments(date_from=day)
    officer = make_user("officer")
    shipment = day_of_shipments["red"]

    services.record_examination(shipment=shipment, user=officer, finding=False)
    result = services.record_examination(
        shipment=shipment, user=officer, finding=True, category="narcotics", quantity=12.5
    )

    assert ExaminationResult.objects.count() == 1
    assert (result.finding, result.category, result.quantity) == (True, "narcotics", 12.5)
    assert result.score == EntryScore.objects.get(run=run, shipment=shipment)
    assert result.recorded_by == officer


@pytest.mark.parametrize(
    ("finding", "category", "quantity", "field"),
    [
        (True, "", None, "category"),
        (True, "smuggling", None, "category"),
        (False, "narcotics", None, "category"),
        (True, "narcotics", -1.0, "quantity"),
    ],
)
def test_an_inconsistent_examination_result_is_refused_naming_the_field(
    day_of_shipments: Any,
    finding: bool,
    category: str,
    quantity: float | None,
    field: str,
) -> None:
    with pytest.raises(services.TargetingError, match=f"^{field}:"):
        services.record_examination(
            shipment=day_of_shipments["red"],
            user=None,
            finding=finding,
            category=category,
            quantity=quantity,
        )
    assert not ExaminationResult.objects.exists()


def test_the_database_refuses_a_finding_without_a_category(day_of_shipments: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ExaminationResult.objects.create(shipment=day_of_shipments["red"], finding=True)


def test_a_backtest_counts_what_examinations_found_per_rule_and_channel(
    day_of_shipments: Any, active_rules: Any, day: Any
) -> None:
    services.record_examination(
        shipment=day_of_shipments["red"], user=None, finding=True, category="narcotics"
    )
    services.record_examination(shipment=day_of_shipments["yellow"], user=None, finding=False)

    result = services.backtest_version(version=active_rules, date_from=day, date_to=day)

    assert (result.entries, result.examined, result.violations) == (6, 2, 1)
    rules = {rule.rule_id: rule for rule in result.rules}
    assert (rules["BANANA-EC"].fired, rules["BANANA-EC"].examined, rules["BANANA-EC"].hits) == (
        2,
        1,
        1,
    )
    assert rules["HEAVY"].hits == 0
    channels = {channel.channel: channel for channel in result.channels}
    assert channels["red"].share_of_violations == 1.0


def test_a_backtest_on_ground_truth_treats_every_entry_as_examined(
    day_of_shipments: Any, active_rules: Any, day: Any
) -> None:
    GroundTruth.objects.create(
        record_type="shipment",
        record_reference=day_of_shipments["laredo_red"].reference,
        violation="concealed_narcotics",
        quantity=20.0,
    )
    GroundTruth.objects.create(
        record_type="shipment",
        record_reference=day_of_shipments["green"][0].reference,
        violation="undervalued",
    )

    result = services.backtest_version(
        version=active_rules, date_from=day, date_to=day, outcomes="ground_truth"
    )

    assert (result.examined, result.violations) == (6, 2)
    assert result.detection_at(1.0) == 1.0
    assert {r.rule_id: r.category_hits for r in result.rules}["BANANA-EC"] == 1


def test_comparing_two_versions_shows_the_rule_added_and_the_change_in_detection(
    day_of_shipments: Any, active_rules: Any, day: Any, rules_yaml: str
) -> None:
    GroundTruth.objects.create(
        record_type="shipment",
        record_reference=day_of_shipments["green"][0].reference,
        violation="undervalued",
    )
    after = services.save_version(
        source=rules_yaml
        + f"""  - id: THIS-ONE
    title: The one known to be undervalued
    category: undervaluation
    when: id = '{day_of_shipments["green"][0].reference}'
    weight: 100
""",
        user=None,
    )

    comparison = services.compare_versions(
        before=active_rules, after=after, date_from=day, date_to=day, outcomes="ground_truth"
    )

    assert comparison.rules_added == ("THIS-ONE",)
    assert comparison.before.detection_at(0.2) == 0.0
    assert comparison.after.detection_at(0.2) == 1.0


# --------------------------------------------------------------------------------------------
# Demo
# --------------------------------------------------------------------------------------------


def test_the_demo_rules_are_installed_active_and_score_every_shipment(
    day_of_shipments: Any,
) -> None:
    run = services.install_demo_rules()
    again = services.install_demo_rules()

    assert run is not None and again is not None
    assert run.version.rule_set.name == "example-cargo"
    assert run.version.status == VersionStatus.ACTIVE
    assert run.entry_count == 6
    assert RuleSetVersion.objects.count() == 1
    # The demo risk model, learned from generated earlier shipments, is in force for every
    # port and scored every entry; installing again trains nothing new.
    from borderops.risk.models import EntryRiskScore, ModelActivation, RiskModelVersion

    activation = ModelActivation.objects.get(active=True)
    assert activation.scope == "all" and activation.version.stamp == "cargo-risk@1"
    assert activation.version.ruleset == "example-cargo@1"
    assert RiskModelVersion.objects.count() == 1
    assert EntryRiskScore.objects.filter(entry_score__run=again).count() == 6
