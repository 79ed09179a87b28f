"""Risk models in the running system: storing versions, activating them per port or mode,
scoring a run's entries with the model in force, measuring a model on history, and drift.

Every state-touching call of the pages, the API and the demo goes through here. The
learning, scoring, policy and drift measures themselves are ``borderops.core.risk``.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.utils import timezone

from borderops.core.risk import (
    ChannelPolicy,
    ModelCard,
    RatePoint,
    RiskModel,
    RiskModelError,
    RiskScores,
    assign_channels,
    at_rates,
    curve,
    load_model,
    model_bytes,
    score_entries,
    train_model,
)
from borderops.core.risk.drift import (
    PrecisionDrift,
    ScoreDrift,
    expected_precision,
    precision_drift,
    score_drift,
)
from borderops.core.risk.keys import days, numbers
from borderops.core.risk.policy import random_draws
from borderops.core.risk.score import missing_columns
from borderops.core.targeting.io import ENTRY_SCHEMA
from borderops.core.targeting.types import RuleSet
from borderops.crossings.choices import Mode
from borderops.crossings.models import Shipment
from borderops.reference.models import PortOfEntry
from borderops.risk.choices import Decision, ModelSource
from borderops.risk.models import EntryRiskScore, ModelActivation, RiskModelVersion
from borderops.targeting.choices import OutcomeSource

if TYPE_CHECKING:
    from borderops.targeting.models import EntryScore, ScoringRun

# Model files larger than this are refused at upload: a model of a million declarations
# with rule features is a few megabytes, so this only stops a wrong file.
MAX_MODEL_BYTES = 100 * 1024 * 1024
MAX_SHARE = 0.5
DEFAULT_SHARE = 0.05
# Reasons cost one to one and a half milliseconds an entry (SHAP values over every tree); a
# run larger than this explains only its highest model scores: the share the model may send
# to red twice over, and at least a tenth of the run.
EXPLAIN_ALL_UP_TO = 2_000
EXPLAIN_SHARE = 0.10
REASONS = 3
DRIFT_DAYS = 30
LABEL = "violation"
# Free text, conveyance names and container numbers say little as codes; the rule features
# read them where they matter.
TRAINING_EXCLUDED = ("description", "conveyance", "containers", "route")
BATCH = 2000


class RiskServiceError(ValueError):
    """A risk-model request that cannot be carried out; the message says why and what to do."""


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


# --------------------------------------------------------------------------------------------
# Storing versions
# --------------------------------------------------------------------------------------------


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def store_model(
    *,
    content: bytes,
    name: str,
    source: ModelSource | str,
    note: str = "",
    user: Any = None,
    filename: str | None = None,
) -> RiskModelVersion:
    """Keep a model file as the next version of ``name``, after reading it whole (a file
    that cannot be scored with is refused here, not at the first scoring run)."""
    if not content:
        raise RiskServiceError("The model file is empty.")
    if len(content) > MAX_MODEL_BYTES:
        raise RiskServiceError(
            f"The model file is {len(content):,} bytes; the most accepted is {MAX_MODEL_BYTES:,}."
        )
    try:
        model = load_model(content, name=filename or "the model file")
    except RiskModelError as error:
        raise RiskServiceError(str(error)) from None
    digest = hashlib.sha256(content).hexdigest()
    existing = RiskModelVersion.objects.filter(sha256=digest).first()
    if existing is not None:
        raise RiskServiceError(f"This model file is already stored, as {existing.stamp}.")
    card = model.card
    periods = card.periods
    try:
        with transaction.atomic():
            latest = RiskModelVersion.objects.filter(name=name).aggregate(n=Max("number"))["n"]
            version = RiskModelVersion.objects.create(
                name=name,
                number=(latest or 0) + 1,
                source=source,
                content=content,
                sha256=digest,
                size=len(content),
                card=card.to_json(),
                label=card.label,
                trained_from=_day(periods["fit"].first) if "fit" in periods else None,
                trained_to=(
                    _day(periods["calibration"].last) if "calibration" in periods else None
                ),
                ruleset=card.ruleset or "",
                note=note,
                created_by=_user_or_none(user),
            )
    except IntegrityError:
        # Two analysts storing the same name at once: the database kept the numbering sound.
        raise RiskServiceError(
            f"Another version of {name!r} was stored at the same moment; try again."
        ) from None
    return version


def card_of(version: RiskModelVersion) -> ModelCard:
    """The version's model card as the core reads it."""
    return ModelCard.from_json(version.card)


