"""The demo's risk model."""

from __future__ import annotations

from datetime import timedelta

import pyarrow as pa
from django.db.models import Min

from borderops.core.risk import (
    model_bytes,
    train_model,
)
from borderops.crossings.models import Shipment
from borderops.risk.choices import ModelSource
from borderops.risk.models import ModelActivation
from borderops.risk.services.activation import activate
from borderops.risk.services.common import (
    DEFAULT_SHARE,
    TRAINING_EXCLUDED,
)
from borderops.risk.services.versions import active_rules_text, store_model

DEMO_MODEL = "cargo-risk"
DEMO_HISTORY = 12_000
DEMO_HISTORY_DAYS = 90


def install_demo_model(*, seed: int = 0) -> ModelActivation | None:
    """Train a model on a synthetic history of 12,000 earlier shipments with their planted
    violations (the active rules as inputs) and put it in force for every port.

    The history is generated, not loaded: the demo's own shipments are too few to learn
    from (about 20 violations), and keeping them out of training lets the model be
    measured honestly on them. Idempotent: a model already in force for every port is
    kept. None when no shipments are loaded.
    """
    from borderops.core.synth.cargo_history import VIOLATION, labelled_history

    current = ModelActivation.objects.filter(scope="all", active=True).first()
    if current is not None:
        return current
    first = Shipment.objects.aggregate(first=Min("arrival_date"))["first"]
    if first is None:
        return None
    history, _ = labelled_history(
        count=DEMO_HISTORY,
        seed=seed,
        start=first - timedelta(days=DEMO_HISTORY_DAYS),
        days=DEMO_HISTORY_DAYS,
    )
    # Entry numbers of the generated history must not collide with the loaded shipments'.
    ids = pa.array([f"H-{entry}" for entry in history.column("id").to_pylist()], pa.string())
    history = history.set_column(history.schema.get_field_index("id"), "id", ids)
    model = train_model(
        history,
        label=VIOLATION,
        id_column="id",
        date_column="arrival_date",
        exclude=TRAINING_EXCLUDED,
        seed=seed,
        ruleset_text=active_rules_text(),
    )
    version = store_model(
        content=model_bytes(model),
        name=DEMO_MODEL,
        source=ModelSource.TRAINED,
        note=f"demo: {DEMO_HISTORY:,} synthetic shipments of the {DEMO_HISTORY_DAYS} days "
        "before the demo's, with their planted violations",
    )
    return activate(version=version, share=DEFAULT_SHARE)
