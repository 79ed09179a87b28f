"""Scoring entries: every rule of a rule set compiled into one DuckDB query over Arrow.

Each rule becomes one boolean column (``coalesce(when, false)`` within its validity dates);
the score is the sum of the weights of the rules that fired, the channel follows the
thresholds unless a fired rule forces one, a reproducible random share of the entries that
would go green is sent to yellow, and an optional per-port daily red capacity keeps the
highest scores red and flags the rest. The whole of it, features included, is one SQL
statement, so the same text can later run on a distributed engine (sqlglot transpiles it).
"""

# The SQL here is assembled from our own fragments, numbers from checked rule sets and
# rule expressions regenerated from sqlglot trees that passed the allow-list; quoting goes
# through _quote. Nothing an analyst typed reaches DuckDB unchecked.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import duckdb
import pyarrow as pa

from borderops.core.targeting.expressions import ExpressionProblem, check_expression
from borderops.core.targeting.features import (
    DEFAULT_COUNTRIES_OF_CONCERN,
    FEATURE_NAMES,
    feature_ctes,
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


def _fires(rule: Rule) -> str:
    conditions = [f"({rule.sql})"]
    if rule.valid_from is not None:
        conditions.append(f"arrival_date >= DATE '{rule.valid_from.isoformat()}'")
    if rule.valid_to is not None:
        conditions.append(f"arrival_date <= DATE '{rule.valid_to.isoformat()}'")
    return f"coalesce({' AND '.join(conditions)}, false)"


def compile_query(
    ruleset: RuleSet,
    *,
    entries: str,
    columns: Collection[str],
    history: str | None = None,
    party_scores: str | None = None,
    capacity: str | None = None,
    default_capacity: int | None = None,
    seed: int = 0,
    countries_of_concern: Sequence[str] = DEFAULT_COUNTRIES_OF_CONCERN,
) -> str:
    """The one DuckDB statement that derives features and scores every entry.

    ``entries`` must carry ``__position`` (see ``features.with_position``); ``capacity``
    names a relation of ``port, capacity`` (red examinations a day).
    """
    ctes, features = feature_ctes(
        entries=entries,
        columns=columns,
        history=history,
        party_scores=party_scores,
        countries_of_concern=countries_of_concern,
    )
    flags = [f"{_fires(rule)} AS __r{i}" for i, rule in enumerate(ruleset.rules)]
    weights = [
        f"CASE WHEN __r{i} THEN {rule.weight} ELSE 0 END" for i, rule in enumerate(ruleset.rules)
    ]
    fired = [f"CASE WHEN __r{i} THEN {_quote(rule.id)} END" for i, rule in enumerate(ruleset.rules)]
    forced = [
        f"CASE WHEN __r{i} THEN {rule.force_channel.severity} ELSE 0 END"
        for i, rule in enumerate(ruleset.rules)
        if rule.force_channel is not None
    ]
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
    return f"""WITH {ctes},
__flags AS (SELECT __position, id, port, arrival_date,
  {", ".join(flags)}
FROM {features}),
__scored AS (SELECT __position, id, port, arrival_date,
  CAST({" + ".join(weights) or "0"} AS BIGINT) AS score,
  concat_ws(';', {", ".join(fired) or "NULL"}) AS fired,
  greatest({", ".join(["0", *forced])}) AS __forced
FROM __flags),
__channelled AS (SELECT *, CASE
    WHEN __forced = 3 THEN 'red' WHEN __forced = 2 THEN 'yellow' WHEN __forced = 1 THEN 'green'
    WHEN score >= {red} THEN 'red' WHEN score >= {yellow} THEN 'yellow'
    ELSE 'green' END AS __channel
FROM __scored),
__drawn AS (SELECT *, __channel = 'green' AND {draw} < {ruleset.random_sample!r} AS random
FROM __channelled),
__capped AS (SELECT __d.*, {over} AS over_capacity FROM __drawn AS __d {join})
SELECT id, score,
  CASE WHEN random OR over_capacity THEN 'yellow' ELSE __channel END AS channel,
  random, fired, over_capacity
FROM __capped ORDER BY __position"""


def bind_check(
    connection: duckdb.DuckDBPyConnection,
    ruleset: RuleSet,
    *,
    entries: str,
    columns: Collection[str],
) -> None:
    """Refuse rules that do not bind to a true/false value over these entries' real types."""
    ctes, features = feature_ctes(entries=entries, columns=columns)
    problems: list[RuleProblem] = []
    for rule in ruleset.rules:
        try:
            relation = connection.sql(
                f"WITH {ctes} SELECT ({rule.sql}) AS r FROM {features} LIMIT 0"
            )
            kind = str(relation.types[0])
        except duckdb.Error as error:
            message = str(error).splitlines()[0]
            problems.append(
                RuleProblem(
                    RuleError.TYPE_MISMATCH,
                    rule.id,
                    "when",
                    f"does not run on these entries: {message}",
                )
            )
            continue
        if kind not in ("BOOLEAN", '"NULL"', "NULL"):
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


def check_columns(ruleset: RuleSet, columns: Collection[str]) -> None:
    """Refuse rules that read columns these entries do not have (with a suggestion)."""
    available = {*columns, *FEATURE_NAMES}
    problems = []
    for rule in ruleset.rules:
        checked = check_expression(rule.when, available)
        if isinstance(checked, ExpressionProblem):
            problems.append(
                RuleProblem(checked.code, rule.id, f"when ({checked.part})", checked.message)
            )
    if problems:
        raise RuleSetError(problems)


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
    check_columns(ruleset, entries.column_names)
    connection = duckdb.connect()
    try:
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
        columns = [*entries.column_names, "__position"]
        bind_check(connection, ruleset, entries=_ENTRIES, columns=columns)
        query = compile_query(
            ruleset,
            entries=_ENTRIES,
            columns=columns,
            history=_HISTORY if history is not None else None,
            party_scores=_SCORES if party_scores is not None else None,
            capacity=_CAPACITY if capacity is not None else None,
            default_capacity=default_capacity,
            seed=seed,
            countries_of_concern=countries_of_concern,
        )
        table = connection.sql(query).to_arrow_table().cast(SCORED_SCHEMA)
    finally:
        connection.close()
    metadata = {b"borderops.ruleset": ruleset.label.encode(), b"borderops.seed": str(seed).encode()}
    return ScoredEntries(
        table=table.replace_schema_metadata(metadata), ruleset=ruleset.label, seed=seed
    )


def explain(ruleset: RuleSet, fired: str | None) -> list[FiredRule]:
    """The rules named in a ``fired`` cell (``A;B``), with their titles, for an analyst."""
    rules = []
    for rule_id in (fired or "").split(";"):
        if not rule_id:
            continue
        rule = ruleset.rule(rule_id)
        rules.append(FiredRule(rule.id, rule.title, rule.category, rule.weight, rule.force_channel))
    return rules
