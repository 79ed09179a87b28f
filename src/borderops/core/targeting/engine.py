"""Scoring entries: every rule of a rule set compiled into one DuckDB query over Arrow.

Each rule becomes one bit of a few integer masks (its ``when`` within its validity dates;
a rule on a missing value does not fire); the score is the sum of the weights of the rules
that fired, the channel follows the thresholds unless a fired rule forces one, a
reproducible random share of the entries that would go green is sent to yellow, and an
optional per-port daily red capacity keeps the highest scores red and flags the rest.

Features and rules are one SQL statement (features a subquery carrying only the columns
the rules read), so the same text can later run on a distributed engine (sqlglot
transpiles it); when several rule sets score the same entries (``score_many``, used by
``backtest.compare``) the features are derived once into a temporary table. Rows leave
DuckDB in no particular order and are put back in input order in Arrow.
"""

# The SQL here is assembled from our own fragments, numbers from checked rule sets and
# rule expressions regenerated from sqlglot trees that passed the allow-list; quoting goes
# through _quote. Nothing an analyst typed reaches DuckDB unchecked.
# ruff: noqa: S608

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from borderops.core.targeting.expressions import ExpressionProblem, check_expression
from borderops.core.targeting.features import (
    DEFAULT_COUNTRIES_OF_CONCERN,
    FEATURE_NAMES,
    feature_query,
    in_input_order,
    with_position,
)
from borderops.core.targeting.types import (
    FiredRule,
    Rule,
    RuleError,
    RuleProblem,
    RuleSet,
    RuleSetError,
    ScoredEntries,
)

_TEXT: pa.DataType = pa.string()
_INTEGER: pa.DataType = pa.int64()
_BOOLEAN: pa.DataType = pa.bool_()
_NUMBER: pa.DataType = pa.float64()
SCORED_SCHEMA = pa.schema(
    [
        pa.field("id", _TEXT),
        pa.field("score", _INTEGER),
        pa.field("channel", _TEXT),
        pa.field("random", _BOOLEAN),
        pa.field("fired", _TEXT),
        pa.field("over_capacity", _BOOLEAN),
    ]
)
_ENTRIES, _HISTORY, _SCORES, _CAPACITY = "__entries_in", "__history_in", "__scores_in", "__capacity"
_FEATURES = "__features"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def random_draw_sql(seed: int, id_column: str = "id") -> str:
    """A uniform number in [0, 1) fixed by the seed and the entry id, not by row order.

    In Python: ``int.from_bytes(md5(f"{seed}:{id}".encode()).digest(), "little") >> 96``
    divided by 2**32.
    """
    return (
        f"CAST(md5_number({_quote(str(seed) + ':')} || {id_column}) >> 96 AS DOUBLE) / 4294967296.0"
    )


def _condition(rule: Rule) -> str:
    """The rule's test within its validity dates (null when a value it reads is missing, which
    ``CASE WHEN`` treats as not firing)."""
    conditions = [f"({rule.sql})"]
    if rule.valid_from is not None:
        conditions.append(f"arrival_date >= DATE '{rule.valid_from.isoformat()}'")
    if rule.valid_to is not None:
        conditions.append(f"arrival_date <= DATE '{rule.valid_to.isoformat()}'")
    return " AND ".join(conditions)


