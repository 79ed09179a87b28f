"""Saving and activating rule-set versions, scoring shipments, recording examination results,
and measuring versions on history.

The only place that changes targeting state; pages, API endpoints and the demo installer
call these functions, which call ``borderops.core.targeting`` for every rule and score.
"""

from borderops.targeting.services.common import (
    BATCH,
    EXAMPLE_RULES,
    MAX_BATCH_ENTRIES,
    MAX_SOURCE_CHARS,
    TargetingError,
)
from borderops.targeting.services.demo import install_demo_rules
from borderops.targeting.services.examinations import record_examination
from borderops.targeting.services.history import (
    backtest_version,
    compare_versions,
    history_with_outcomes,
)
from borderops.targeting.services.rulesets import (
    activate_version,
    active_version,
    check_source,
    parse_source,
    ruleset_of,
    save_version,
)
from borderops.targeting.services.scoring import (
    ExplainedRule,
    ScoredEntry,
    TrialRun,
    Worklist,
    explain_fired,
    latest_score,
    score_against_history,
    score_entries,
    score_shipments,
    shipments_for,
    trial_run,
    worklist,
)

__all__ = [
    "BATCH",
    "EXAMPLE_RULES",
    "MAX_BATCH_ENTRIES",
    "MAX_SOURCE_CHARS",
    "ExplainedRule",
    "ScoredEntry",
    "TargetingError",
    "TrialRun",
    "Worklist",
    "activate_version",
    "active_version",
    "backtest_version",
    "check_source",
    "compare_versions",
    "explain_fired",
    "history_with_outcomes",
    "install_demo_rules",
    "latest_score",
    "parse_source",
    "record_examination",
    "ruleset_of",
    "save_version",
    "score_against_history",
    "score_entries",
    "score_shipments",
    "shipments_for",
    "trial_run",
    "worklist",
]
