"""Combining the model with the rules into a selectivity channel, by a documented policy.

The policy, in order:

1. **Forced channels first.** A rule with ``force_channel`` decides the entry whatever the
   model says (an analyst required it); forced reds take a port's examination places first.
2. **Model reds within capacity.** The top ``model_share`` of the batch's entries by model
   score (rounded up; entries forced by a rule are not counted among them) go red, as long as
   their port's red capacity for that day is not used up (entries beyond it are flagged
   ``over_capacity`` and go yellow for a supervisor to decide). The share is of the whole
   batch, not of each port-day: rounded up per port-day, a 5 % share would send the best
   entry of every small port's day to red however low its score (a demo of 1,000 entries
   over 450 port-days sent 45 % of them red that way).
3. **Then the rules.** Every other entry takes the channel of its rule score (thresholds of
   the rule set); a rule red beyond capacity is flagged and goes yellow, as in the engine.
4. **The random compliance sample stays outside the model.** Each entry is drawn with the
   same hash of (seed, entry id) as ``core.targeting`` (``engine.random_draw_sql``, run in
   DuckDB): the draw depends on neither score, so the drawn entries measure what the model
   and rules miss. A drawn entry that would go green goes yellow; ``random`` marks every
   drawn entry, whatever its channel, so the sample stays an unbiased one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import duckdb
import numpy as np
import pyarrow as pa

from borderops.core.risk.keys import Column, FloatArray, IntArray, encode, keys
from borderops.core.targeting.engine import random_draw_sql
from borderops.core.targeting.types import Channel, RuleSet

_SEVERITY = {Channel.GREEN: 1, Channel.YELLOW: 2, Channel.RED: 3}
_CHANNELS = np.array([Channel.GREEN.value, Channel.YELLOW.value, Channel.RED.value])


class Decision(StrEnum):
    """What decided an entry's channel."""

    FORCED = "forced"  # a rule forced the channel
    MODEL = "model"  # top model score within capacity
    RULES = "rules"  # the rule score's thresholds
    RANDOM = "random"  # would be green; drawn for the compliance sample
    OVER_CAPACITY = "over_capacity"  # would be red; the port's places were taken


@dataclass(frozen=True, slots=True)
class ChannelPolicy:
    """The policy's settings: the share of each port-day the model may send red, red places
    per port and day (``default_capacity`` elsewhere; None is unlimited), and the random
    compliance sample (share and seed)."""

    model_share: float = 0.05
    capacity: Mapping[str, int] | None = None
    default_capacity: int | None = None
    random_sample: float = 0.0
    seed: int = 0


def random_draws(ids: Column, seed: int) -> FloatArray:
    """The targeting engine's reproducible uniform draw per entry id (same SQL, same seed)."""
    connection = duckdb.connect()
    try:
        connection.register("__ids", pa.table({"id": keys(ids)}))
        # The SQL is the engine's own fragment with an integer seed: nothing from a user.
        query = f"SELECT {random_draw_sql(seed)} AS draw FROM __ids"  # noqa: S608
        result = connection.sql(query)
        return np.asarray(result.fetchnumpy()["draw"], dtype=np.float64)
    finally:
        connection.close()


def forced_severity(fired: Column, ruleset: RuleSet) -> np.ndarray:
    """Per entry, 0 when no fired rule forces a channel, else 1/2/3 for the most severe
    forced channel (green/yellow/red), worked out once per distinct ``fired`` value."""
    values, dictionary = encode(keys(fired))
    per_value = np.zeros(len(dictionary) + 1, dtype=np.int64)
    for index, text in enumerate(dictionary.to_pylist()):
        for rule_id in (text or "").split(";"):
            if rule_id:
                forced = ruleset.rule(rule_id).force_channel
                if forced is not None:
                    per_value[index] = max(per_value[index], _SEVERITY[forced])
    return per_value[values]  # -1 (no value) reads the trailing 0


