"""Rule sets and their versions: checking the YAML, saving a version, putting it in force."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from borderops.accounts.permissions import signed_in_or_none
from borderops.core.targeting.engine import score
from borderops.core.targeting.io import ENTRY_SCHEMA
from borderops.core.targeting.rulesets import parse_ruleset
from borderops.core.targeting.types import (
    RuleError,
    RuleProblem,
    RuleSet,
    RuleSetError,
)
from borderops.targeting.choices import VersionStatus
from borderops.targeting.models import RuleSet as StoredRuleSet
from borderops.targeting.models import RuleSetVersion
from borderops.targeting.services.common import (
    MAX_SOURCE_CHARS,
    TargetingError,
)


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
            created_by=signed_in_or_none(user),
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
        version.activated_by = signed_in_or_none(user)
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
