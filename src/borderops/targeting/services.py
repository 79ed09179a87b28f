"""Saving and activating rule-set versions, scoring shipments, recording examination results,
and measuring versions on history.

The only place that changes targeting state; pages, API endpoints and the demo installer
call these functions, which call ``borderops.core.targeting`` for every rule and score.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
from django.db import transaction
from django.db.models import Case, IntegerField, Max, Min, QuerySet, Value, When
from django.utils import timezone
from django.utils.text import slugify

from borderops.accounts.permissions import Resource, scoped
from borderops.core.targeting import backtest as core_backtest
from borderops.core.targeting.engine import score
from borderops.core.targeting.io import ENTRY_SCHEMA
from borderops.core.targeting.rulesets import parse_ruleset
from borderops.core.targeting.types import (
    Channel,
    RuleError,
    RuleProblem,
    RuleSet,
    RuleSetError,
    ScoredEntries,
)
from borderops.crossings.models import Shipment
from borderops.reference.models import PortOfEntry
from borderops.risk import services as risk_services
from borderops.targeting import entries as entry_tables
from borderops.targeting.choices import FindingCategory, OutcomeSource, VersionStatus
from borderops.targeting.models import EntryScore, ExaminationResult, RuleSetVersion, ScoringRun
from borderops.targeting.models import RuleSet as StoredRuleSet

BATCH = 2000
MAX_BATCH_ENTRIES = 10_000
MAX_SOURCE_CHARS = 200_000
EXAMPLE_RULES = (
    Path(__file__).resolve().parent.parent / "core" / "targeting" / "data" / "example-rules.yaml"
)


class TargetingError(ValueError):
    """A request the targeting services cannot carry out, with what to do instead."""


# --------------------------------------------------------------------------------------------
# Rule sets and versions
# --------------------------------------------------------------------------------------------


def parse_source(*, text: str, source: str = "rules") -> RuleSet:
    """Check a rule set's YAML with the core, and against the real entry columns and types.

    Raises ``RuleSetError`` with every problem (rule id, field, line).
    """
    if len(text) > MAX_SOURCE_CHARS:
        raise RuleSetError(
            [
                RuleProblem(
                    RuleError.BAD_FILE,
                    None,
                    "file",
                    f"is longer than {MAX_SOURCE_CHARS:,} characters; split the rule set",
                )
            ],
            source,
        )
    ruleset = parse_ruleset(text, source=source)
    # Scoring no entries still binds every rule against the real column types, so a rule
    # that is not true/false is refused here rather than when a worklist is due.
    score(ENTRY_SCHEMA.empty_table(), ruleset)
    name_problem = _name_problem(ruleset.name)
    if name_problem is not None:
        raise RuleSetError([name_problem], source)
    return ruleset


def _name_problem(name: str) -> RuleProblem | None:
    if slugify(name) != name or len(name) > 80:
        return RuleProblem(
            RuleError.BAD_VALUE,
            None,
            "name",
            "use lower-case letters, digits and hyphens, up to 80 characters, "
            f"e.g. {slugify(name)[:80] or 'cargo-targeting'!r}",
        )
    return None


def check_source(*, text: str) -> list[RuleProblem]:
    """Every problem in a rule set's YAML; empty when it would save and run."""
    try:
        parse_source(text=text)
    except RuleSetError as error:
        return list(error.problems)
    return []


def ruleset_of(version: RuleSetVersion) -> RuleSet:
    """The checked rule set a stored version holds, stamped ``name@number``."""
    ruleset = parse_ruleset(version.source, source=version.label)
    return dataclasses.replace(ruleset, version=str(version.number))


def save_version(
    *,
    source: str,
    user: Any,
    rule_set: StoredRuleSet | None = None,
    note: str = "",
) -> RuleSetVersion:
    """Check the YAML and store it as the next version (a draft) of its rule set.

    The rule set is the one named in the YAML, created on first save; when ``rule_set`` is
    given the YAML must carry its name. Raises ``RuleSetError`` and stores nothing when the
    rules have any problem.
    """
    ruleset = parse_source(text=source)
    if rule_set is not None and ruleset.name != rule_set.name:
        raise RuleSetError(
            [
                RuleProblem(
                    RuleError.BAD_VALUE,
                    None,
                    "name",
                    f"this is rule set {rule_set.name!r}; a new name makes a new rule set, "
                    "so start it from the rule-set list",
                )
            ]
        )
    with transaction.atomic():
        stored, _created = StoredRuleSet.objects.get_or_create(name=ruleset.name)
        # Lock the rule set so two analysts saving at once get consecutive numbers.
        stored = StoredRuleSet.objects.select_for_update().get(pk=stored.pk)
        latest = stored.versions.aggregate(n=Max("number"))["n"] or 0
        return RuleSetVersion.objects.create(
            rule_set=stored,
            number=latest + 1,
            source=source,
            rule_count=len(ruleset.rules),
            note=note.strip()[:300],
            created_by=_user_or_none(user),
        )


