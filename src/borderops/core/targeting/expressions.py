"""Checking a rule's ``when`` expression before it ever runs.

The expression is parsed with sqlglot in one fixed dialect (DuckDB), and every node of the
tree must be on an allow-list: column references that exist, literals, comparison, logic,
``IN`` lists, ``LIKE``/``ILIKE``, ``BETWEEN``, ``IS NULL``, arithmetic, ``CASE`` and a short
list of scalar functions. Anything else (subqueries, table functions, file or network
readers, statements, ``*``, window and aggregate functions, parameters) is refused with the
offending part named. The SQL that runs is regenerated from the checked tree, never the
analyst's text, so what runs is exactly what was checked.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from borderops.core.targeting.types import RuleError

DIALECT = "duckdb"

# Nodes that are neither functions nor columns but may appear anywhere in a rule.
_STRUCTURE: tuple[type[exp.Expr], ...] = (
    exp.Identifier,
    exp.Literal,
    exp.Boolean,
    exp.Null,
    exp.Paren,
    exp.Tuple,  # the list of an IN
    exp.DataType,
    exp.DataTypeParam,
    exp.Interval,
    exp.Var,  # the unit of an INTERVAL, checked below
    exp.EQ,
    exp.NEQ,
    exp.GT,
    exp.GTE,
    exp.LT,
    exp.LTE,
    exp.NullSafeEQ,
    exp.NullSafeNEQ,
    exp.And,
    exp.Or,
    exp.Not,
    exp.In,
    exp.Like,
    exp.ILike,
    exp.Escape,
    exp.Between,
    exp.Is,
    exp.Add,
    exp.Sub,
    exp.Mul,
    exp.Div,
    exp.IntDiv,
    exp.Mod,
    exp.Neg,
    exp.Pow,
    exp.DPipe,
    exp.Case,
    exp.If,  # a WHEN branch of a CASE
    exp.Cast,
    exp.TryCast,
)

# Scalar functions an analyst may call, by the name they write. sqlglot turns most known
# functions into their own node class; the few it does not know stay ``Anonymous``.
_FUNCTIONS: dict[type[exp.Expr], str] = {
    exp.Lower: "lower",
    exp.Upper: "upper",
    exp.Length: "length",
    exp.Substring: "substr",
    exp.Coalesce: "coalesce",
    exp.Abs: "abs",
    exp.Round: "round",
    exp.Floor: "floor",
    exp.Ceil: "ceil",
    exp.Ln: "ln",
    exp.Sqrt: "sqrt",
    exp.Greatest: "greatest",
    exp.Least: "least",
    exp.Nullif: "nullif",
    exp.StartsWith: "starts_with",
    exp.EndsWith: "ends_with",
    exp.Contains: "contains",
    exp.RegexpLike: "regexp_matches",
    exp.Trim: "trim",
    exp.Left: "left",
    exp.Right: "right",
    exp.StrPosition: "strpos",
    exp.SplitPart: "split_part",
    exp.Split: "string_split",
    exp.ArrayContains: "list_contains",
    exp.Concat: "concat",
    exp.Year: "year",
    exp.Month: "month",
    exp.Day: "day",
    exp.DayOfWeek: "dayofweek",
}
_ANONYMOUS_FUNCTIONS = frozenset({"regexp_full_match", "ifnull", "ltrim", "rtrim", "len"})
ALLOWED_FUNCTIONS: tuple[str, ...] = tuple(sorted({*_FUNCTIONS.values(), *_ANONYMOUS_FUNCTIONS}))
_STATEMENTS: tuple[type[exp.Expr], ...] = (
    exp.Query,
    exp.DDL,
    exp.DML,
    exp.Command,
    exp.Drop,
    exp.Pragma,
    exp.Set,
    exp.Use,
    exp.Copy,
)
_INTERVAL_UNITS = frozenset({"DAY", "DAYS", "WEEK", "WEEKS", "MONTH", "MONTHS", "YEAR", "YEARS"})


@dataclass(frozen=True, slots=True)
class ExpressionProblem:
    """Why an expression was refused, and the part of it at fault."""

    code: RuleError
    part: str
    message: str


@dataclass(frozen=True, slots=True)
class CheckedExpression:
    """An expression that passed: the SQL to run and the columns it reads."""

    sql: str
    columns: frozenset[str]


def check_expression(text: str, columns: Collection[str]) -> CheckedExpression | ExpressionProblem:
    """Parse ``text`` as one boolean expression over ``columns`` and check every part of it."""
    if not text.strip():
        return ExpressionProblem(RuleError.SYNTAX, "when", "the expression is empty")
    try:
        statements = [s for s in sqlglot.parse(text, read=DIALECT) if s is not None]
    except (ParseError, TokenError) as error:
        return ExpressionProblem(
            RuleError.SYNTAX, "when", f"not valid SQL: {_first_line(str(error))}"
        )
    if len(statements) != 1:
        return ExpressionProblem(
            RuleError.NOT_ONE_EXPRESSION,
            ";",
            "a rule is one expression; remove the ';' and anything after it",
        )
    tree = statements[0]
    if isinstance(tree, _STATEMENTS):
        keyword = tree.key.upper()
        return ExpressionProblem(
            RuleError.NOT_ONE_EXPRESSION,
            keyword,
            f"{keyword} is a statement; a rule is one true/false expression over the entry",
        )
    known = {name.lower(): name for name in columns}
    used: set[str] = set()
    for node in tree.walk():
        problem = _check_node(node, known, used)
        if problem is not None:
            return problem
    if _obviously_not_boolean(tree):
        return ExpressionProblem(
            RuleError.NOT_BOOLEAN,
            tree.sql(DIALECT),
            "a rule must be true or false; compare the value, e.g. `value_per_kg < 0.2`",
        )
    return CheckedExpression(sql=tree.sql(DIALECT, comments=False), columns=frozenset(used))


def _check_node(node: exp.Expr, known: dict[str, str], used: set[str]) -> ExpressionProblem | None:
    if isinstance(node, exp.Column):
        return _check_column(node, known, used)
    if isinstance(node, exp.Anonymous):
        name = str(node.name).lower()
        if name in _ANONYMOUS_FUNCTIONS:
            return None
        return _forbidden_function(name)
    if type(node) in _FUNCTIONS:
        return None
    if isinstance(node, exp.Var) and not (
        isinstance(node.parent, exp.Interval) and node.name.upper() in _INTERVAL_UNITS
    ):
        return ExpressionProblem(
            RuleError.FORBIDDEN_CONSTRUCT, node.sql(DIALECT), "not a column, value or function"
        )
    if type(node) in _STRUCTURE:
        return None
    return _forbidden(node)


def _check_column(
    node: exp.Column, known: dict[str, str], used: set[str]
) -> ExpressionProblem | None:
    if node.table or isinstance(node.this, exp.Star):
        text = node.sql(DIALECT)
        return ExpressionProblem(
            RuleError.FORBIDDEN_CONSTRUCT,
            text,
            f"{text}: name a column of the entry alone, without a table or '*'",
        )
    name = str(node.name)
    if name.lower() not in known:
        suggestion = difflib.get_close_matches(name.lower(), list(known), n=1, cutoff=0.6)
        hint = f"; did you mean {known[suggestion[0]]!r}?" if suggestion else ""
        return ExpressionProblem(
            RuleError.UNKNOWN_COLUMN, name, f"no column or feature named {name!r}{hint}"
        )
    used.add(known[name.lower()])
    return None


def _forbidden_function(name: str) -> ExpressionProblem:
    return ExpressionProblem(
        RuleError.FORBIDDEN_FUNCTION,
        name,
        f"function {name} is not allowed in a rule; allowed: {', '.join(ALLOWED_FUNCTIONS)}",
    )


def _forbidden(node: exp.Expr) -> ExpressionProblem:
    if isinstance(node, exp.Subquery | exp.Select | exp.Exists | exp.Union):
        return ExpressionProblem(
            RuleError.FORBIDDEN_CONSTRUCT,
            "subquery",
            "subqueries are not allowed; a rule looks at one entry and its features",
        )
    if isinstance(node, exp.Star):
        return ExpressionProblem(RuleError.FORBIDDEN_CONSTRUCT, "*", "'*' is not allowed")
    if isinstance(node, exp.Window):
        return ExpressionProblem(
            RuleError.FORBIDDEN_CONSTRUCT,
            "OVER",
            "window functions are not allowed; ask for a derived feature instead",
        )
    if isinstance(node, exp.AggFunc):
        return _forbidden_function(node.sql_name().lower())
    if isinstance(node, exp.Func):
        return _forbidden_function(node.sql_name().lower())
    if isinstance(node, exp.Placeholder | exp.Parameter):
        return ExpressionProblem(
            RuleError.FORBIDDEN_CONSTRUCT, node.sql(DIALECT), "parameters are not allowed"
        )
    text = node.sql(DIALECT)
    return ExpressionProblem(
        RuleError.FORBIDDEN_CONSTRUCT,
        text[:60] or type(node).__name__,
        f"{type(node).__name__.lower()} is not allowed in a rule",
    )


def _obviously_not_boolean(tree: exp.Expr) -> bool:
    # Types are known only against real entries (engine.bind_check); this catches the
    # common slip of a bare value or arithmetic before any data is seen.
    while isinstance(tree, exp.Paren):
        tree = tree.this
    return isinstance(
        tree, exp.Literal | exp.Add | exp.Sub | exp.Mul | exp.Div | exp.Mod | exp.Neg | exp.DPipe
    )


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "parse error"
