"""Typing a declaration table's columns automatically, with overrides.

Customs tables are full of numbers that are not quantities: office 30, HS code 851712,
import type 11. Treating them as numbers lets a model learn that office 40 is "more" than
office 30; so a column is categorical when its name says it is a code (``Office ID``,
``HS6 Code``, ``Import Type``) or when its values look like codes (integers of one fixed
width with many distinct values), numeric when its name says it is a measure (price, mass,
rate) or its values are numbers, and a date when its values are dates. The customs roles
(HS code, origin, value, net mass, port) and the parties (importer, declarant, seller…) are
found by name, and the engineered features are built on them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from borderops.core.risk.keys import Column
from borderops.core.risk.types import ColumnKind, ColumnTyping, RiskError, RiskModelError, Role

_pc: Any = pc  # the stubs reject utf8_length on a cast result

# Words in a column name that make it a code whatever its values look like.
CODE_WORDS = frozenset(
    {
        "id", "code", "type", "indicator", "office", "port", "mode", "country", "origin",
        "currency", "hs", "hs6", "hs8", "hs10", "tariff", "kind", "category", "class",
        "channel", "status", "flag", "regime", "procedure", "route", "conveyance",
    }
)  # fmt: skip
# Words that make it a measure.
MEASURE_WORDS = frozenset(
    {
        "price", "value", "mass", "kg", "weight", "rate", "amount", "quantity", "qty",
        "count", "duty", "cost", "volume", "packages", "units", "freight", "insurance",
    }
)  # fmt: skip
# Words that make it a trading party, whose history the model learns from.
PARTY_WORDS = frozenset(
    {
        "importer", "declarant", "seller", "shipper", "consignee", "exporter", "buyer",
        "courier", "manufacturer", "broker", "carrier", "consignor", "supplier", "agent",
    }
)  # fmt: skip
# A code column has at least this many distinct values, nearly all of one width.
CODE_MIN_DISTINCT = 20
CODE_MIN_DIGITS = 3
CODE_SAME_WIDTH = 0.95
# A categorical column different on this share of entries or more cannot generalise.
UNIQUE_SHARE = 0.9
UNIQUE_MIN_ROWS = 50


def name_words(name: str) -> list[str]:
    """A column name as lower-case words: ``HS6 Code`` → hs6, code; ``netKg`` → net, kg."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)
    return [word for word in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if word]


def infer_kind(name: str, column: Column) -> tuple[ColumnKind, str]:
    """The kind of one column from its name and values, and why (for the model card)."""
    words = set(name_words(name))
    kind = column.type
    distinct = int(pc.count_distinct(column).as_py())
    if distinct <= 1:
        return ColumnKind.IGNORED, "the same value on every entry"
    if pa.types.is_date(kind) or pa.types.is_timestamp(kind):
        return ColumnKind.DATE, "dates"
    if words & (CODE_WORDS | PARTY_WORDS):
        return _categorical(column, distinct, "its name says it is a code or a party")
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_dictionary(kind):
        if _all_dates(column):
            return ColumnKind.DATE, "its values are dates"
        return _categorical(column, distinct, "text values")
    if words & MEASURE_WORDS:
        return ColumnKind.NUMERIC, "its name says it is a measure"
    if pa.types.is_boolean(kind):
        return ColumnKind.NUMERIC, "true/false"
    if (pa.types.is_integer(kind) or pa.types.is_floating(kind)) and _looks_like_codes(
        column, distinct
    ):
        return _categorical(column, distinct, "integers of one width, like codes")
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):
        return ColumnKind.NUMERIC, "numbers"
    return ColumnKind.IGNORED, f"values of type {kind} are not used"


def _categorical(column: Column, distinct: int, why: str) -> tuple[ColumnKind, str]:
    rows = len(column) - column.null_count
    if rows >= UNIQUE_MIN_ROWS and distinct >= UNIQUE_SHARE * rows:
        return ColumnKind.IGNORED, "different on nearly every entry, so nothing to learn from"
    return ColumnKind.CATEGORICAL, why


def _all_dates(column: Column) -> bool:
    sample = column.drop_null()[:1000] if isinstance(column, pa.Array) else None
    values = sample if sample is not None else column.drop_null().slice(0, 1000)
    if len(values) == 0:
        return False
    try:
        pc.strptime(values, format="%Y-%m-%d", unit="s")
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return False
    return True


