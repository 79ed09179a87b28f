"""Risk models in the system: storing, training on recorded outcomes, activation per port
or mode, scoring runs that combine model and rules, measuring on history, and drift."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from borderops.risk import services
from borderops.risk.choices import Decision
from borderops.risk.models import EntryRiskScore, ModelActivation
from borderops.targeting import services as targeting
from borderops.targeting.choices import OutcomeSource
from borderops.targeting.models import EntryScore, ExaminationResult

pytestmark = pytest.mark.django_db

LAST_DAY = date(2026, 10, 30)


def test_a_stored_model_keeps_its_card_period_and_number(stored_model: Any) -> None:
    assert stored_model.stamp == "cargo-risk@1"
    assert stored_model.label == "violation"
    assert stored_model.trained_from == date(2026, 9, 1)
    assert stored_model.trained_to is not None and stored_model.trained_to <= LAST_DAY
    assert stored_model.metric(0.05)["precision"] is not None
    assert len(stored_model.sha256) == 64


def test_the_same_file_twice_is_refused_naming_the_version(
    stored_model: Any, model_content: bytes
) -> None:
    with pytest.raises(services.RiskServiceError, match="already stored, as cargo-risk@1"):
        services.store_model(content=model_content, name="other", source="uploaded")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"PK\x03\x04 not really", "not a risk model file")],
)
def test_a_file_that_is_not_a_model_is_refused(db: Any, content: bytes, message: str) -> None:
    with pytest.raises(services.RiskServiceError, match=message):
        services.store_model(content=content, name="x", source="uploaded", filename="x.zip")


def test_training_on_recorded_examinations_stores_the_next_version(
    history: Any, stored_model: Any
) -> None:
    version = services.train_from_history(
        name="cargo-risk",
        date_from=date(2026, 9, 1),
        date_to=LAST_DAY,
        outcomes=OutcomeSource.EXAMINATIONS,
        seed=3,
        with_rules=False,
    )
    assert version.number == 2
    assert version.source == "trained"
    card = services.card_of(version)
    assert card.periods["fit"].rows + card.periods["calibration"].rows < len(history)
    assert card.score_baseline is not None


def test_training_without_any_recorded_outcome_says_what_to_do(organisation_tree: Any) -> None:
    from borderops.crossings.models import Shipment

    assert not Shipment.objects.exists()
    with pytest.raises(services.RiskServiceError, match="No shipments arrived"):
        services.train_from_history(
            name="m", date_from=date(2026, 9, 1), date_to=LAST_DAY, with_rules=False
        )


def test_one_model_per_scope_and_the_previous_one_ends(stored_model: Any, history: Any) -> None:
    first = services.activate(version=stored_model, mode="land", share=0.05)
    second = services.activate(version=stored_model, mode="land", share=0.1)
    first.refresh_from_db()
    assert not first.active and first.ended_at is not None
    assert second.active and second.scope == "mode:land"
    assert ModelActivation.objects.filter(active=True).count() == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"share": 0.0}, "above 0 and at most 50%"),
        ({"share": 0.6}, "above 0 and at most 50%"),
        ({"mode": "boat"}, "Unknown mode 'boat'"),
    ],
)
def test_bad_activations_are_refused(stored_model: Any, arguments: Any, message: str) -> None:
    with pytest.raises(services.RiskServiceError, match=message):
        services.activate(version=stored_model, **arguments)


def test_port_and_mode_together_are_refused(stored_model: Any, organisation_tree: Any) -> None:
    from borderops.reference.models import PortOfEntry

    port = PortOfEntry.objects.get(code="2504")
    with pytest.raises(services.RiskServiceError, match="not both"):
        services.activate(version=stored_model, port=port, mode="land")


def test_a_model_of_other_columns_cannot_be_activated(db: Any) -> None:
    import pyarrow as pa

    from borderops.core.risk import model_bytes, train_model

    table = pa.table(
        {
            "Declaration ID": list(range(400)),
            "Importer ID": [f"I{i % 9}" for i in range(400)],
            "Fraud": [int(i % 9 == 0) for i in range(400)],
        }
    )
    model = train_model(table, label="Fraud", id_column="Declaration ID", max_rounds=5)
    version = services.store_model(content=model_bytes(model), name="kcs", source="uploaded")
    with pytest.raises(services.RiskServiceError, match="Declaration ID, Importer ID"):
        services.activate(version=version)


def test_the_port_model_comes_before_the_mode_model_before_every_port() -> None:
    port = ModelActivation(scope="port:2504")
    mode = ModelActivation(scope="mode:sea")
    every = ModelActivation(scope="all")
    chosen = services.resolve(
        [every, mode, port], ["2504", "2304", "2304", None], ["sea", "sea", "land", "air"]
    )
    assert chosen == [2, 1, 0, 0]
    assert services.resolve([mode], ["2504"], ["land"]) == [None]


def test_a_scoring_run_with_a_model_in_force_stores_probabilities_and_reasons(
    stored_model: Any, history: Any, active_rules: Any
) -> None:
    services.activate(version=stored_model, share=0.05)
    run = targeting.score_shipments(date_from=date(2026, 10, 20), date_to=LAST_DAY)
    scores = EntryRiskScore.objects.filter(entry_score__run=run)
    assert scores.count() == run.entry_count > 0
    assert all(0 <= s.probability <= 1 for s in scores)
    model_reds = scores.filter(decided_by=Decision.MODEL)
    assert model_reds.exists()
    assert set(model_reds.values_list("entry_score__channel", flat=True)) == {"red"}
    top = scores.order_by("-margin").first()
    assert top is not None and top.reasons and top.reasons[0]["text"]
    # The model sends its share of the run (rounded up) to red, no more.
    assert model_reds.count() <= -(-run.entry_count * 5 // 100)
    assert run.red_count == EntryScore.objects.filter(run=run, channel="red").count()


def test_a_model_for_another_mode_leaves_the_rules_alone(
    stored_model: Any, history: Any, active_rules: Any
) -> None:
    services.activate(version=stored_model, mode="sea")
    run = targeting.score_shipments(date_from=LAST_DAY)
    assert not EntryRiskScore.objects.filter(entry_score__run=run).exists()


def test_capacity_turns_model_reds_over_capacity_into_yellow(
    stored_model: Any, history: Any, active_rules: Any
) -> None:
    services.activate(version=stored_model, share=0.5)
    run = targeting.score_shipments(date_from=date(2026, 10, 1), date_to=LAST_DAY, red_capacity=1)
    over = EntryRiskScore.objects.filter(entry_score__run=run, decided_by=Decision.OVER_CAPACITY)
    assert over.exists()
    assert set(over.values_list("entry_score__channel", flat=True)) == {"yellow"}


def test_measuring_on_history_puts_model_rules_and_random_side_by_side(
    stored_model: Any, history: Any, active_rules: Any
) -> None:
    evaluation = services.evaluate_version(
        version=stored_model, date_from=date(2026, 10, 15), date_to=LAST_DAY
    )
    assert evaluation.entries > 100 and evaluation.violations > 0
    assert evaluation.rules_label == "test-cargo@1"
    base = evaluation.violations / evaluation.entries
    model_at_5 = evaluation.model[2].precision
    assert model_at_5 is not None and model_at_5 > base
    assert evaluation.base_rate == pytest.approx(base)
    assert evaluation.overlaps_training
    chart = services.chart_series(evaluation, "cargo-risk@1", "random")
    assert [s["label"] for s in chart["series"]] == ["cargo-risk@1", "test-cargo@1", "random"]


def test_measuring_without_outcomes_says_so(stored_model: Any, history: Any) -> None:
    ExaminationResult.objects.all().delete()
    with pytest.raises(services.RiskServiceError, match="recorded examination result"):
        services.evaluate_version(
            version=stored_model, date_from=date(2026, 9, 1), date_to=LAST_DAY
        )


def test_drift_compares_recent_scores_and_examined_selections(
    stored_model: Any, history: Any, active_rules: Any
) -> None:
    assert services.drift_of(stored_model).scores.status == "too_little_data"
    services.activate(version=stored_model, share=0.1)
    targeting.score_shipments(date_from=date(2026, 10, 1), date_to=LAST_DAY)
    drift = services.drift_of(stored_model)
    assert drift.until == LAST_DAY
    assert drift.scores.index is not None and drift.scores.scores > 100
    assert drift.precision.examined > 0
    # Make every examined model selection a miss: precision collapses and is flagged.
    selected = EntryRiskScore.objects.filter(decided_by=Decision.MODEL).values(
        "entry_score__shipment"
    )
    ExaminationResult.objects.filter(shipment__in=selected).update(finding=False, category="")
    drift = services.drift_of(stored_model)
    assert drift.precision.examined >= 20
    assert drift.precision.found == 0
    assert drift.precision.status == "drifted" and drift.flagged


def test_reds_of_every_model_and_of_the_rules_share_each_port_days_capacity(
    stored_model: Any, history: Any, active_rules: Any
) -> None:
    from django.db.models import Count

    from borderops.crossings.models import Shipment

    # Half the shipments came by sea: at one port and day, two models share the places.
    Shipment.objects.filter(pk__in=[s.pk for s in history[::2]]).update(mode="sea")
    services.activate(version=stored_model, share=0.5)
    services.activate(version=stored_model, mode="sea", share=0.5)
    run = targeting.score_shipments(date_from=date(2026, 10, 1), date_to=LAST_DAY, red_capacity=1)
    scopes = set(
        EntryRiskScore.objects.filter(entry_score__run=run).values_list(
            "activation__scope", flat=True
        )
    )
    assert scopes == {"all", "mode:sea"}
    reds = (
        EntryScore.objects.filter(run=run, channel="red")
        .values("shipment__port", "shipment__arrival_date")
        .annotate(n=Count("pk"))
    )
    assert reds and max(row["n"] for row in reds) == 1
