"""A rule set's score, fired rules and derived features as model inputs."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from pathlib import Path

import pyarrow as pa
import pytest

from borderops.core.reference.ports import curated_ports
from borderops.core.risk import RiskError, RiskModelError, score_entries, train_model
from borderops.core.synth.cargo import SHIPMENT_KINDS, build_cargo
from borderops.core.synth.ground_truth import LookoutBook, TruthBook
from borderops.core.synth.names import NameBook
from borderops.core.synth.random_streams import stream
from borderops.core.synth.shipments import ShipmentMaker
from borderops.core.synth.violations import quotas
from borderops.core.targeting.outcomes import outcomes_from_truth

from .conftest import declarations

EXAMPLE = Path(str(files("borderops.core.targeting").joinpath("data/example-rules.yaml")))


def shipments(count: int, seed: int) -> pa.Table:
    """Synthetic shipments with a ``violation`` column from the planted truth."""
    maker = ShipmentMaker(
        seed=seed, count=count, start=date(2025, 1, 6), days=60, ports=curated_ports(),
        names=NameBook(seed),
    )  # fmt: skip
    lookouts, truth = LookoutBook(), TruthBook()
    built, _ = build_cargo(
        maker=maker, quotas=quotas(count, 0.05, SHIPMENT_KINDS), lookouts=lookouts, truth=truth
    )
    _, ids = lookouts.finish(stream(seed, "lookout-order"))
    entries = built.to_table()
    outcomes = outcomes_from_truth(truth.finish(ids), entries)
    return entries.append_column("violation", outcomes.column("finding"))


def test_rules_become_features_and_reasons() -> None:
    entries = shipments(2500, seed=5)
    model = train_model(
        entries, label="violation", id_column="id", seed=1, ruleset_text=EXAMPLE.read_text(),
        max_rounds=60, patience=20,
    )  # fmt: skip
    assert model.card.ruleset == "example-cargo@1"
    assert "rule score" in model.card.features
    assert "rule UNDERVAL-SEVERE" in model.card.features
    assert "value_per_kg_z" in model.card.features
    scores = score_entries(model, entries.slice(2000), explain=0.05)
    texts = [reason.text for row in scores.reasons for reason in row]
    assert any(text.startswith(("targeting rules scored", "rule ")) for text in texts), texts


def test_rule_features_need_the_entry_columns() -> None:
    with pytest.raises(RiskModelError) as caught:
        train_model(
            declarations(rows=300), label="Fraud", id_column="Declaration ID",
            ruleset_text=EXAMPLE.read_text(), max_rounds=5,
        )  # fmt: skip
    assert caught.value.code is RiskError.NEEDS_ENTRY_COLUMNS
    assert "hs_code" in str(caught.value)
