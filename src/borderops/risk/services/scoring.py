"""A scoring run with models in force: each entry scored by its model, channels re-decided
by the policy of ``core.risk.policy`` over the whole run, before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from borderops.core.risk import (
    ChannelPolicy,
    RiskModelError,
    RiskScores,
    assign_channels,
    score_entries,
)
from borderops.core.risk.keys import days
from borderops.core.targeting.types import RuleSet
from borderops.risk.models import EntryRiskScore, ModelActivation
from borderops.risk.services.activation import active_activations, resolve
from borderops.risk.services.common import (
    BATCH,
    EXPLAIN_ALL_UP_TO,
    EXPLAIN_SHARE,
    REASONS,
    RiskServiceError,
)
from borderops.risk.services.versions import model_of

if TYPE_CHECKING:
    from borderops.targeting.models import EntryScore, ScoringRun


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
