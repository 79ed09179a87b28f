"""Measuring a version on history beside the rules alone and random selection, and its drift
since it was calibrated."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from django.db.models import Max

from borderops.core.risk import (
    RatePoint,
    RiskModelError,
    at_rates,
    curve,
    score_entries,
)
from borderops.core.risk.drift import (
    PrecisionDrift,
    ScoreDrift,
    expected_precision,
    precision_drift,
    score_drift,
)
from borderops.core.risk.keys import numbers
from borderops.core.risk.policy import random_draws
from borderops.crossings.models import Shipment
from borderops.reference.models import PortOfEntry
from borderops.risk.choices import Decision
from borderops.risk.models import EntryRiskScore, RiskModelVersion
from borderops.risk.services.activation import unusable_columns
from borderops.risk.services.common import (
    DEFAULT_SHARE,
    DRIFT_DAYS,
    LABEL,
    RiskServiceError,
)
from borderops.risk.services.versions import card_of, labelled_history, model_of
from borderops.targeting.choices import OutcomeSource


@dataclass(frozen=True)
class Evaluation:
    """A model measured on a period's labelled shipments, beside the rules and random."""

    entries: int
    violations: int
    model: tuple[RatePoint, ...]
    rules: tuple[RatePoint, ...] | None
    rules_label: str | None
    model_curve: tuple[RatePoint, ...]
    rules_curve: tuple[RatePoint, ...] | None
    overlaps_training: bool

    @property
    def base_rate(self) -> float:
        """What random selection finds on average at any examination rate: the share of
        violations among the entries."""
        return self.violations / self.entries if self.entries else 0.0

    @property
    def rows(self) -> list[tuple[RatePoint, RatePoint | None]]:
        """Model and rules at each reported examination rate."""
        rules: Sequence[RatePoint | None] = self.rules or [None] * len(self.model)
        return list(zip(self.model, rules, strict=True))


def evaluate_version(
    *,
    version: RiskModelVersion,
    date_from: date,
    date_to: date,
    port: PortOfEntry | None = None,
    outcomes: OutcomeSource | str = OutcomeSource.EXAMINATIONS,
    seed: int = 0,
) -> Evaluation:
    """Precision and recall at each examination rate on a period's shipments with known
    outcomes: the model, the active rule set alone (ties broken by the random draw, as the
    engine does) and random selection."""
    from borderops.targeting.services import (
        TargetingError,
        active_version,
        ruleset_of,
        score_against_history,
    )

    table = labelled_history(date_from=date_from, date_to=date_to, port=port, outcomes=outcomes)
    labels = numbers(table.column(LABEL))
    entries = table.drop_columns([LABEL])
    missing = unusable_columns(version)
    if missing:
        raise RiskServiceError(
            f"{version.stamp} reads column(s) BorderOps shipments do not have: "
            f"{', '.join(missing)}."
        )
    try:
        scored = score_entries(model_of(version), entries, reasons=0)
    except RiskModelError as error:
        raise RiskServiceError(str(error)) from None
    rules = rules_curve = None
    rules_label = None
    try:
        rule_version = active_version()
    except TargetingError:
        rule_version = None
    if rule_version is not None:
        ruleset = ruleset_of(rule_version)
        points = score_against_history(entries, ruleset, seed=seed, until=date_to)
        ranking = numbers(points.table.column("score")) + 0.5 * random_draws(
            entries.column("id"), seed
        )
        rules, rules_curve = at_rates(ranking, labels), curve(ranking, labels)
        rules_label = rule_version.label
    violations = int(labels.sum())
    overlaps = bool(
        version.trained_from
        and version.trained_to
        and date_from <= version.trained_to
        and date_to >= version.trained_from
    )
    return Evaluation(
        entries=len(labels),
        violations=violations,
        model=at_rates(scored.margins, labels),
        rules=rules,
        rules_label=rules_label,
        model_curve=curve(scored.margins, labels),
        rules_curve=rules_curve,
        overlaps_training=overlaps,
    )


def chart_series(evaluation: Evaluation, model_label: str, random_label: str) -> dict[str, Any]:
    """Precision against examination rate, as the chart script reads it (x up to 20 %)."""

    def series(label: str, points: Sequence[RatePoint]) -> dict[str, Any]:
        return {
            "label": label,
            "points": [
                {"x": point.rate, "y": point.precision}
                for point in points
                if point.rate <= 0.2 + 1e-9
            ],
        }

    found = [series(model_label, evaluation.model_curve)]
    if evaluation.rules_curve is not None and evaluation.rules_label:
        found.append(series(evaluation.rules_label, evaluation.rules_curve))
    base = evaluation.violations / evaluation.entries if evaluation.entries else 0.0
    found.append({"label": random_label, "points": [{"x": 0.01, "y": base}, {"x": 0.2, "y": base}]})
    return {"series": found}


@dataclass(frozen=True)
class Drift:
    """A version's recent scores and outcomes against what it was calibrated on."""

    since: date | None
    until: date | None
    scores: ScoreDrift
    precision: PrecisionDrift
    share: float

    @property
    def flagged(self) -> bool:
        """Either measure says the model has drifted."""
        return "drifted" in (self.scores.status, self.precision.status)


def drift_of(version: RiskModelVersion, *, window_days: int = DRIFT_DAYS) -> Drift:
    """Scores the version gave in the last ``window_days`` of scored arrivals against its
    calibration slice, and the precision of its red selections that were examined against
    the precision its card promised at its share."""
    card = card_of(version)
    given = EntryRiskScore.objects.filter(version=version)
    until = given.aggregate(last=Max("entry_score__shipment__arrival_date"))["last"]
    share = (
        version.activations.order_by("-activated_at").values_list("share", flat=True).first()
        or DEFAULT_SHARE
    )
    expected = expected_precision(card.metrics, share)
    if until is None:
        return Drift(
            None,
            None,
            score_drift(card.score_baseline, np.zeros(0)),
            precision_drift(expected, 0, 0),
            share,
        )
    since = until - timedelta(days=window_days - 1)
    recent = given.filter(entry_score__shipment__arrival_date__gte=since)
    # One score per shipment: the latest run's, when a shipment was scored more than once.
    latest: dict[int, float] = {}
    for shipment, probability in recent.order_by("entry_score__run_id").values_list(
        "entry_score__shipment_id", "probability"
    ):
        latest[shipment] = probability
    selected = recent.filter(decided_by=Decision.MODEL).values("entry_score__shipment_id")
    examined = Shipment.objects.filter(pk__in=selected, examination__isnull=False)
    found = examined.filter(examination__finding=True).count()
    return Drift(
        since,
        until,
        score_drift(card.score_baseline, np.array(list(latest.values()), dtype=np.float64)),
        precision_drift(expected, found, examined.count()),
        share,
    )
