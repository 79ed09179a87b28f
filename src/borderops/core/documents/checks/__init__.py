"""Document checks: the named rules an officer's system runs on a presented travel document.

``check_document(document, context)`` runs every rule of a versioned rule set
(``document-checks-v1``) and returns findings with a severity (``refer``, ``warn``,
``info``) and a plain sentence for the officer. ``checks_for_advance`` runs the rules that
advance data alone supports, for every traveller on a manifest before the flight lands.
"""

from borderops.core.documents.checks.codes import DocumentKind, document_kind
from borderops.core.documents.checks.ruleset import (
    DEFAULT_RULESET,
    Rule,
    RuleSet,
    check_document,
    checks_for_advance,
    get_ruleset,
    ruleset_names,
)
from borderops.core.documents.checks.types import (
    AdvanceRecord,
    CheckContext,
    DocumentCheckResult,
    DocumentFinding,
    LostStolenMatch,
    PresentedDocument,
    Severity,
    UnknownRulesetError,
)

__all__ = [
    "DEFAULT_RULESET",
    "AdvanceRecord",
    "CheckContext",
    "DocumentCheckResult",
    "DocumentFinding",
    "DocumentKind",
    "LostStolenMatch",
    "PresentedDocument",
    "Rule",
    "RuleSet",
    "Severity",
    "UnknownRulesetError",
    "check_document",
    "checks_for_advance",
    "document_kind",
    "get_ruleset",
    "ruleset_names",
]