def _looks_like_codes(column: Column, distinct: int) -> bool:
    """Whole numbers, not negative, nearly all with the same number of digits (3 or more)."""
    if distinct < CODE_MIN_DISTINCT:
        return False
    values = column.drop_null()
    if len(values) == 0:
        return False
    as_float = pc.cast(values, pa.float64())
    if not pc.all(pc.equal(pc.floor(as_float), as_float)).as_py():
        return False
    if pc.min(as_float).as_py() < 0:
        return False
    widths = _pc.utf8_length(pc.cast(pc.cast(as_float, pa.int64()), pa.string()))
    counts = pc.value_counts(widths)
    top = max(counts, key=lambda item: item["counts"].as_py())
    width, count = top["values"].as_py(), top["counts"].as_py()
    return bool(width >= CODE_MIN_DIGITS and count >= CODE_SAME_WIDTH * len(values))


def type_columns(
    table: pa.Table,
    *,
    id_column: str,
    exclude: Collection[str] = (),
    date_column: str | None = None,
    categorical: Collection[str] = (),
    numeric: Collection[str] = (),
    roles: Mapping[Role, str] | None = None,
) -> ColumnTyping:
    """Every column of ``table`` typed: the overrides first, then by name and values.

    ``exclude`` (the label, other outcome columns) is left out; ``roles`` overrides the
    roles found by name.
    """
    names = table.column_names
    asked = [id_column, *categorical, *numeric, *([date_column] if date_column else [])]
    missing = [name for name in asked if name not in names]
    if missing:
        raise RiskModelError(
            RiskError.MISSING_COLUMN,
            f"no column named {', '.join(missing)}; the columns are {', '.join(names)}",
        )
    both = sorted(set(categorical) & set(numeric))
    if both:
        raise RiskModelError(
            RiskError.BAD_OVERRIDE,
            f"{', '.join(both)} cannot be both categorical and numeric; name each column once",
        )
    kinds: dict[str, ColumnKind] = {}
    ignored: dict[str, str] = {}
    for name in names:
        if name == id_column or name in exclude:
            continue
        if name in categorical:
            kinds[name] = ColumnKind.CATEGORICAL
        elif name in numeric:
            kinds[name] = ColumnKind.NUMERIC
        elif name == date_column:
            kinds[name] = ColumnKind.DATE
        else:
            kinds[name], why = infer_kind(name, table.column(name))
            if kinds[name] is ColumnKind.IGNORED:
                ignored[name] = why
    if date_column is None:
        dates = [name for name, kind in kinds.items() if kind is ColumnKind.DATE]
        date_column = dates[0] if dates else None
    found = find_roles(kinds)
    found.update(roles or {})
    parties = tuple(
        name
        for name, kind in kinds.items()
        if kind is ColumnKind.CATEGORICAL and set(name_words(name)) & PARTY_WORDS
    )
    return ColumnTyping(
        id_column=id_column,
        date_column=date_column,
        kinds=kinds,
        roles=found,
        parties=parties,
        ignored=ignored,
    )


def find_roles(kinds: Mapping[str, ColumnKind]) -> dict[Role, str]:
    """The HS code, origin, value, net mass and port columns, found by their names."""

    def pick(kind: ColumnKind, wanted: set[str], avoid: frozenset[str] = frozenset()) -> str | None:
        matches = [
            name
            for name, k in kinds.items()
            if k is kind and set(name_words(name)) & wanted and not set(name_words(name)) & avoid
        ]
        # The shortest name is the plainest: "Country of Origin" over "… Origin Indicator".
        return min(matches, key=len) if matches else None

    roles: dict[Role, str | None] = {
        Role.HS_CODE: pick(ColumnKind.CATEGORICAL, {"hs", "hs6", "hs8", "hs10", "tariff"}),
        Role.ORIGIN: pick(ColumnKind.CATEGORICAL, {"origin"}, frozenset({"indicator"})),
        Role.VALUE: pick(ColumnKind.NUMERIC, {"value", "price", "amount"}, frozenset({"rate"})),
        Role.MASS: pick(ColumnKind.NUMERIC, {"net"}, frozenset({"value", "price"}))
        or pick(ColumnKind.NUMERIC, {"mass", "kg", "weight"}),
        Role.PORT: pick(ColumnKind.CATEGORICAL, {"office", "port"}),
    }
    return {role: name for role, name in roles.items() if name is not None}
