"""Scoring shipments with the version in force (and the risk models in force), trying
rules on a sample, and a port's worklist for a day."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyarrow as pa
from django.db import transaction
from django.db.models import Case, IntegerField, Max, QuerySet, Value, When
from django.utils import timezone

from borderops.accounts.permissions import Resource, scoped, signed_in_or_none
from borderops.core.targeting.engine import score
from borderops.core.targeting.types import (
    Channel,
    RuleSet,
    ScoredEntries,
)
from borderops.crossings.models import Shipment
from borderops.reference.models import PortOfEntry
from borderops.risk import services as risk_services
from borderops.targeting import entries as entry_tables
from borderops.targeting.models import EntryScore, RuleSetVersion, ScoringRun
from borderops.targeting.services.common import (
    BATCH,
    MAX_BATCH_ENTRIES,
    TargetingError,
)
from borderops.targeting.services.rulesets import active_version, parse_source, ruleset_of


def score_against_history(
    entries: pa.Table,
    ruleset: RuleSet,
    *,
    seed: int,
    until: date,
    since: date | None = None,
    red_capacity: int | None = None,
) -> ScoredEntries:
    """The rule set's scores for ``entries``, judged against the shipments of the year up to
    ``until`` (or from ``since``): unit-value norms and first-seen parties come from there."""
    history = entry_tables.history_table(until=until, since=since)
    if history.num_rows == 0:
        history = entries
    return score(
        entries,
        ruleset,
        seed=seed,
        history=history,
        party_scores=entry_tables.party_scores(entries, ruleset),
        default_capacity=red_capacity,
    )


def shipments_for(
    *, date_from: date, date_to: date, port: PortOfEntry | None
) -> QuerySet[Shipment]:
    """The shipments that arrived in the date range, at one port or at every port."""
    shipments = Shipment.objects.filter(arrival_date__gte=date_from, arrival_date__lte=date_to)
    if port is not None:
        shipments = shipments.filter(port=port)
    return shipments.order_by("arrival_date", "reference")


def score_shipments(
    *,
    date_from: date,
    date_to: date | None = None,
    port: PortOfEntry | None = None,
    user: Any = None,
    version: RuleSetVersion | None = None,
    seed: int = 0,
    red_capacity: int | None = None,
) -> ScoringRun:
    """Score the shipments of a port (or every port) for a day or a date range with a
    version (by default the active one), and store each entry's score with the run.

    Raises ``TargetingError`` when there is nothing to score or no active version.
    """
    date_to = date_to or date_from
    if date_to < date_from:
        raise TargetingError("The end of the date range is before its start.")
    version = version or active_version()
    ruleset = ruleset_of(version)
    shipments = shipments_for(date_from=date_from, date_to=date_to, port=port)
    entries = entry_tables.entries_table(shipments)
    if entries.num_rows == 0:
        raise TargetingError("No shipments arrived there in that period; nothing was scored.")
    scored = score_against_history(
        entries,
        ruleset,
        seed=seed,
        until=date_to,
        since=None if date_to == date_from else date_from,
        red_capacity=red_capacity,
    )
    ids = dict(shipments.values_list("reference", "pk"))
    scored_rows = list(rows_of(scored))
    with transaction.atomic():
        run = ScoringRun.objects.create(
            version=version,
            seed=seed,
            port=port,
            date_from=date_from,
            date_to=date_to,
            red_capacity=red_capacity,
            started_by=signed_in_or_none(user),
        )
        rows = [
            EntryScore(
                run=run,
                shipment_id=ids[reference],
                score=points,
                channel=channel,
                random=random,
                over_capacity=over,
                fired=fired,
            )
            for reference, points, channel, random, fired, over in scored_rows
        ]
        by_reference = {row[0]: score for row, score in zip(scored_rows, rows, strict=True)}
        in_entry_order = [by_reference[str(ref)] for ref in entries.column("id").to_pylist()]
        # A risk model in force for a port or mode re-decides those entries' channels.
        model_scores = risk_services.decide_with_models(
            run=run, entries=entries, ruleset=ruleset, rows=in_entry_order
        )
        EntryScore.objects.bulk_create(rows, batch_size=BATCH)
        risk_services.save_model_scores(model_scores)
        run.entry_count = len(rows)
        run.red_count = sum(1 for row in rows if row.channel == Channel.RED)
        run.yellow_count = sum(1 for row in rows if row.channel == Channel.YELLOW)
        run.green_count = sum(1 for row in rows if row.channel == Channel.GREEN)
        run.random_count = sum(1 for row in rows if row.random)
        run.over_capacity_count = sum(1 for row in rows if row.over_capacity)
        run.save()
    return run


@dataclass(frozen=True)
class ScoredEntry:
    """One entry's score as the test-run panel and the API show it."""

    id: str
    score: int
    channel: str
    random: bool
    over_capacity: bool
    fired: list[ExplainedRule]


@dataclass(frozen=True)
class ExplainedRule:
    """A rule that fired, with everything an officer needs to see why."""

    id: str
    title: str
    category: str
    weight: int
    when: str
    force_channel: str | None


def explain_fired(ruleset: RuleSet, fired: Sequence[str]) -> list[ExplainedRule]:
    """The rules named, with title, category, weight and ``when`` (unknown ids skipped)."""
    known = {rule.id: rule for rule in ruleset.rules}
    return [
        ExplainedRule(
            id=rule.id,
            title=rule.title,
            category=rule.category.value,
            weight=rule.weight,
            when=rule.when,
            force_channel=rule.force_channel.value if rule.force_channel else None,
        )
        for rule in (known.get(rule_id) for rule_id in fired)
        if rule is not None
    ]