def compile_query(
    ruleset: RuleSet,
    *,
    features: str,
    capacity: str | None = None,
    default_capacity: int | None = None,
    seed: int = 0,
) -> str:
    """The DuckDB statement that scores every entry of ``features``.

    ``features`` names a relation with ``__position``, ``id``, ``port``, ``arrival_date`` and
    every column and feature the rules read (see ``features.feature_query``); ``capacity``
    names one of ``port, capacity`` (red examinations a day). Rows come out in no particular
    order, with ``__position`` to put them back.
    """
    masks, rules, combos = _masks(ruleset)
    red, yellow = ruleset.thresholds.red, ruleset.thresholds.yellow
    draw = random_draw_sql(seed)
    if capacity is not None or default_capacity is not None:
        fallback = "NULL" if default_capacity is None else str(int(default_capacity))
        places = f"coalesce(__capacity.capacity, {fallback})"
        join = (
            f"LEFT JOIN {capacity} AS __capacity ON __capacity.port = __d.port"
            if capacity is not None
            else "LEFT JOIN (SELECT NULL::VARCHAR AS port, NULL::BIGINT AS capacity) "
            "AS __capacity ON false"
        )
        # Forced reds take their places first and are never moved: the analyst required them.
        over = (
            f"coalesce(__channel = 'red' AND __forced < 3 AND row_number() OVER ("
            "PARTITION BY __d.port, __d.arrival_date, __channel = 'red' "
            f"ORDER BY __forced DESC, score DESC, id) > {places}, false)"
        )
    else:
        join, over = "", "false"
    keys = " AND ".join(f"__s.m{k} = __f.m{k}" for k in range(len(masks)))
    return f"""WITH __flags AS MATERIALIZED (SELECT __position, id, port, arrival_date,
  {", ".join(masks)}
FROM {features}),
__rules (i, id, weight, severity, chunk, bit) AS (VALUES {rules}),
__combinations AS (SELECT {combos}, sum(__rules.weight) AS score,
  string_agg(__rules.id, ';' ORDER BY __rules.i) AS fired, max(__rules.severity) AS forced
  FROM (SELECT DISTINCT {combos} FROM __flags) AS __c CROSS JOIN __rules
  WHERE ([{combos}][__rules.chunk + 1] >> __rules.bit) & 1 = 1 GROUP BY {combos}),
__scored AS (SELECT __f.__position, __f.id, __f.port, __f.arrival_date,
  CAST(coalesce(__s.score, 0) AS BIGINT) AS score, coalesce(__s.fired, '') AS fired,
  coalesce(__s.forced, 0) AS __forced
FROM __flags AS __f LEFT JOIN __combinations AS __s ON {keys}),
__channelled AS (SELECT *, CASE
    WHEN __forced = 3 THEN 'red' WHEN __forced = 2 THEN 'yellow' WHEN __forced = 1 THEN 'green'
    WHEN score >= {red} THEN 'red' WHEN score >= {yellow} THEN 'yellow'
    ELSE 'green' END AS __channel
FROM __scored),
__drawn AS (SELECT *, __channel = 'green' AND {draw} < {ruleset.random_sample!r} AS random
FROM __channelled),
__capped AS (SELECT __d.*, {over} AS over_capacity FROM __drawn AS __d {join})
SELECT __position, id, score,
  CASE WHEN random OR over_capacity THEN 'yellow' ELSE __channel END AS channel,
  random, fired, over_capacity
FROM __capped"""


# Rules per bit mask: 62 keeps every bit of a BIGINT positive.
_MASK_BITS = 62


def _masks(ruleset: RuleSet) -> tuple[list[str], str, str]:
    """The bit masks saying which rules fired, the rules as SQL ``VALUES`` and the mask names.

    Summing 200 ``CASE`` terms for the score and joining 200 more for ``fired`` cost more
    than evaluating the rules; instead each entry gets a few integers with one bit per rule,
    and the score, the fired ids and the forced channel are worked out once per distinct
    combination of fired rules (a few hundred in a million entries) and joined back.
    """
    rules = ruleset.rules or ()
    chunks = [rules[start : start + _MASK_BITS] for start in range(0, len(rules), _MASK_BITS)]
    masks = [
        "("
        + " + ".join(
            f"CASE WHEN {_condition(rule)} THEN {1 << bit} ELSE 0 END"
            for bit, rule in enumerate(chunk)
        )
        + f")::BIGINT AS m{number}"
        for number, chunk in enumerate(chunks)
    ] or ["0::BIGINT AS m0"]
    values = (
        ", ".join(
            f"({i}, {_quote(rule.id)}, {rule.weight}, "
            f"{rule.force_channel.severity if rule.force_channel else 0}, "
            f"{i // _MASK_BITS}, {i % _MASK_BITS})"
            for i, rule in enumerate(rules)
        )
        or "(0, NULL, 0, 0, 0, 63)"
    )
    combos = ", ".join(f"m{number}" for number in range(len(masks)))
    return masks, values, combos


