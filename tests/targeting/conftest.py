"""Shipments at San Ysidro and Laredo, and a small rule set whose results are easy to tell."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

DAY = date(2026, 11, 2)

RULES = """\
name: test-cargo
version: "1"
channels: {red: 80, yellow: 40}
random_sample: 0
rules:
  - id: BANANA-EC
    title: Bananas from Ecuador
    category: narcotics
    when: hs_code LIKE '0803%' AND origin = 'EC'
    weight: 90
  - id: HEAVY
    title: Very heavy consignment
    category: other
    when: net_kg > 10000
    weight: 50
"""


@pytest.fixture
def make_shipment(organisation_tree: dict[str, Any]) -> Callable[..., Any]:
    """Create a shipment at a port (2504 San Ysidro unless told otherwise) on ``DAY``."""
    from borderops.crossings.models import Shipment
    from borderops.reference.models import Country

    Country.objects.get_or_create(alpha2="EC", defaults={"alpha3": "ECU", "name": "Ecuador"})
    units = {"2504": organisation_tree["san_ysidro"], "2304": organisation_tree["laredo"]}
    counter = {"n": 0}

    def make(port: str = "2504", **extra: Any) -> Any:
        counter["n"] += 1
        n = counter["n"]
        fields: dict[str, Any] = {
            "reference": f"E{n:06d}",
            "mode": "land",
            "port_id": port,
            "organisation": units[port],
            "arrival_date": DAY,
            "hs_code": "851712",
            "description": "Smartphones",
            "value": Decimal("12000.00"),
            "currency": "USD",
            "gross_kg": 120.0,
            "net_kg": 100.0,
            "quantity": 50,
            "origin": "MX",
            "export_country": "MX",
            "shipper": f"SHIPPER {n % 3}",
            "consignee": "IMPORTS INC",
        }
        fields.update(extra)
        return Shipment.objects.create(**fields)

    return make


@pytest.fixture
def day_of_shipments(make_shipment: Any) -> dict[str, Any]:
    """At San Ysidro on DAY: one red (bananas from Ecuador), one yellow (heavy), three
    green; at Laredo, one red."""
    return {
        "red": make_shipment(hs_code="080390", origin="EC", description="Bananas"),
        "yellow": make_shipment(net_kg=20000.0, gross_kg=21000.0),
        "green": [make_shipment() for _ in range(3)],
        "laredo_red": make_shipment(port="2304", hs_code="080390", origin="EC"),
    }


@pytest.fixture
def active_rules(db: Any) -> Any:
    """The test rule set saved and activated."""
    from borderops.targeting import services

    version = services.save_version(source=RULES, user=None)
    return services.activate_version(version=version, user=None)


@pytest.fixture
def day() -> date:
    """The day the shipments of ``day_of_shipments`` arrive."""
    return DAY


@pytest.fixture
def rules_yaml() -> str:
    """The test rule set's YAML."""
    return RULES
