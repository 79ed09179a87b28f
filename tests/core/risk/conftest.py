"""Small labelled declaration tables with planted signals, shared by the risk tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pyarrow as pa
import pytest

from borderops.core.risk import RiskModel, train_model

HS_PRICES = {"851712": 120.0, "610910": 15.0, "080390": 0.8, "940360": 6.0, "847130": 300.0}
ORIGINS = ["CN", "VN", "DE", "CO"]
BAD_IMPORTERS = [f"BAD{i:02d}" for i in range(8)]
START = date(2024, 1, 1)


def declarations(rows: int = 3000, seed: int = 0, days: int = 180) -> pa.Table:
    """KCS-like declarations: some importers are usually in violation, undervalued entries
    (unit value 8× below the norm) usually are, and a few violations are noise."""
    rng = np.random.default_rng(seed)
    importers = np.array([f"IMP{i:04d}" for i in range(120)] + BAD_IMPORTERS)
    importer = rng.choice(importers, rows)
    hs = rng.choice(np.array(list(HS_PRICES)), rows)
    origin = rng.choice(np.array(ORIGINS), rows)
    mass = np.round(rng.lognormal(5, 1, rows), 1) + 1
    undervalued = rng.random(rows) < 0.06
    base = np.array([HS_PRICES[code] for code in hs])
    price = np.round(mass * base * rng.lognormal(0, 0.2, rows) / np.where(undervalued, 8, 1), 2)
    bad = np.isin(importer, BAD_IMPORTERS)
    fraud = (bad & (rng.random(rows) < 0.8)) | (undervalued & (rng.random(rows) < 0.9))
    fraud |= rng.random(rows) < 0.03
    day = np.sort(rng.integers(0, days, rows))
    return pa.table(
        {
            "Declaration ID": pa.array(10_000_000 + np.arange(rows)),
            "Date": pa.array([START + timedelta(days=int(d)) for d in day], pa.date32()),
            "Office ID": pa.array(rng.choice([10, 20, 30, 40], rows)),
            "Importer ID": pa.array(importer.tolist()),
            "Declarant ID": pa.array(rng.choice([f"D{i}" for i in range(30)], rows).tolist()),
            "HS6 Code": pa.array(hs.tolist()),
            "Country of Origin": pa.array(origin.tolist()),
            "Net Mass": pa.array(mass),
            "Item Price": pa.array(price),
            "Tax Rate": pa.array(rng.choice([0.0, 8.0, 13.0], rows)),
            "Fraud": pa.array(fraud.astype(np.int64)),
        }
    )


def train(table: pa.Table, seed: int = 3, **options: Any) -> RiskModel:
    """A quick model: few rounds, so tests stay fast."""
    settings: dict[str, Any] = {"max_rounds": 80, "patience": 20, "learning_rate": 0.1}
    settings.update(options)
    return train_model(table, label="Fraud", id_column="Declaration ID", seed=seed, **settings)


@pytest.fixture(scope="package")
def table() -> pa.Table:
    return declarations()


@pytest.fixture(scope="package")
def model(table: pa.Table) -> RiskModel:
    return train(table)