def bind_check(connection: duckdb.DuckDBPyConnection, ruleset: RuleSet, *, features: str) -> None:
    """Refuse rules that do not bind to a true/false value over these entries' real types."""
    if not ruleset.rules:
        return
    # All rules in one statement: binding 200 statements one by one took two seconds.
    listed = ", ".join(f"({rule.sql}) AS __r{i}" for i, rule in enumerate(ruleset.rules))
    try:
        relation = connection.sql(f"SELECT {listed} FROM {features} LIMIT 0")
        kinds = [str(kind) for kind in relation.types]
    except duckdb.Error:
        kinds = [_bind_one(connection, rule, features) for rule in ruleset.rules]
    problems: list[RuleProblem] = []
    for rule, kind in zip(ruleset.rules, kinds, strict=True):
        if kind.startswith(_BIND_FAILED):
            message = kind.removeprefix(_BIND_FAILED)
            problems.append(
                RuleProblem(
                    RuleError.TYPE_MISMATCH,
                    rule.id,
                    "when",
                    f"does not run on these entries: {message}",
                )
            )
        elif kind not in ("BOOLEAN", '"NULL"', "NULL"):
            problems.append(
                RuleProblem(
                    RuleError.NOT_BOOLEAN,
                    rule.id,
                    "when",
                    f"gives {kind}, not true/false; compare it, e.g. `{rule.when} > 0`",
                )
            )
    if problems:
        raise RuleSetError(problems)


_BIND_FAILED = "\0failed:"


def _bind_one(connection: duckdb.DuckDBPyConnection, rule: Rule, features: str) -> str:
    try:
        return str(connection.sql(f"SELECT ({rule.sql}) AS r FROM {features} LIMIT 0").types[0])
    except duckdb.Error as error:
        return _BIND_FAILED + str(error).splitlines()[0]


def check_columns(ruleset: RuleSet, columns: Collection[str]) -> frozenset[str]:
    """Refuse rules that read columns these entries do not have (with a suggestion); the
    columns and features the rules read."""
    return _checked_columns(ruleset, frozenset(columns))


@functools.lru_cache(maxsize=64)
def _checked_columns(ruleset: RuleSet, columns: frozenset[str]) -> frozenset[str]:
    # Cached: the web app and compare() score the same rule set over the same columns
    # again and again, and re-parsing 200 expressions costs a tenth of a second each time.
    available = {*columns, *FEATURE_NAMES}
    problems = []
    used: set[str] = set()
    for rule in ruleset.rules:
        checked = check_expression(rule.when, available)
        if isinstance(checked, ExpressionProblem):
            problems.append(
                RuleProblem(checked.code, rule.id, f"when ({checked.part})", checked.message)
            )
        else:
            used |= checked.columns
    if problems:
        raise RuleSetError(problems)
    return frozenset(used)


@dataclass(frozen=True, slots=True)
class _Inputs:
    """What the scoring connection holds besides the entries."""

    history: bool
    party_scores: bool
    capacity: bool


def _register(
    connection: duckdb.DuckDBPyConnection,
    entries: pa.Table,
    *,
    history: pa.Table | None,
    party_scores: pa.Table | None,
    capacity: Mapping[str, int] | None,
    threads: int | None,
) -> _Inputs:
    if threads is not None:
        connection.execute(f"SET threads = {int(threads)}")
    connection.register(_ENTRIES, with_position(entries))
    if history is not None:
        connection.register(_HISTORY, history)
    if party_scores is not None:
        connection.register(_SCORES, party_scores)
    if capacity is not None:
        connection.register(
            _CAPACITY,
            pa.table(
                {"port": list(capacity), "capacity": [int(v) for v in capacity.values()]},
                schema=pa.schema([pa.field("port", _TEXT), pa.field("capacity", _INTEGER)]),
            ),
        )
    return _Inputs(history is not None, party_scores is not None, capacity is not None)