def activate_version(*, version: RuleSetVersion, user: Any) -> RuleSetVersion:
    """Put a version in force: the version active before it is retired, in one transaction."""
    with transaction.atomic():
        StoredRuleSet.objects.select_for_update().get(pk=version.rule_set_id)
        version.refresh_from_db()
        if version.status == VersionStatus.ACTIVE:
            return version
        # Still parses? A version saved under an older engine may no longer be valid.
        ruleset_of(version)
        for current in RuleSetVersion.objects.filter(
            rule_set_id=version.rule_set_id, status=VersionStatus.ACTIVE
        ):
            current.status = VersionStatus.RETIRED
            current.save(update_fields=["status"])
        version.status = VersionStatus.ACTIVE
        version.activated_at = timezone.now()
        version.activated_by = _user_or_none(user)
        version.save(update_fields=["status", "activated_at", "activated_by"])
    return version


def active_version(name: str | None = None) -> RuleSetVersion:
    """The version in force of the rule set named, or of the rule set activated last.

    Raises ``TargetingError`` when there is no such rule set or none is active.
    """
    versions = RuleSetVersion.objects.select_related("rule_set").filter(status=VersionStatus.ACTIVE)
    if name:
        if not StoredRuleSet.objects.filter(name=name).exists():
            raise TargetingError(f"There is no rule set named {name!r}.")
        versions = versions.filter(rule_set__name=name)
    version = versions.order_by("-activated_at", "-pk").first()
    if version is None:
        which = f"Rule set {name!r} has" if name else "No rule set has"
        raise TargetingError(f"{which} an active version; activate one first.")
    return version


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


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
    table = scored.table
    columns = {name: table.column(name).to_pylist() for name in table.column_names}
    with transaction.atomic():
        run = ScoringRun.objects.create(
            version=version,
            seed=seed,
            port=port,
            date_from=date_from,
            date_to=date_to,
            red_capacity=red_capacity,
            started_by=_user_or_none(user),
        )
        rows = [
            EntryScore(
                run=run,
                shipment_id=ids[reference],
                score=int(points),
                channel=channel,
                random=bool(random),
                over_capacity=bool(over),
                fired=[rule_id for rule_id in (fired or "").split(";") if rule_id],
            )
            for reference, points, channel, random, fired, over in zip(
                columns["id"],
                columns["score"],
                columns["channel"],
                columns["random"],
                columns["fired"],
                columns["over_capacity"],
                strict=True,
            )
        ]
        by_reference = dict(zip(columns["id"], rows, strict=True))
        in_entry_order = [by_reference[reference] for reference in entries.column("id").to_pylist()]
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


