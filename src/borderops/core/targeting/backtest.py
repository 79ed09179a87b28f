"""Backtesting a rule set on history whose examination outcomes are known.

Given scored entries and outcomes (``id, finding, category, quantity``; see ``outcomes``):

- per rule: how often it **fired**, how many of those entries were **examined** (have an
  outcome), how many **hits** (finding true), the **hit rate** (hits / examined) and the
  **lift**: the hit rate over the hit rate of the random compliance sample, the one unbiased
  estimate of how often an unselected entry violates. When the random sample has no examined
  entries or no hits, the hit rate of all examined entries stands in, and ``baseline`` says so.
- per channel: entries, the share of all entries (the examination rate), hits, and the share
  of all known violations the channel caught.
- a curve of detection against examination rate: entries taken in score order (ties broken
  by the seeded random draw), the share of known violations among the top 1 %, 2 %, 5 %…
"""

# The SQL here is assembled from our own fragments, numbers from checked rule sets and
# rule expressions regenerated from sqlglot trees that passed the allow-list; quoting goes
# through _quote. Nothing an analyst typed reaches DuckDB unchecked.
# ruff: noqa: S608

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import duckdb
import pyarrow as pa

from borderops.core.targeting.engine import random_draw_sql, score, score_many
from borderops.core.targeting.types import Channel, RuleSet, ScoredEntries

DEFAULT_RATES: tuple[float, ...] = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)


@dataclass(frozen=True, slots=True)
class RuleFigures:
    """How one rule did on history."""

    rule_id: str
    title: str
    category: str
    weight: int
    fired: int
    examined: int
    hits: int
    category_hits: int  # hits whose finding is of the rule's own category
    hit_rate: float | None
    lift: float | None


@dataclass(frozen=True, slots=True)
class ChannelFigures:
    """How many entries a channel took and how many known violations it caught."""

    channel: str
    entries: int
    examination_rate: float
    examined: int
    hits: int
    hit_rate: float | None
    share_of_violations: float | None


@dataclass(frozen=True, slots=True)
class CurvePoint:
    """Examining the top ``examination_rate`` of entries by score catches ``detection_rate``
    of the known violations (random selection would catch ``examination_rate``)."""

    examination_rate: float
    examined: int
    hits: int
    detection_rate: float | None