def _features(
    connection: duckdb.DuckDBPyConnection,
    entries: pa.Table,
    used: Collection[str],
    inputs: _Inputs,
    countries_of_concern: Sequence[str],
    *,
    materialise: bool,
) -> str:
    """The relation of the entries' ``id, port, arrival_date``, the columns the rules read and
    the features they use, nothing else: a subquery, or a temporary table when several rule
    sets will read it."""
    columns = entries.column_names
    present = set(columns)
    keep: list[str] = [c for c in ("id", "port", "arrival_date") if c in present]
    keep += sorted(c for c in used if c in present and c not in keep)
    query = feature_query(
        entries=_ENTRIES,
        columns=columns,
        keep=keep,
        features=[name for name in FEATURE_NAMES if name in used],
        history=_HISTORY if inputs.history else None,
        party_scores=_SCORES if inputs.party_scores else None,
        countries_of_concern=countries_of_concern,
    )
    if not materialise:
        return f"({query}) AS {_FEATURES}"
    connection.execute(f"CREATE OR REPLACE TEMP TABLE {_FEATURES} AS {query}")
    return _FEATURES


def _score_features(
    connection: duckdb.DuckDBPyConnection,
    ruleset: RuleSet,
    inputs: _Inputs,
    *,
    features: str,
    seed: int,
    default_capacity: int | None,
) -> ScoredEntries:
    bind_check(connection, ruleset, features=features)
    query = compile_query(
        ruleset,
        features=features,
        capacity=_CAPACITY if inputs.capacity else None,
        default_capacity=default_capacity,
        seed=seed,
    )
    table = in_input_order(connection.sql(query).to_arrow_table()).cast(SCORED_SCHEMA)
    metadata = {b"borderops.ruleset": ruleset.label.encode(), b"borderops.seed": str(seed).encode()}
    return ScoredEntries(
        table=table.replace_schema_metadata(metadata), ruleset=ruleset.label, seed=seed
    )


def score(
    entries: pa.Table,
    ruleset: RuleSet,
    *,
    seed: int = 0,
    history: pa.Table | None = None,
    party_scores: pa.Table | None = None,
    capacity: Mapping[str, int] | None = None,
    default_capacity: int | None = None,
    countries_of_concern: Sequence[str] = DEFAULT_COUNTRIES_OF_CONCERN,
    threads: int | None = None,
) -> ScoredEntries:
    """Score every entry with the rule set: one row per entry, in input order.

    ``history`` (canonical columns) is the past the robust norms and first-time parties are
    judged against (default: the entries themselves); ``party_scores`` has ``id,
    shipper_screening_score, consignee_screening_score`` (see ``parties``); ``capacity``
    maps a port code to red examinations a day, ``default_capacity`` applies elsewhere.
    """
    return score_many(
        entries,
        [ruleset],
        seed=seed,
        history=history,
        party_scores=party_scores,
        capacity=capacity,
        default_capacity=default_capacity,
        countries_of_concern=countries_of_concern,
        threads=threads,
    )[0]


def score_many(
    entries: pa.Table,
    rulesets: Sequence[RuleSet],
    *,
    seed: int = 0,
    history: pa.Table | None = None,
    party_scores: pa.Table | None = None,
    capacity: Mapping[str, int] | None = None,
    default_capacity: int | None = None,
    countries_of_concern: Sequence[str] = DEFAULT_COUNTRIES_OF_CONCERN,
    threads: int | None = None,
) -> list[ScoredEntries]:
    """Several rule sets over the same entries (say two versions being compared), the
    features derived once for all of them; each result as ``score`` gives it."""
    used: set[str] = set()
    for ruleset in rulesets:
        used |= check_columns(ruleset, entries.column_names)
    connection = duckdb.connect()
    try:
        inputs = _register(
            connection,
            entries,
            history=history,
            party_scores=party_scores,
            capacity=capacity,
            threads=threads,
        )
        features = _features(
            connection,
            entries,
            used,
            inputs,
            countries_of_concern,
            materialise=len(rulesets) > 1,
        )
        return [
            _score_features(
                connection,
                ruleset,
                inputs,
                features=features,
                seed=seed,
                default_capacity=default_capacity,
            )
            for ruleset in rulesets
        ]
    finally:
        connection.close()


def explain(ruleset: RuleSet, fired: str | None) -> list[FiredRule]:
    """The rules named in a ``fired`` cell (``A;B``), with their titles, for an analyst."""
    rules = []
    for rule_id in (fired or "").split(";"):
        if not rule_id:
            continue
        rule = ruleset.rule(rule_id)
        rules.append(FiredRule(rule.id, rule.title, rule.category, rule.weight, rule.force_channel))
    return rules
