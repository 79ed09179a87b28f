"""Two months of examined shipments at San Ysidro and Laredo with a planted signal, and a
model trained on the same rows once per session (so most tests store it, not train it)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa
import pytest

from borderops.core.risk import model_bytes, train_model
from borderops.core.targeting.io import ENTRY_SCHEMA

START = date(2026, 9, 1)
DAYS = 60
ROWS = 900
BAD_CONSIGNEES = ["SHADY IMPORTS", "NIGHT TRADING", "GREY FREIGHT"]
RULES = """\
name: test-cargo
version: "1"
channels: {red: 80, yellow: 40}
random_sample: 0
rules:
  - id: HEAVY
    title: Very heavy consignment
    category: other
    when: net_kg > 10000
    weight: 50
"""


def history_rows(rows: int = ROWS, seed: int = 5) -> list[dict[str, Any]]:
    """Shipments with their outcome: three consignees are nearly always in violation, and
    undervalued smartphones (a tenth of the usual unit value) usually are."""
    rng = np.random.default_rng(seed)
    found = []
    for n in range(rows):
        bad = rng.random() < 0.08
        undervalued = rng.random() < 0.05
        consignee = str(rng.choice(BAD_CONSIGNEES)) if bad else f"IMPORTER {rng.integers(60)}"
        net = float(round(rng.lognormal(5, 0.6), 1)) + 1
        value = net * 120 * float(rng.lognormal(0, 0.2)) / (10 if undervalued else 1)
        violation = (bad and rng.random() < 0.85) or (undervalued and rng.random() < 0.8)
        violation = violation or rng.random() < 0.02
        found.append(
            {
                "id": f"H{n:06d}",
                "mode": "land",
                "port": "2504" if n % 3 else "2304",
                "arrival_date": START + timedelta(days=int(n * DAYS / rows)),
                "hs_code": "851712",
                "description": "Smartphones",
                "value": round(value, 2),
                "currency": "USD",
                "gross_kg": net * 1.1,
                "net_kg": net,
                "quantity": 10,
                "origin": "CN",
                "export_country": "MX",
                "route": None,
                "shipper": f"SHIPPER {rng.integers(20)}",
                "consignee": consignee,
                "declarant": None,
                "conveyance": None,
                "containers": None,
                "violation": int(violation),
            }
        )
    return found


@pytest.fixture(scope="session")
def model_content() -> bytes:
    """A model of the history rows, as its file's bytes."""
    rows = history_rows()
    columns = {name: [row[name] for row in rows] for name in ENTRY_SCHEMA.names}
    table = pa.table(columns, schema=ENTRY_SCHEMA).append_column(
        "violation", pa.array([row["violation"] for row in rows], pa.int64())
    )
    model = train_model(
        table,
        label="violation",
        id_column="id",
        date_column="arrival_date",
        exclude=("description", "conveyance", "containers", "route"),
        seed=1,
        max_rounds=80,
        patience=20,
        learning_rate=0.1,
    )
    return model_bytes(model)


@pytest.fixture
def history(organisation_tree: dict[str, Any]) -> list[Any]:
    """The history rows as shipments, every one examined with its outcome recorded."""
    from borderops.crossings.models import Shipment
    from borderops.reference.models import Country
    from borderops.targeting.models import ExaminationResult

    Country.objects.get_or_create(alpha2="CN", defaults={"alpha3": "CHN", "name": "China"})
    units = {"2504": organisation_tree["san_ysidro"], "2304": organisation_tree["laredo"]}
    shipments = []
    for row in history_rows():
        shipments.append(
            Shipment(
                reference=row["id"],
                mode=row["mode"],
                port_id=row["port"],
                organisation=units[row["port"]],
                arrival_date=row["arrival_date"],
                hs_code=row["hs_code"],
                description=row["description"],
                value=Decimal(str(row["value"])),
                currency=row["currency"],
                gross_kg=row["gross_kg"],
                net_kg=row["net_kg"],
                quantity=row["quantity"],
                origin=row["origin"],
                export_country=row["export_country"],
                shipper=row["shipper"],
                consignee=row["consignee"],
            )
        )
    created = Shipment.objects.bulk_create(shipments)
    outcomes = {row["id"]: row["violation"] for row in history_rows()}
    ExaminationResult.objects.bulk_create(
        ExaminationResult(
            shipment=shipment,
            finding=bool(outcomes[shipment.reference]),
            category="undervaluation" if outcomes[shipment.reference] else "",
        )
        for shipment in created
    )
    return created


@pytest.fixture
def active_rules(db: Any) -> Any:
    """A small rule set saved and activated."""
    from borderops.targeting import services

    version = services.save_version(source=RULES, user=None)
    return services.activate_version(version=version, user=None)


@pytest.fixture
def stored_model(db: Any, model_content: bytes) -> Any:
    """The session's model stored as cargo-risk@1."""
    from borderops.risk import services

    return services.store_model(content=model_content, name="cargo-risk", source="uploaded")
