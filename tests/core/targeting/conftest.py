"""Entries and rule sets built by hand, shared by the targeting tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pyarrow as pa
import pytest

from borderops.core.synth.schema import SCHEMAS

EntriesFactory = Callable[..., pa.Table]
RulesFactory = Callable[..., str]

HONEST: dict[str, Any] = {
    "mode": "sea",
    "port": "1001",
    "arrival_date": date(2025, 3, 3),
    "hs_code": "080390",
    "description": "FRESH BANANAS",
    "value": 1000.0,
    "currency": "USD",
    "gross_kg": 1100.0,
    "net_kg": 1000.0,
    "quantity": 50,
    "origin": "GT",
    "export_country": "GT",
    "route": "GTPRQ",
    "shipper": "FRUTAS DEL SUR SA",
    "consignee": "ACME IMPORTS INC",
    "declarant": "PORT BROKERS LLC",
    "conveyance": "BLUE DAWN (IMO 9074729) voyage 001N",
    "containers": "CSQU3054383",
}


def build_entries(*rows: dict[str, Any], extra: dict[str, pa.DataType] | None = None) -> pa.Table:
    """Entries with the canonical columns: each row is an honest banana entry, overridden."""
    schema = SCHEMAS["shipments"]
    for name, kind in (extra or {}).items():
        schema = schema.append(pa.field(name, kind))
    filled = [{**HONEST, "id": f"E{i + 1}", **row} for i, row in enumerate(rows)]
    return pa.Table.from_pylist(filled, schema=schema)


def build_rules(*rules: str, red: int = 80, yellow: int = 40, sample: float = 0.0) -> str:
    """A rule set's YAML text with these rules (each already a YAML list item)."""
    body = "\n".join(rules)
    return (
        f"name: test\nversion: '1'\nchannels: {{red: {red}, yellow: {yellow}}}\n"
        f"random_sample: {sample}\nrules:\n{body}\n"
    )


def rule(rule_id: str, when: str, weight: int = 10, **fields: Any) -> str:
    """One rule as a YAML list item."""
    lines = [
        f"  - id: {rule_id}",
        f"    title: Rule {rule_id}",
        f"    category: {fields.pop('category', 'other')}",
        f'    when: "{when}"',
        f"    weight: {weight}",
    ]
    lines += [f"    {key}: {value}" for key, value in fields.items()]
    return "\n".join(lines)


@pytest.fixture
def make_entries() -> EntriesFactory:
    return build_entries


@pytest.fixture
def make_rules() -> RulesFactory:
    return build_rules


@pytest.fixture
def make_rule() -> Callable[..., str]:
    return rule
