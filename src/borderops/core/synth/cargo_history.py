"""A labelled history of cargo entries: synthetic shipments with their planted violations
as a 0/1 ``violation`` column, for learning and measuring risk models without real data.

The rows are the canonical entry columns (``core.targeting.io.ENTRY_SCHEMA``) made by the
same generator as the demo's shipments, so a model learned here can score those.
"""

from __future__ import annotations

from datetime import date

import pyarrow as pa

from borderops.core.reference.ports import curated_ports
from borderops.core.synth.cargo import SHIPMENT_KINDS, build_cargo
from borderops.core.synth.ground_truth import LookoutBook, TruthBook
from borderops.core.synth.names import NameBook
from borderops.core.synth.random_streams import stream
from borderops.core.synth.shipments import ShipmentMaker
from borderops.core.synth.violations import quotas
from borderops.core.targeting.outcomes import outcomes_from_truth

VIOLATION = "violation"


def labelled_history(
    *, count: int, seed: int, start: date, days: int, violation_rate: float = 0.02
) -> tuple[pa.Table, pa.Table]:
    """``count`` shipments arriving over ``days`` days from ``start``, with a ``violation``
    column (True for the planted ones), and their outcomes (``id, finding, category,
    quantity``)."""
    maker = ShipmentMaker(
        seed=seed,
        count=count,
        start=start,
        days=days,
        ports=curated_ports(),
        names=NameBook(seed),
    )
    lookouts, truth = LookoutBook(), TruthBook()
    table, _ = build_cargo(
        maker=maker,
        quotas=quotas(count, violation_rate, SHIPMENT_KINDS),
        lookouts=lookouts,
        truth=truth,
    )
    _, ids = lookouts.finish(stream(seed, "lookout-order"))
    entries = table.to_table()
    outcomes = outcomes_from_truth(truth.finish(ids), entries)
    return entries.append_column(VIOLATION, outcomes.column("finding")), outcomes