def _scored_entries(scored: ScoredEntries, ruleset: RuleSet) -> list[ScoredEntry]:
    table = scored.table
    columns = {name: table.column(name).to_pylist() for name in table.column_names}
    return [
        ScoredEntry(
            id=str(entry_id),
            score=int(points),
            channel=str(channel),
            random=bool(random),
            over_capacity=bool(over),
            fired=explain_fired(ruleset, [r for r in (fired or "").split(";") if r]),
        )
        for entry_id, points, channel, random, fired, over in zip(
            columns["id"],
            columns["score"],
            columns["channel"],
            columns["random"],
            columns["fired"],
            columns["over_capacity"],
            strict=True,
        )
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


# --------------------------------------------------------------------------------------------
# Examination results
# --------------------------------------------------------------------------------------------


def record_examination(
    *,
    shipment: Shipment,
    user: Any,
    finding: bool,
    category: str = "",
    quantity: float | None = None,
    note: str = "",
    examined_at: datetime | None = None,
) -> ExaminationResult:
    """Record what examining an entry found; recording again corrects the earlier result.

    A finding needs its category, no finding has none; quantities are not negative.
    Raises ``TargetingError`` naming the field otherwise.
    """
    category = (category or "").strip()
    if finding and category not in FindingCategory.values:
        raise TargetingError(
            "category: a finding needs its category, one of " + ", ".join(FindingCategory.values)
        )
    if not finding and category:
        raise TargetingError("category: leave it empty when nothing was found.")
    if quantity is not None and quantity < 0:
        raise TargetingError("quantity: must not be negative.")
    selected = latest_score(shipment=shipment)
    result, _created = ExaminationResult.objects.update_or_create(
        shipment=shipment,
        defaults={
            "score": selected,
            "examined_at": examined_at or timezone.now(),
            "finding": finding,
            "category": category,
            "quantity": quantity,
            "note": note.strip(),
            "recorded_by": _user_or_none(user),
            "recorded_at": timezone.now(),
        },
    )
    return result


# --------------------------------------------------------------------------------------------
# Backtests and comparisons on history
# --------------------------------------------------------------------------------------------


def history_with_outcomes(
    *, date_from: date, date_to: date, port: PortOfEntry | None, outcomes: OutcomeSource | str
) -> tuple[pa.Table, pa.Table]:
    """The shipments of a period (at a port, or every port) as entries, and their known
    outcomes: recorded examination results, or the synthetic ground truth of every entry."""
    if date_to < date_from:
        raise TargetingError("The end of the date range is before its start.")
    shipments = shipments_for(date_from=date_from, date_to=date_to, port=port)
    entries = entry_tables.entries_table(shipments)
    if entries.num_rows == 0:
        raise TargetingError("No shipments arrived in that period.")
    if OutcomeSource(outcomes) is OutcomeSource.GROUND_TRUTH:
        known = entry_tables.truth_outcomes(shipments, entries)
    else:
        known = entry_tables.examination_outcomes(shipments)
    return entries, known


def backtest_version(
    *,
    version: RuleSetVersion,
    date_from: date,
    date_to: date,
    port: PortOfEntry | None = None,
    outcomes: OutcomeSource | str = OutcomeSource.EXAMINATIONS,
    seed: int = 0,
) -> core_backtest.Backtest:
    """How a version does on the shipments of a period with known outcomes: per rule, per
    channel, and detection against examination rate."""
    entries, known = history_with_outcomes(
        date_from=date_from, date_to=date_to, port=port, outcomes=outcomes
    )
    ruleset = ruleset_of(version)
    return core_backtest.backtest(
        entries,
        known,
        ruleset,
        seed=seed,
        party_scores=entry_tables.party_scores(entries, ruleset),
    )


def compare_versions(
    *,
    before: RuleSetVersion,
    after: RuleSetVersion,
    date_from: date,
    date_to: date,
    port: PortOfEntry | None = None,
    outcomes: OutcomeSource | str = OutcomeSource.EXAMINATIONS,
    seed: int = 0,
) -> core_backtest.Comparison:
    """Two versions on the same history, ``after`` against ``before``, before activating."""
    entries, known = history_with_outcomes(
        date_from=date_from, date_to=date_to, port=port, outcomes=outcomes
    )
    old, new = ruleset_of(before), ruleset_of(after)
    parties = entry_tables.party_scores(entries, new) or entry_tables.party_scores(entries, old)
    return core_backtest.compare(entries, known, old, new, seed=seed, party_scores=parties)


# --------------------------------------------------------------------------------------------
# Demo
# --------------------------------------------------------------------------------------------


def install_demo_rules(
    *,
    seed: int = 0,
    red_capacity: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ScoringRun | None:
    """Make the example cargo rule set the active version, train and activate the demo risk
    model, and score every shipment loaded.

    Idempotent for the rules: the example is saved again only when it differs from the
    newest version. Returns the scoring run, or None when no shipments are loaded.
    """
    source = EXAMPLE_RULES.read_text(encoding="utf-8")
    name = parse_source(text=source).name
    existing = StoredRuleSet.objects.filter(name=name).first()
    latest = existing.latest_version if existing is not None else None
    version = latest if latest is not None and latest.source == source else None
    if version is None:
        version = save_version(source=source, user=None, note="example rules (demo)")
    activate_version(version=version, user=None)
    span = Shipment.objects.aggregate(first=Min("arrival_date"), last=Max("arrival_date"))
    if span["first"] is None:
        return None
    if progress is not None:
        progress("targeting", 0, 1)
    # A risk model learned from the earlier shipments' outcomes, in force for every port, so
    # the demo's scores show model reasons beside the fired rules.
    risk_services.install_demo_model(seed=seed)
    run = score_shipments(
        date_from=span["first"],
        date_to=span["last"],
        version=version,
        seed=seed,
        red_capacity=red_capacity,
    )
    if progress is not None:
        progress("targeting", 1, 1)
    return run