@functools.lru_cache(maxsize=8)
def _model_by_digest(digest: str) -> RiskModel:
    content = RiskModelVersion.objects.values_list("content", flat=True).get(sha256=digest)
    return load_model(bytes(content), name=digest[:12])


def model_of(version: RiskModelVersion) -> RiskModel:
    """The version's model, loaded once per process (a version's file never changes)."""
    return _model_by_digest(version.sha256)


def _labelled_history(
    *,
    date_from: date,
    date_to: date,
    port: PortOfEntry | None,
    outcomes: OutcomeSource | str,
) -> pa.Table:
    """The shipments of a period with a known outcome, as entries with a 0/1 ``violation``
    column: every shipment for the synthetic ground truth, the examined ones otherwise."""
    from borderops.targeting.services import TargetingError, history_with_outcomes

    try:
        entries, known = history_with_outcomes(
            date_from=date_from, date_to=date_to, port=port, outcomes=outcomes
        )
    except TargetingError as error:
        raise RiskServiceError(str(error)) from None
    found = dict(
        zip(known.column("id").to_pylist(), known.column("finding").to_pylist(), strict=True)
    )
    ids = entries.column("id").to_pylist()
    examined = pa.array([entry_id in found for entry_id in ids])
    labelled = entries.filter(examined)
    if labelled.num_rows == 0:
        raise RiskServiceError(
            "None of those shipments has a recorded examination result; record results, "
            "choose a longer period, or use the synthetic ground truth in a demo."
        )
    label = [int(bool(found[entry_id])) for entry_id in labelled.column("id").to_pylist()]
    return labelled.append_column(LABEL, pa.array(label, pa.int64()))


def _active_rules_text() -> str | None:
    """The YAML of the rule-set version in force, whose rules become model inputs."""
    from borderops.targeting.services import TargetingError, active_version

    try:
        return active_version().source
    except TargetingError:
        return None


def train_from_history(
    *,
    name: str,
    date_from: date,
    date_to: date,
    port: PortOfEntry | None = None,
    outcomes: OutcomeSource | str = OutcomeSource.EXAMINATIONS,
    seed: int = 0,
    with_rules: bool = True,
    note: str = "",
    user: Any = None,
) -> RiskModelVersion:
    """Learn a model from the shipments of a period and their outcomes, and store it as the
    next version of ``name``. With ``with_rules`` the active rule set's score, fired rules
    and derived features are inputs too."""
    table = _labelled_history(date_from=date_from, date_to=date_to, port=port, outcomes=outcomes)
    ruleset_text = _active_rules_text() if with_rules else None
    try:
        model = train_model(
            table,
            label=LABEL,
            id_column="id",
            date_column="arrival_date",
            exclude=TRAINING_EXCLUDED,
            seed=seed,
            ruleset_text=ruleset_text,
        )
    except RiskModelError as error:
        raise RiskServiceError(str(error)) from None
    return store_model(
        content=model_bytes(model),
        name=name,
        source=ModelSource.TRAINED,
        note=note or f"trained on {date_from}…{date_to}",
        user=user,
    )


# --------------------------------------------------------------------------------------------
# Activation
# --------------------------------------------------------------------------------------------


def scope_key(*, port: PortOfEntry | None, mode: str) -> str:
    """The scope an activation covers, as stored: ``port:CODE``, ``mode:MODE`` or ``all``."""
    if port is not None and mode:
        raise RiskServiceError("Activate a model for a port or for a mode, not both.")
    if port is not None:
        return f"port:{port.code}"
    if mode:
        if mode not in Mode.values:
            raise RiskServiceError(f"Unknown mode {mode!r}; use one of {', '.join(Mode.values)}.")
        return f"mode:{mode}"
    return "all"


def unusable_columns(version: RiskModelVersion) -> list[str]:
    """The columns the model reads that BorderOps shipments do not have (a model trained on
    another administration's declarations can score files, not this system's entries)."""
    return missing_columns(card_of(version), ENTRY_SCHEMA.names)