def assign_channels(
    *,
    ids: Column,
    ports: Column,
    days: FloatArray,
    model_scores: FloatArray,
    rule_scores: FloatArray,
    fired: Column,
    ruleset: RuleSet,
    policy: ChannelPolicy,
    models: IntArray | None = None,
    shares: Sequence[float] | None = None,
) -> pa.Table:
    """``id, channel, decided_by, random, over_capacity`` per entry, in input order, by the
    policy in this module's documentation.

    When entries are scored by different models (one per port or mode), ``models`` gives
    each entry's model (-1: none, the rules alone decide it) and ``shares`` each model's
    share; each model sends its share of its own entries to red, and every red, whoever
    chose it, counts against the same port-day capacity. ``model_scores`` must then be
    comparable across models (calibrated probabilities, not log-odds).
    """
    n = len(model_scores)
    if models is None:
        models = np.zeros(n, dtype=np.int64)
        shares = [policy.model_share]
    assert shares is not None, "shares go with models"
    forced = forced_severity(fired, ruleset)
    port_keys = keys(ports)
    groups, _ = encode(
        pa.chunked_array([port_keys.combine_chunks()])
        if not isinstance(port_keys, pa.ChunkedArray)
        else port_keys
    )
    day = np.nan_to_num(days, nan=0.0)
    # One group per port and day.
    _, group = np.unique(np.stack([groups, day.astype(np.int64)]), axis=1, return_inverse=True)
    group = group.reshape(-1)
    channel = np.zeros(n, dtype=np.int64)  # 0 green, 1 yellow, 2 red
    decided = np.full(n, Decision.RULES.value, dtype=object)
    over = np.zeros(n, dtype=bool)
    is_forced = forced > 0
    channel[is_forced] = forced[is_forced] - 1
    decided[is_forced] = Decision.FORCED.value
    places = _capacities(port_keys.to_pylist(), policy)
    used = np.zeros(group.max() + 1 if n else 0, dtype=np.int64)
    np.add.at(used, group[is_forced & (channel == 2)], 1)
    sizes = np.bincount(models[models >= 0], minlength=len(shares))
    allowed = [
        int(np.ceil(np.round(size * share, 9))) for size, share in zip(sizes, shares, strict=True)
    ]
    taken = [0] * len(shares)
    remaining = sum(allowed)
    # Model reds: highest model score first over the batch, ties in input order.
    order = np.lexsort((np.arange(n), -np.nan_to_num(model_scores, nan=-np.inf)))
    for row in order:
        if remaining == 0:
            break
        model = int(models[row])
        if model < 0 or is_forced[row] or taken[model] >= allowed[model]:
            continue
        taken[model] += 1
        remaining -= 1
        g = group[row]
        limit = places[row]
        if limit is not None and used[g] >= limit:
            channel[row], over[row] = 1, True
            decided[row] = Decision.OVER_CAPACITY.value
        else:
            used[g] += 1
            channel[row] = 2
            decided[row] = Decision.MODEL.value
    rest = decided == Decision.RULES.value
    thresholds = ruleset.thresholds
    rule_channel = np.where(
        rule_scores >= thresholds.red, 2, np.where(rule_scores >= thresholds.yellow, 1, 0)
    )
    channel[rest] = rule_channel[rest]
    for row in np.lexsort((np.arange(n), -rule_scores, group)):
        if rest[row] and channel[row] == 2:
            limit, g = places[row], group[row]
            if limit is not None and used[g] >= limit:
                channel[row], over[row] = 1, True
                decided[row] = Decision.OVER_CAPACITY.value
            else:
                used[g] += 1
    drawn = (
        random_draws(ids, policy.seed) < policy.random_sample
        if policy.random_sample > 0
        else np.zeros(n, dtype=bool)
    )
    lifted = drawn & (channel == 0)
    channel[lifted] = 1
    decided[lifted] = Decision.RANDOM.value
    return pa.table(
        {
            "id": keys(ids),
            "channel": pa.array(_CHANNELS[channel]),
            "decided_by": pa.array(decided.tolist(), pa.string()),
            "random": pa.array(drawn),
            "over_capacity": pa.array(over),
        }
    )


def _capacities(ports: list[str | None], policy: ChannelPolicy) -> list[int | None]:
    capacity = policy.capacity or {}
    return [capacity.get(port or "", policy.default_capacity) for port in ports]