def rows_of(scored: ScoredEntries) -> Iterator[tuple[str, int, str, bool, list[str], bool]]:
    """Each scored entry as (id, score, channel, random, fired rule ids, over capacity)."""
    table = scored.table
    columns = [
        table.column(name).to_pylist()
        for name in ("id", "score", "channel", "random", "fired", "over_capacity")
    ]
    for entry_id, points, channel, random, fired, over in zip(*columns, strict=True):
        rule_ids = [rule_id for rule_id in (fired or "").split(";") if rule_id]
        yield str(entry_id), int(points), str(channel), bool(random), rule_ids, bool(over)


def _scored_entries(scored: ScoredEntries, ruleset: RuleSet) -> list[ScoredEntry]:
    return [
        ScoredEntry(
            id=entry_id,
            score=points,
            channel=channel,
            random=random,
            over_capacity=over,
            fired=explain_fired(ruleset, fired),
        )
        for entry_id, points, channel, random, fired, over in rows_of(scored)
    ]


def score_entries(
    *, entries: Sequence[Mapping[str, Any]], version: RuleSetVersion, seed: int = 0
) -> list[ScoredEntry]:
    """Score entries given as plain data (the API's), storing nothing.

    They are judged against the year of shipments in the database before the latest of
    their arrival dates.
    """
    if len(entries) > MAX_BATCH_ENTRIES:
        raise TargetingError(f"Send at most {MAX_BATCH_ENTRIES:,} entries at a time.")
    ruleset = ruleset_of(version)
    table = entry_tables.entries_from_mappings(entries)
    days = [day for day in table.column("arrival_date").to_pylist() if day is not None]
    until = max(days) if days else timezone.localdate()
    return _scored_entries(score_against_history(table, ruleset, seed=seed, until=until), ruleset)


@dataclass(frozen=True)
class TrialRun:
    """A rule set tried on a sample of one day's shipments, nothing stored."""

    ruleset: str
    day: date
    entries: int
    channels: dict[str, int]
    random: int
    top: list[ScoredEntry]
    shipment_ids: dict[str, int]


def trial_run(
    *,
    source: str,
    day: date,
    port: PortOfEntry | None = None,
    sample: int = 200,
    seed: int = 0,
    top: int = 20,
) -> TrialRun:
    """Score the first ``sample`` shipments of a day with rules not yet saved.

    Raises ``RuleSetError`` for problems in the rules and ``TargetingError`` when the day has
    no shipments.
    """
    ruleset = parse_source(text=source)
    shipments = shipments_for(date_from=day, date_to=day, port=port)[: max(1, sample)]
    entries = entry_tables.entries_table(shipments)
    if entries.num_rows == 0:
        raise TargetingError("No shipments arrived on that day; choose another.")
    scored = _scored_entries(score_against_history(entries, ruleset, seed=seed, until=day), ruleset)
    channels = {channel.value: 0 for channel in (Channel.RED, Channel.YELLOW, Channel.GREEN)}
    for entry in scored:
        channels[entry.channel] += 1
    ranked = sorted(scored, key=lambda entry: (-entry.score, entry.id))[:top]
    references = [entry.id for entry in ranked]
    return TrialRun(
        ruleset=ruleset.label,
        day=day,
        entries=len(scored),
        channels=channels,
        random=sum(1 for entry in scored if entry.random),
        top=ranked,
        shipment_ids=dict(
            Shipment.objects.filter(reference__in=references).values_list("reference", "pk")
        ),
    )


_CHANNEL_ORDER = Case(
    When(channel=Channel.RED, then=Value(0)),
    When(channel=Channel.YELLOW, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class Worklist:
    """The latest scores of a port's shipments for a day, red first, then yellow."""

    port: PortOfEntry
    day: date
    run: ScoringRun | None
    scores: list[EntryScore]
    ruleset: RuleSet | None


def worklist(*, user: Any, port: PortOfEntry, day: date, include_green: bool = False) -> Worklist:
    """The scores of the latest run that scored this port's shipments of the day, as far
    as the user may see them (an officer: their own port)."""
    scores = scoped(
        user,
        Resource.TARGETING_SCORE,
        EntryScore.objects.filter(shipment__port=port, shipment__arrival_date=day),
    )
    run_id = scores.aggregate(latest=Max("run"))["latest"]
    if run_id is None:
        return Worklist(port=port, day=day, run=None, scores=[], ruleset=None)
    shown = scores.filter(run_id=run_id)
    if not include_green:
        shown = shown.exclude(channel=Channel.GREEN)
    run = ScoringRun.objects.select_related("version__rule_set").get(pk=run_id)
    ordered = (
        shown.select_related("shipment", "risk__version")
        .annotate(channel_order=_CHANNEL_ORDER)
        .order_by("channel_order", "-score", "shipment__reference")
    )
    return Worklist(
        port=port, day=day, run=run, scores=list(ordered), ruleset=ruleset_of(run.version)
    )


def latest_score(*, shipment: Shipment) -> EntryScore | None:
    """The most recent score the shipment was given."""
    return (
        EntryScore.objects.filter(shipment=shipment)
        .select_related("run__version__rule_set")
        .order_by("-run__started_at", "-run_id")
        .first()
    )