@dataclass(frozen=True, slots=True)
class Backtest:
    """A rule set's figures on one history."""

    ruleset: str
    entries: int
    examined: int
    violations: int
    baseline: str  # "random_sample" or "all_examined"
    baseline_hit_rate: float | None
    rules: tuple[RuleFigures, ...]
    channels: tuple[ChannelFigures, ...]
    curve: tuple[CurvePoint, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return asdict(self)

    def detection_at(self, rate: float) -> float | None:
        """The detection rate at an examination rate on the curve."""
        for point in self.curve:
            if math.isclose(point.examination_rate, rate):
                return point.detection_rate
        raise KeyError(rate)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two rule sets on the same history, ``after`` against ``before``."""

    before: Backtest
    after: Backtest
    rules_added: tuple[str, ...]
    rules_removed: tuple[str, ...]
    detection_change: tuple[tuple[float, float | None], ...]  # (rate, after - before)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return asdict(self)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def backtest_scored(
    scored: ScoredEntries,
    outcomes: pa.Table,
    ruleset: RuleSet,
    *,
    rates: Sequence[float] = DEFAULT_RATES,
) -> Backtest:
    """The figures of entries already scored with ``ruleset`` against their outcomes."""
    connection = duckdb.connect()
    try:
        connection.register("scored", scored.table)
        # One outcome per entry: an entry examined twice counts once, a finding if any.
        connection.register("outcomes_in", outcomes.select(["id", "finding", "category"]))
        connection.execute(
            "CREATE TEMP TABLE joined AS SELECT s.*, o.id IS NOT NULL AS examined, "
            "coalesce(o.finding, false) AS finding, o.categories FROM scored AS s LEFT JOIN "
            "(SELECT id, bool_or(finding) AS finding, list(DISTINCT category) "
            "FILTER (WHERE finding AND category IS NOT NULL) AS categories "
            "FROM outcomes_in GROUP BY id) AS o ON o.id = s.id"
        )
        totals = connection.sql(
            "SELECT count(*), count(*) FILTER (WHERE examined), count(*) FILTER (WHERE finding), "
            "count(*) FILTER (WHERE random AND examined), "
            "count(*) FILTER (WHERE random AND finding) FROM joined"
        ).fetchone()
        assert totals is not None
        entries, examined, violations, random_examined, random_hits = (int(v) for v in totals)
        baseline_rate: float | None
        if random_examined and random_hits:
            baseline, baseline_rate = "random_sample", random_hits / random_examined
        else:
            baseline, baseline_rate = "all_examined", _ratio(violations, examined)
        rules = _rule_figures(connection, ruleset, baseline_rate)
        channels = _channel_figures(connection, entries, violations)
        curve = _curve(connection, scored.seed, entries, violations, rates)
    finally:
        connection.close()
    return Backtest(
        ruleset=scored.ruleset,
        entries=entries,
        examined=examined,
        violations=violations,
        baseline=baseline,
        baseline_hit_rate=baseline_rate,
        rules=rules,
        channels=channels,
        curve=curve,
    )


def _rule_figures(
    connection: duckdb.DuckDBPyConnection, ruleset: RuleSet, baseline: float | None
) -> tuple[RuleFigures, ...]:
    rows = connection.sql(
        "SELECT rule_id, count(*), count(*) FILTER (WHERE examined), "
        "count(*) FILTER (WHERE finding), list(categories) FILTER (WHERE finding) "
        "FROM (SELECT unnest(string_split(fired, ';')) AS rule_id, examined, finding, categories "
        "FROM joined WHERE fired <> '') GROUP BY rule_id"
    ).fetchall()
    counts = {row[0]: row[1:] for row in rows}
    figures = []
    for rule in ruleset.rules:
        fired, examined, hits, found = counts.get(rule.id, (0, 0, 0, []))
        category_hits = sum(1 for kinds in found or [] if kinds and rule.category.value in kinds)
        rate = _ratio(int(hits), int(examined))
        figures.append(
            RuleFigures(
                rule_id=rule.id,
                title=rule.title,
                category=rule.category.value,
                weight=rule.weight,
                fired=int(fired),
                examined=int(examined),
                hits=int(hits),
                category_hits=category_hits,
                hit_rate=rate,
                lift=rate / baseline if rate is not None and baseline else None,
            )
        )
    return tuple(figures)


def _channel_figures(
    connection: duckdb.DuckDBPyConnection, entries: int, violations: int
) -> tuple[ChannelFigures, ...]:
    rows = connection.sql(
        "SELECT channel, count(*), count(*) FILTER (WHERE examined), "
        "count(*) FILTER (WHERE finding) FROM joined GROUP BY channel"
    ).fetchall()
    counts = {row[0]: row[1:] for row in rows}
    figures = []
    for channel in (Channel.RED, Channel.YELLOW, Channel.GREEN):
        count, examined, hits = (int(v) for v in counts.get(channel.value, (0, 0, 0)))
        figures.append(
            ChannelFigures(
                channel=channel.value,
                entries=count,
                examination_rate=count / entries if entries else 0.0,
                examined=examined,
                hits=hits,
                hit_rate=_ratio(hits, examined),
                share_of_violations=_ratio(hits, violations),
            )
        )
    return tuple(figures)


def _curve(
    connection: duckdb.DuckDBPyConnection,
    seed: int,
    entries: int,
    violations: int,
    rates: Sequence[float],
) -> tuple[CurvePoint, ...]:
    cutoffs = sorted({min(entries, round(rate * entries)) for rate in rates})
    if not cutoffs or entries == 0:
        return tuple(CurvePoint(rate, 0, 0, None) for rate in rates)
    listed = ", ".join(str(k) for k in cutoffs)
    rows = connection.sql(
        "SELECT k, count(*) FILTER (WHERE finding AND rank <= k) FROM "
        f"(SELECT finding, row_number() OVER (ORDER BY score DESC, {random_draw_sql(seed)}, id) "
        f"AS rank FROM joined) CROSS JOIN (SELECT unnest([{listed}]) AS k) GROUP BY k"
    ).fetchall()
    found = {int(k): int(hits) for k, hits in rows}
    points = []
    for rate in rates:
        k = min(entries, round(rate * entries))
        hits = found.get(k, 0)
        points.append(CurvePoint(rate, k, hits, _ratio(hits, violations)))
    return tuple(points)


def backtest(
    entries: pa.Table,
    outcomes: pa.Table,
    ruleset: RuleSet,
    *,
    seed: int = 0,
    rates: Sequence[float] = DEFAULT_RATES,
    history: pa.Table | None = None,
    party_scores: pa.Table | None = None,
) -> Backtest:
    """Score ``entries`` with ``ruleset`` and measure it against ``outcomes``."""
    scored = score(entries, ruleset, seed=seed, history=history, party_scores=party_scores)
    return backtest_scored(scored, outcomes, ruleset, rates=rates)


def compare(
    entries: pa.Table,
    outcomes: pa.Table,
    before: RuleSet,
    after: RuleSet,
    *,
    seed: int = 0,
    rates: Sequence[float] = DEFAULT_RATES,
    party_scores: pa.Table | None = None,
) -> Comparison:
    """Two rule sets (say the active version and a candidate) on the same history."""
    # One derivation of the features for both: it is most of the cost of scoring.
    scored_before, scored_after = score_many(
        entries, [before, after], seed=seed, party_scores=party_scores
    )
    old = backtest_scored(scored_before, outcomes, before, rates=rates)
    new = backtest_scored(scored_after, outcomes, after, rates=rates)
    old_ids = {rule.id for rule in before.rules}
    new_ids = {rule.id for rule in after.rules}
    change: list[tuple[float, float | None]] = []
    for point_old, point_new in zip(old.curve, new.curve, strict=True):
        if point_old.detection_rate is None or point_new.detection_rate is None:
            change.append((point_old.examination_rate, None))
        else:
            delta = point_new.detection_rate - point_old.detection_rate
            change.append((point_old.examination_rate, delta))
    return Comparison(
        before=old,
        after=new,
        rules_added=tuple(sorted(new_ids - old_ids)),
        rules_removed=tuple(sorted(old_ids - new_ids)),
        detection_change=tuple(change),
    )