def activate(
    *,
    version: RiskModelVersion,
    port: PortOfEntry | None = None,
    mode: str = "",
    share: float = DEFAULT_SHARE,
    user: Any = None,
) -> ModelActivation:
    """Put ``version`` in force for a port, a mode or every entry, ending the model in
    force there before; the next scoring runs there use it."""
    if not 0 < share <= MAX_SHARE:
        raise RiskServiceError(
            f"The share sent to red must be above 0 and at most {MAX_SHARE:.0%}, not {share:.2%}."
        )
    scope = scope_key(port=port, mode=mode)
    missing = unusable_columns(version)
    if missing:
        raise RiskServiceError(
            f"{version.stamp} reads column(s) BorderOps shipments do not have: "
            f"{', '.join(missing)}. Use it with `borderops risk score` on files, or train a "
            "model on this system's shipments."
        )
    now = timezone.now()
    with transaction.atomic():
        for current in ModelActivation.objects.select_for_update().filter(scope=scope, active=True):
            current.active, current.ended_at = False, now
            current.ended_by = _user_or_none(user)
            current.save(update_fields=["active", "ended_at", "ended_by"])
        return ModelActivation.objects.create(
            version=version,
            port=port,
            mode=mode,
            scope=scope,
            share=share,
            activated_by=_user_or_none(user),
        )


def end_activation(*, activation: ModelActivation, user: Any = None) -> ModelActivation:
    """Take a model out of force for its scope (rules alone decide there again)."""
    if not activation.active:
        raise RiskServiceError("That activation has already ended.")
    activation.active, activation.ended_at = False, timezone.now()
    activation.ended_by = _user_or_none(user)
    activation.save(update_fields=["active", "ended_at", "ended_by"])
    return activation


def active_activations() -> list[ModelActivation]:
    """Every activation in force, with its version."""
    return list(ModelActivation.objects.filter(active=True).select_related("version"))


def resolve(
    activations: Sequence[ModelActivation], ports: Sequence[str | None], modes: Sequence[str | None]
) -> list[int | None]:
    """Per entry, the index of the activation that applies: the port's own model first, then
    the mode's, then the one for every port; None where no model is in force."""
    by_scope = {activation.scope: i for i, activation in enumerate(activations)}
    chosen: list[int | None] = []
    for port, mode in zip(ports, modes, strict=True):
        found = by_scope.get(f"port:{port}")
        if found is None:
            found = by_scope.get(f"mode:{mode}")
        if found is None:
            found = by_scope.get("all")
        chosen.append(found)
    return chosen


# --------------------------------------------------------------------------------------------
# Scoring a run
# --------------------------------------------------------------------------------------------


def decide_with_models(
    *, entries: pa.Table, ruleset: RuleSet, rows: Sequence[EntryScore], run: ScoringRun
) -> list[EntryRiskScore]:
    """Score a run's entries with the model in force for each, and let the channel policy
    (``core.risk.policy``) combine models and rules over the whole run: forced channels
    first, then each model's top share of its entries, then the rules; every red, whoever
    chose it, counts against the same port-day capacity, and the random sample stays the
    rule engine's draw.

    ``rows`` are the run's rule scores in ``entries`` order, not yet saved: their channels
    are changed in place, so each is written once with its final channel (Django's
    ``bulk_update`` of 20,000 rows took 30 s). Returns the model scores to save with
    ``save_model_scores`` once the rows have their keys.
    """
    activations = active_activations()
    if not activations or entries.num_rows == 0:
        return []
    chosen = resolve(
        activations, entries.column("port").to_pylist(), entries.column("mode").to_pylist()
    )
    models = np.array([-1 if c is None else c for c in chosen], dtype=np.int64)
    probability = np.full(entries.num_rows, np.nan)
    scored_groups: list[tuple[ModelActivation, np.ndarray, RiskScores, float]] = []
    for index, activation in enumerate(activations):
        members = np.flatnonzero(models == index)
        if not len(members):
            continue
        explain = (
            1.0 if len(members) <= EXPLAIN_ALL_UP_TO else max(activation.share * 2, EXPLAIN_SHARE)
        )
        try:
            scored = score_entries(
                model_of(activation.version),
                entries.take(members),
                reasons=REASONS,
                explain=explain,
            )
        except RiskModelError as error:
            raise RiskServiceError(f"{activation.version.stamp}: {error}") from None
        probability[members] = scored.scores
        scored_groups.append((activation, members, scored, explain))
    if not scored_groups:
        return []
    decided = assign_channels(
        ids=entries.column("id"),
        ports=entries.column("port"),
        days=days(entries.column("arrival_date")),
        # Probabilities, not log-odds: reds of different models compete for the same places.
        model_scores=probability,
        rule_scores=np.array([row.score for row in rows], dtype=np.float64),
        fired=pa.array([";".join(row.fired) for row in rows], pa.string()),
        ruleset=ruleset,
        policy=ChannelPolicy(
            default_capacity=run.red_capacity,
            random_sample=ruleset.random_sample,
            seed=run.seed,
        ),
        models=models,
        shares=[activation.share for activation in activations],
    )
    channels = [str(c) for c in decided.column("channel").to_pylist()]
    deciders = [str(d) for d in decided.column("decided_by").to_pylist()]
    drawn = decided.column("random").to_pylist()
    over = decided.column("over_capacity").to_pylist()
    for i, row in enumerate(rows):
        row.channel, row.random, row.over_capacity = channels[i], bool(drawn[i]), bool(over[i])
    created = []
    for activation, members, scored, explain in scored_groups:
        floor = _explained_floor(scored.margins, explain)
        for at, i in enumerate(members.tolist()):
            created.append(
                EntryRiskScore(
                    entry_score=rows[i],
                    activation=activation,
                    version=activation.version,
                    probability=float(scored.scores[at]),
                    margin=float(scored.margins[at]),
                    reasons=[
                        {
                            "feature": r.feature,
                            "contribution": round(r.contribution, 4),
                            "text": r.text,
                        }
                        for r in scored.reasons[at]
                    ],
                    explained=bool(scored.reasons[at]) or scored.margins[at] >= floor,
                    decided_by=deciders[i],
                )
            )
    return created


