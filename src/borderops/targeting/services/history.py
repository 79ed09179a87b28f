"""Measuring versions on history: backtests and comparisons on known outcomes."""

from __future__ import annotations

from datetime import date

import pyarrow as pa

from borderops.core.targeting import backtest as core_backtest
from borderops.reference.models import PortOfEntry
from borderops.targeting import entries as entry_tables
from borderops.targeting.choices import OutcomeSource
from borderops.targeting.models import RuleSetVersion
from borderops.targeting.services.common import (
    TargetingError,
)
from borderops.targeting.services.rulesets import ruleset_of
from borderops.targeting.services.scoring import shipments_for


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
