"""Reading a rule set from YAML and checking every field of it before anything runs.

The file looks like::

    name: cargo-targeting
    version: "2025.1"
    channels: {red: 80, yellow: 40}
    random_sample: 0.02          # share of otherwise-green entries sent to yellow
    rules:
      - id: NARC-BANANA
        title: Bananas from source countries at a very low value per kilogram
        category: narcotics
        when: hs_code LIKE '0803%' AND origin IN ('EC', 'CO') AND value_per_kg < 0.2
        weight: 60
        force_channel: red       # optional: green, yellow or red
        valid_from: 2025-01-01   # optional
        valid_to: 2025-12-31     # optional
        owner: targeting-unit-miami

All problems are collected before the rule set is refused, each with the rule id, the field
and the line, so an analyst fixes them in one pass.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from borderops.core.targeting.expressions import (
    CheckedExpression,
    ExpressionProblem,
    check_expression,
)
from borderops.core.targeting.features import ENTRY_COLUMNS, FEATURE_NAMES
from borderops.core.targeting.types import (
    Category,
    Channel,
    Rule,
    RuleError,
    RuleProblem,
    RuleSet,
    RuleSetError,
    Thresholds,
)

RULESET_KEYS = frozenset({"name", "version", "channels", "random_sample", "rules"})
RULE_KEYS = frozenset(
    {
        "id",
        "title",
        "category",
        "when",
        "weight",
        "force_channel",
        "valid_from",
        "valid_to",
        "owner",
    }
)
REQUIRED_RULE_KEYS = ("id", "title", "category", "when", "weight")
MAX_WEIGHT = 1000
DEFAULT_COLUMNS: tuple[str, ...] = (*ENTRY_COLUMNS, *FEATURE_NAMES)


class _Loader(yaml.SafeLoader):
    """Safe YAML, with dates left as text so a bad date is reported, not a crash."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def load_ruleset(path: Path | str, *, columns: Collection[str] | None = None) -> RuleSet:
    """Read and check a rule set file; ``columns`` are those rules may use (default: the
    canonical entry columns and every derived feature)."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleSetError(
            [RuleProblem(RuleError.BAD_FILE, None, "file", f"cannot be read: {error}")], source
        ) from None
    return parse_ruleset(text, columns=columns, source=source)


def parse_ruleset(
    text: str, *, columns: Collection[str] | None = None, source: str = "<rules>"
) -> RuleSet:
    """Check a rule set given as YAML text; raises ``RuleSetError`` with every problem."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            document = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise RuleSetError(
            [RuleProblem(RuleError.BAD_FILE, None, "YAML", f"not valid YAML: {problem}", line)],
            source,
        ) from None
    if not isinstance(document, dict):
        raise RuleSetError(
            [RuleProblem(RuleError.BAD_FILE, None, "file", "a rule set is a YAML mapping")],
            source,
        )
    checker = _Checker(columns if columns is not None else DEFAULT_COLUMNS, _rule_lines(node))
    ruleset = checker.ruleset(document)
    if checker.problems or ruleset is None:
        raise RuleSetError(checker.problems, source)
    return ruleset


def ruleset_from_mapping(
    document: Mapping[str, Any], *, columns: Collection[str] | None = None
) -> RuleSet:
    """Check a rule set given as plain data (as the web app and the database hold it)."""
    checker = _Checker(columns if columns is not None else DEFAULT_COLUMNS, {})
    ruleset = checker.ruleset(dict(document))
    if checker.problems or ruleset is None:
        raise RuleSetError(checker.problems)
    return ruleset


def _rule_lines(node: yaml.Node | None) -> dict[int, int]:
    # The line each rule starts on, by its position in the list, for messages.
    if not isinstance(node, yaml.MappingNode):
        return {}
    for key, value in node.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value == "rules"
            and isinstance(value, yaml.SequenceNode)
        ):
            return {i: item.start_mark.line + 1 for i, item in enumerate(value.value)}
    return {}


