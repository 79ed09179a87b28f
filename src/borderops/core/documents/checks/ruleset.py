"""The rule table, registered under a versioned name so an old finding stays explainable.

A finding records the rule set that made it (``document-checks-v1``). Changing what a rule
checks, its severity or its id means a new rule set beside this one, never an edit of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from inspect import getdoc

from borderops.core.documents.checks import advance, rules
from borderops.core.documents.checks.types import (
    AdvanceRecord,
    CheckContext,
    DocumentCheckResult,
    DocumentFinding,
    LostStolenMatch,
    Outcome,
    PresentedDocument,
    Severity,
    UnknownRulesetError,
)

RuleCheck = Callable[[PresentedDocument, CheckContext], Iterator[Outcome]]
DEFAULT_RULESET = "document-checks-v1"


@dataclass(frozen=True, slots=True)
class Rule:
    """A named check: stable id, what a finding asks of the officer, and the function.

    ``advance_data`` marks rules that read only document fields a manifest also carries,
    so they run on advance data alone before the traveller arrives.
    """

    id: str
    severity: Severity
    check: RuleCheck
    advance_data: bool = False

    @property
    def explanation(self) -> str:
        """The rule's one-sentence explanation (its function's docstring)."""
        return getdoc(self.check) or self.id

    def run(self, document: PresentedDocument, context: CheckContext) -> Iterator[DocumentFinding]:
        """The rule's findings on one document."""
        for reason, evidence in self.check(document, context):
            yield DocumentFinding(self.id, self.severity, reason, evidence)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules of one version, in the order their findings are listed."""

    name: str
    rules: tuple[Rule, ...]

    def rule(self, rule_id: str) -> Rule:
        """The rule with id ``rule_id``; ``KeyError`` if this version has none."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


REFER, WARN, INFO = Severity.REFER, Severity.WARN, Severity.INFO
ADVANCE = True  # the rule also runs on advance data alone
DOCUMENT_CHECKS_V1 = RuleSet(
    DEFAULT_RULESET,
    (
        Rule("document.lost_stolen", REFER, rules.lost_stolen, ADVANCE),
        Rule("document.expired", REFER, rules.expired, ADVANCE),
        Rule("document.validity_implausible", REFER, rules.validity_implausible, ADVANCE),
        Rule(
            "document.issuer_nationality_mismatch",
            REFER,
            rules.issuer_nationality_mismatch,
            ADVANCE,
        ),
        Rule("document.check_digit", REFER, rules.check_digit),
        Rule("advance.not_on_manifest", REFER, advance.not_on_manifest),
        Rule("document.number_corrected", WARN, rules.number_corrected),
        Rule("document.mrz_malformed", WARN, rules.mrz_malformed),
        Rule("document.lost_stolen_other_issuer", WARN, rules.lost_stolen_other_issuer, ADVANCE),
        Rule("document.expires_during_stay", WARN, rules.expires_during_stay, ADVANCE),
        Rule("advance.name_mismatch", WARN, advance.name_mismatch),
        Rule("advance.birth_date_mismatch", WARN, advance.birth_date_mismatch),
        Rule("advance.document_number_mismatch", WARN, advance.document_number_mismatch),
        Rule("advance.nationality_mismatch", WARN, advance.nationality_mismatch),
        Rule("advance.expiry_mismatch", WARN, advance.expiry_mismatch),
        Rule("advance.issuer_mismatch", WARN, advance.issuer_mismatch),
        Rule("advance.sex_mismatch", INFO, advance.sex_mismatch),
        Rule("document.mrz_corrected", INFO, rules.mrz_corrected),
    ),
)
_RULESETS = {ruleset.name: ruleset for ruleset in (DOCUMENT_CHECKS_V1,)}


def ruleset_names() -> list[str]:
    """The names of every registered rule set, sorted."""
    return sorted(_RULESETS)


def get_ruleset(name: str = DEFAULT_RULESET) -> RuleSet:
    """The rule set registered as ``name``; ``UnknownRulesetError`` lists the known ones."""
    try:
        return _RULESETS[name]
    except KeyError:
        raise UnknownRulesetError(name, ruleset_names()) from None


def check_document(
    document: PresentedDocument, context: CheckContext, *, ruleset: str = DEFAULT_RULESET
) -> DocumentCheckResult:
    """Every finding of the rule set on a presented document at a crossing."""
    chosen = get_ruleset(ruleset)
    findings = tuple(finding for rule in chosen.rules for finding in rule.run(document, context))
    return DocumentCheckResult(chosen.name, findings)


def checks_for_advance(
    record: AdvanceRecord,
    *,
    on: date,
    stay_until: date | None = None,
    lost_stolen: tuple[LostStolenMatch, ...] = (),
    validity_beyond_stay_months: int = 0,
    ruleset: str = DEFAULT_RULESET,
) -> DocumentCheckResult:
    """The findings advance data alone supports: the announced document's validity, issuer
    and lost/stolen matches, checked against the scheduled arrival date ``on``."""
    chosen = get_ruleset(ruleset)
    document = PresentedDocument.from_advance(record)
    context = CheckContext(
        on=on,
        stay_until=stay_until,
        lost_stolen=lost_stolen,
        validity_beyond_stay_months=validity_beyond_stay_months,
    )
    findings = tuple(
        finding
        for rule in chosen.rules
        if rule.advance_data
        for finding in rule.run(document, context)
    )
    return DocumentCheckResult(chosen.name, findings)
