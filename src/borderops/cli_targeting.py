"""``borderops target`` and ``borderops backtest``: scoring entries and measuring rule sets.

``target`` scores an entries file (CSV or Parquet with the canonical entry columns, extra
columns kept and usable by rules, or a UN/EDIFACT CUSCAR cargo report, ``.edi``) and writes
``id,score,channel,random,fired`` per entry.
``backtest`` scores a history and measures it against an outcomes CSV with the columns
``id`` (entry id), ``finding`` (true/false or 1/0: was something found), ``category`` (what
was found: narcotics, undervaluation, …; empty for no finding) and ``quantity`` (how much,
may be empty). Entries missing from the outcomes file count as not examined.

Both work on files alone (no database), like ``borderops screen``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import pyarrow as pa
import typer
from rich.console import Console
from rich.table import Column, Table

from borderops.cli_support import console, fail, progress_bar

if TYPE_CHECKING:
    # DuckDB and sqlglot load only when a targeting command runs, not with every command.
    from borderops.core.targeting.backtest import Backtest
    from borderops.core.targeting.types import RuleSet

OUTCOMES_HELP = (
    "OUTCOMES.csv with columns id, finding (true/false or 1/0), category (what was found, "
    "e.g. narcotics; empty for none), quantity (may be empty). Absent entries were not examined."
)
LIST_HELP = "Screen shippers and consignees against a list, FORMAT:PATH (as for `screen`)."


def _rules_and_entries(rules: Path, input: Path) -> tuple[RuleSet, pa.Table]:
    from borderops.core.targeting.features import FEATURE_NAMES
    from borderops.core.targeting.io import (
        WARNING_KEY,
        EntryFileError,
        entry_columns,
        read_entries,
    )
    from borderops.core.targeting.rulesets import load_ruleset
    from borderops.core.targeting.types import RuleSetError

    try:
        columns = entry_columns(input)
        ruleset = load_ruleset(rules, columns=[*columns, *FEATURE_NAMES])
    except RuleSetError as error:
        fail(f"invalid rule set; nothing was written.\n{error}")
    except EntryFileError as error:
        fail(str(error))
    try:
        entries = read_entries(input)
    except EntryFileError as error:
        fail(str(error))
    warning = (entries.schema.metadata or {}).get(WARNING_KEY)
    if warning:
        console.print(f"[yellow]warning[/]: {input}: {warning.decode()}; read anyway")
    return ruleset, entries


def _party_scores(lists: list[str] | None, entries: pa.Table) -> pa.Table | None:
    if not lists:
        return None
    from borderops.cli_screening import load_lists
    from borderops.core.screening import build_index
    from borderops.core.targeting.parties import party_screening_scores

    index = build_index(entry for loaded in load_lists(lists) for entry in loaded.entries)
    return party_screening_scores(entries, index)


def target_command(
    rules: Annotated[Path, typer.Option("--rules", help="RULES.yaml: the rule set.")],
    input: Annotated[
        Path,
        typer.Option(
            "--input",
            help="ENTRIES.csv or .parquet with the entry columns, or a CUSCAR cargo report (.edi).",
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", help="SCORED.csv or .parquet: id,score,channel,random,fired")
    ],
    seed: Annotated[int, typer.Option(help="Seed of the random compliance sample.")] = 0,
    lists: Annotated[list[str] | None, typer.Option("--list", help=LIST_HELP)] = None,
    capacity: Annotated[
        int | None,
        typer.Option(min=0, help="Red examinations a port can do a day; adds over_capacity."),
    ] = None,
) -> None:
    """Score every entry with a rule set and assign its channel (green, yellow, red)."""
    from borderops.core.targeting.engine import score
    from borderops.core.targeting.io import EntryFileError, file_format, write_table
    from borderops.core.targeting.types import RuleSetError

    try:
        file_format(output)
    except EntryFileError as error:
        fail(str(error))
    with progress_bar() as update:
        update("reading rules and entries", 0, 1)
        ruleset, entries = _rules_and_entries(rules, input)
        update("reading rules and entries", 1, 1)
        scores = _party_scores(lists, entries)
        update(f"scoring {entries.num_rows:,} entries", 0, 1)
        try:
            scored = score(
                entries, ruleset, seed=seed, party_scores=scores, default_capacity=capacity
            )
        except RuleSetError as error:
            fail(f"invalid rule set; nothing was written.\n{error}")
        update(f"scoring {entries.num_rows:,} entries", 1, 1)
        columns = ["id", "score", "channel", "random", "fired"]
        if capacity is not None:
            columns.append("over_capacity")
        update("writing", 0, 1)
        write_table(scored.table.select(columns), output)
        update("writing", 1, 1)
    counts = scored.table.group_by("channel").aggregate([("id", "count")]).to_pylist()
    by_channel = {row["channel"]: row["id_count"] for row in counts}
    console.print(
        f"{len(scored):,} entries scored with {scored.ruleset}: "
        + ", ".join(f"{by_channel.get(c, 0):,} {c}" for c in ("red", "yellow", "green"))
        + f" → {output}"
    )


def backtest_command(
    rules: Annotated[Path, typer.Option("--rules", help="RULES.yaml: the rule set.")],
    input: Annotated[
        Path, typer.Option("--input", help="ENTRIES.csv, .parquet or CUSCAR .edi (history).")
    ],
    outcomes: Annotated[Path, typer.Option("--outcomes", help=OUTCOMES_HELP)],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    seed: Annotated[int, typer.Option(help="Seed of the random compliance sample.")] = 0,
    lists: Annotated[list[str] | None, typer.Option("--list", help=LIST_HELP)] = None,
    compare_with: Annotated[
        Path | None,
        typer.Option("--compare", help="Another RULES.yaml to compare on the same history."),
    ] = None,
) -> None:
    """Measure a rule set on history with known outcomes: per rule, per channel, and the
    detection rate at each examination rate."""
    from borderops.core.targeting.backtest import backtest, compare
    from borderops.core.targeting.outcomes import OutcomeFileError, read_outcomes
    from borderops.core.targeting.types import RuleSetError

    ruleset, entries = _rules_and_entries(rules, input)
    other = None
    if compare_with is not None:
        other, _ = _rules_and_entries(compare_with, input)
    try:
        known = read_outcomes(outcomes)
    except OutcomeFileError as error:
        fail(str(error))
    scores = _party_scores(lists, entries)
    try:
        if other is not None:
            comparison = compare(entries, known, ruleset, other, seed=seed, party_scores=scores)
            result = comparison.after
            report = comparison.to_dict()
        else:
            result = backtest(entries, known, ruleset, seed=seed, party_scores=scores)
            report = result.to_dict()
    except RuleSetError as error:
        fail(f"invalid rule set.\n{error}")
    if as_json:
        print(json.dumps(report, indent=2))
        return
    # Wide enough that rule ids are never cut, even when piped to a file.
    out = Console(width=max(Console().width, 140))
    if other is not None:
        _print_backtest(out, comparison.before)
    _print_backtest(out, result)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _print_backtest(out: Console, result: Backtest) -> None:
    out.print(
        f"[bold]{result.ruleset}[/]: {result.entries:,} entries, {result.examined:,} examined, "
        f"{result.violations:,} violations; baseline hit rate {_percent(result.baseline_hit_rate)}"
        f" ({result.baseline.replace('_', ' ')})"
    )
    rules = Table(
        Column("rule", no_wrap=True),
        "category",
        "weight",
        "fired",
        "examined",
        "hits",
        "hit rate",
        "lift",
    )
    for rule in result.rules:
        lift = "—" if rule.lift is None else f"{rule.lift:.1f}×"
        rules.add_row(
            rule.rule_id,
            rule.category,
            str(rule.weight),
            f"{rule.fired:,}",
            f"{rule.examined:,}",
            f"{rule.hits:,}",
            _percent(rule.hit_rate),
            lift,
        )
    out.print(rules)
    channels = Table("channel", "entries", "examination rate", "hits", "hit rate", "of violations")
    for channel in result.channels:
        channels.add_row(
            channel.channel,
            f"{channel.entries:,}",
            _percent(channel.examination_rate),
            f"{channel.hits:,}",
            _percent(channel.hit_rate),
            _percent(channel.share_of_violations),
        )
    out.print(channels)
    curve = Table("examine top", "entries", "violations found", "detection", "random would find")
    for point in result.curve:
        curve.add_row(
            _percent(point.examination_rate),
            f"{point.examined:,}",
            f"{point.hits:,}",
            _percent(point.detection_rate),
            _percent(point.examination_rate),
        )
    out.print(curve)