class _Checker:
    """Collects problems while turning a parsed document into a ``RuleSet``."""

    def __init__(self, columns: Collection[str], lines: dict[int, int]) -> None:
        self.columns = columns
        self.lines = lines
        self.problems: list[RuleProblem] = []

    def problem(
        self,
        code: RuleError,
        part: str,
        message: str,
        rule_id: str | None = None,
        line: int | None = None,
    ) -> None:
        self.problems.append(RuleProblem(code, rule_id, part, message, line))

    def ruleset(self, document: dict[str, Any]) -> RuleSet | None:
        for key in sorted(set(document) - RULESET_KEYS, key=str):
            self.problem(
                RuleError.UNKNOWN_KEY,
                str(key),
                f"unknown key; a rule set has {', '.join(sorted(RULESET_KEYS))}",
            )
        name = self.text(document, "name", None, required=True)
        version = self.text(document, "version", None, required=True)
        thresholds = self.thresholds(document.get("channels"))
        sample = self.share(document.get("random_sample", 0.0))
        raw_rules = document.get("rules")
        if not isinstance(raw_rules, list) or not raw_rules:
            self.problem(RuleError.MISSING_FIELD, "rules", "give a list of at least one rule")
            raw_rules = []
        rules: list[Rule] = []
        seen: dict[str, int] = {}
        for position, raw in enumerate(raw_rules):
            rule = self.rule(raw, position)
            if rule is None:
                continue
            if rule.id in seen:
                self.problem(
                    RuleError.DUPLICATE_ID,
                    "id",
                    f"the id is already used by rule number {seen[rule.id] + 1}; ids are unique",
                    rule.id,
                    self.lines.get(position),
                )
                continue
            seen[rule.id] = position
            rules.append(rule)
        if self.problems or name is None or version is None or thresholds is None:
            return None
        return RuleSet(
            name=name,
            version=version,
            thresholds=thresholds,
            random_sample=sample,
            rules=tuple(rules),
        )

    def text(
        self,
        mapping: dict[str, Any],
        key: str,
        rule_id: str | None,
        *,
        required: bool,
        line: int | None = None,
    ) -> str | None:
        value = mapping.get(key)
        if value is None:
            if required:
                self.problem(RuleError.MISSING_FIELD, key, "required", rule_id, line)
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(RuleError.BAD_TYPE, key, "must be text", rule_id, line)
            return None
        text = str(value).strip()
        if required and not text:
            self.problem(RuleError.MISSING_FIELD, key, "must not be empty", rule_id, line)
            return None
        return text

    def thresholds(self, value: Any) -> Thresholds | None:
        if not isinstance(value, dict):
            self.problem(
                RuleError.MISSING_FIELD,
                "channels",
                "give score thresholds, e.g. {red: 80, yellow: 40}",
            )
            return None
        for key in sorted(set(value) - {"red", "yellow"}, key=str):
            self.problem(
                RuleError.UNKNOWN_KEY, f"channels.{key}", "only red and yellow have thresholds"
            )
        red, yellow = value.get("red"), value.get("yellow")
        for key, number in (("red", red), ("yellow", yellow)):
            if isinstance(number, bool) or not isinstance(number, int):
                self.problem(
                    RuleError.BAD_TYPE, f"channels.{key}", "must be a whole number of points"
                )
                return None
        assert isinstance(red, int) and isinstance(yellow, int)
        if not 0 < yellow <= red:
            self.problem(
                RuleError.BAD_VALUE,
                "channels",
                f"need 0 < yellow <= red, not yellow {yellow} and red {red}",
            )
            return None
        return Thresholds(red=red, yellow=yellow)

    def share(self, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(RuleError.BAD_TYPE, "random_sample", "must be a number between 0 and 1")
            return 0.0
        if not 0.0 <= float(value) <= 1.0:
            self.problem(
                RuleError.BAD_VALUE,
                "random_sample",
                f"must be a share between 0 and 1 (0.02 is 2 %), not {value}",
            )
        return float(value)

    def rule(self, raw: Any, position: int) -> Rule | None:
        line = self.lines.get(position)
        if not isinstance(raw, dict):
            self.problem(
                RuleError.BAD_TYPE, f"rules[{position}]", "each rule is a mapping", line=line
            )
            return None
        rule_id = self.text(raw, "id", None, required=True, line=line)
        label = rule_id or f"number {position + 1}"
        for key in sorted(set(raw) - RULE_KEYS, key=str):
            self.problem(
                RuleError.UNKNOWN_KEY,
                str(key),
                f"unknown key; a rule has {', '.join(sorted(RULE_KEYS))}",
                label,
                line,
            )
        before = len(self.problems)
        title = self.text(raw, "title", label, required=True, line=line)
        category = self.choice(raw, "category", Category, label, line, required=True)
        force = self.choice(raw, "force_channel", Channel, label, line, required=False)
        weight = self.weight(raw.get("weight"), label, line)
        valid_from = self.day(raw, "valid_from", label, line)
        valid_to = self.day(raw, "valid_to", label, line)
        if valid_from and valid_to and valid_from > valid_to:
            self.problem(
                RuleError.BAD_DATE,
                "valid_to",
                f"{valid_to} is before valid_from {valid_from}",
                label,
                line,
            )
        owner = self.text(raw, "owner", label, required=False, line=line) or ""
        when = self.text(raw, "when", label, required=True, line=line)
        checked = self.expression(when, label, line) if when is not None else None
        if len(self.problems) > before or rule_id is None or checked is None:
            return None
        assert title is not None and isinstance(category, Category) and weight is not None
        assert when is not None
        return Rule(
            id=rule_id,
            title=title,
            category=category,
            when=when,
            sql=checked.sql,
            weight=weight,
            force_channel=force if isinstance(force, Channel) else None,
            valid_from=valid_from,
            valid_to=valid_to,
            owner=owner,
            columns=checked.columns,
        )

    def choice(
        self,
        raw: dict[str, Any],
        key: str,
        kind: type[Category] | type[Channel],
        rule_id: str,
        line: int | None,
        *,
        required: bool,
    ) -> Category | Channel | None:
        value = raw.get(key)
        if value is None:
            if required:
                self.problem(RuleError.MISSING_FIELD, key, "required", rule_id, line)
            return None
        try:
            return kind(str(value).strip().lower())
        except ValueError:
            allowed = ", ".join(member.value for member in kind)
            self.problem(
                RuleError.BAD_VALUE, key, f"{value!r} is not one of {allowed}", rule_id, line
            )
            return None

    def weight(self, value: Any, rule_id: str, line: int | None) -> int | None:
        if value is None:
            self.problem(RuleError.MISSING_FIELD, "weight", "required", rule_id, line)
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(
                RuleError.BAD_TYPE,
                "weight",
                f"must be a whole number of points, not {value!r}",
                rule_id,
                line,
            )
            return None
        if abs(value) > MAX_WEIGHT:
            self.problem(
                RuleError.BAD_VALUE,
                "weight",
                f"must lie between -{MAX_WEIGHT} and {MAX_WEIGHT}",
                rule_id,
                line,
            )
            return None
        return value

    def day(self, raw: dict[str, Any], key: str, rule_id: str, line: int | None) -> date | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.problem(
                RuleError.BAD_DATE, key, f"{value!r} is not a date like 2025-03-31", rule_id, line
            )
            return None

    def expression(self, when: str, rule_id: str, line: int | None) -> CheckedExpression | None:
        checked = check_expression(when, self.columns)
        if isinstance(checked, ExpressionProblem):
            self.problem(checked.code, f"when ({checked.part})", checked.message, rule_id, line)
            return None
        return checked
