"""The targeting engine's view of an entry as model inputs: rule score, fired rules and the
engine's derived features (robust z-scores, first-time parties, container check digits…).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from borderops.core.risk.keys import FloatArray, keys, numbers
from borderops.core.risk.types import RiskError, RiskModelError
from borderops.core.targeting.types import RuleSet

_pc: Any = pc  # the stubs reject valid calls of some kernels

# Derived features of the targeting engine used when a rule set is given.
RULE_DERIVED: tuple[str, ...] = (
    "value_per_kg_z",
    "kg_per_unit_z",
    "first_time_shipper",
    "first_time_consignee",
    "route_countries_of_concern",
    "container_check_digit_ok",
    "weight_inconsistent",
)


def rule_features(
    ruleset: RuleSet, rule_ids: Sequence[str], id_column: str, table: pa.Table
) -> dict[str, FloatArray]:
    """The rule engine's score, one 0/1 column per rule that fired, and its derived features,
    keyed by feature name. The entries are their own history (as in ``borderops target``)."""
    from borderops.core.targeting.engine import score
    from borderops.core.targeting.features import derive_features

    entries = canonical_entries(table, id_column)
    scored = score(entries, ruleset).table
    result: dict[str, FloatArray] = {"rule score": numbers(scored.column("score"))}
    fired = _pc.binary_join_element_wise(";", _pc.fill_null(scored.column("fired"), ""), ";", "")
    for rule_id in rule_ids:
        hit = pc.match_substring(fired, f";{rule_id};")
        result[f"rule {rule_id}"] = numbers(hit)
    derived = derive_features(entries)
    for name in RULE_DERIVED:
        result[name] = numbers(derived.column(name))
    return result


def canonical_entries(table: pa.Table, id_column: str) -> pa.Table:
    """The table's canonical entry columns in their canonical types (``id`` from the id
    column), as the targeting engine reads them."""
    from borderops.core.targeting.io import ENTRY_SCHEMA

    present = set(table.column_names) | {"id"}
    missing = [f.name for f in ENTRY_SCHEMA if f.name not in present]
    if missing:
        raise RiskModelError(
            RiskError.NEEDS_ENTRY_COLUMNS,
            f"rule features need the canonical entry columns; missing {', '.join(missing)}. "
            "Train without a rule set, or add those columns",
        )
    columns = []
    for entry_field in ENTRY_SCHEMA:
        source = id_column if entry_field.name == "id" else entry_field.name
        column = table.column(source)
        if entry_field.name in ("id", "hs_code") or column.type != entry_field.type:
            column = keys(column) if pa.types.is_string(entry_field.type) else column
            column = column.cast(entry_field.type)
        columns.append(column)
    return pa.table(columns, schema=ENTRY_SCHEMA)