def save_model_scores(scores: Sequence[EntryRiskScore]) -> None:
    """Store the model scores ``decide_with_models`` gave, after their rule scores."""
    EntryRiskScore.objects.bulk_create(scores, batch_size=BATCH)


def _explained_floor(margins: np.ndarray, share: float) -> float:
    """The lowest log-odds among the entries ``score_entries`` explained."""
    if share >= 1.0 or not len(margins):
        return float("-inf")
    count = max(1, int(np.ceil(round(len(margins) * share, 9))))
    return float(np.sort(margins)[::-1][count - 1])


# --------------------------------------------------------------------------------------------
# Measuring a model on history: against the rules alone and random selection
# --------------------------------------------------------------------------------------------


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

    table = _labelled_history(date_from=date_from, date_to=date_to, port=port, outcomes=outcomes)
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


# --------------------------------------------------------------------------------------------
# Drift
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Demo
# --------------------------------------------------------------------------------------------

DEMO_MODEL = "cargo-risk"
DEMO_HISTORY = 12_000
DEMO_HISTORY_DAYS = 90


def install_demo_model(*, seed: int = 0) -> ModelActivation | None:
    """Train a model on a synthetic history of 12,000 earlier shipments with their planted
    violations (the active rules as inputs) and put it in force for every port.

    The history is generated, not loaded: the demo's own shipments are too few to learn
    from (about 20 violations), and keeping them out of training lets the model be
    measured honestly on them. Idempotent: a model already in force for every port is
    kept. None when no shipments are loaded.
    """
    from borderops.core.synth.cargo_history import VIOLATION, labelled_history

    current = ModelActivation.objects.filter(scope="all", active=True).first()
    if current is not None:
        return current
    first = Shipment.objects.aggregate(first=Min("arrival_date"))["first"]
    if first is None:
        return None
    history, _ = labelled_history(
        count=DEMO_HISTORY,
        seed=seed,
        start=first - timedelta(days=DEMO_HISTORY_DAYS),
        days=DEMO_HISTORY_DAYS,
    )
    # Entry numbers of the generated history must not collide with the loaded shipments'.
    ids = pa.array([f"H-{entry}" for entry in history.column("id").to_pylist()], pa.string())
    history = history.set_column(history.schema.get_field_index("id"), "id", ids)
    model = train_model(
        history,
        label=VIOLATION,
        id_column="id",
        date_column="arrival_date",
        exclude=TRAINING_EXCLUDED,
        seed=seed,
        ruleset_text=_active_rules_text(),
    )
    version = store_model(
        content=model_bytes(model),
        name=DEMO_MODEL,
        source=ModelSource.TRAINED,
        note=f"demo: {DEMO_HISTORY:,} synthetic shipments of the {DEMO_HISTORY_DAYS} days "
        "before the demo's, with their planted violations",
    )
    return activate(version=version, share=DEFAULT_SHARE)
