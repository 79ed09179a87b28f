"""One call to generate a whole synthetic dataset, the same one every time for a seed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from borderops.core.reference.ports import curated_ports
from borderops.core.synth.cargo import SHIPMENT_KINDS, build_cargo
from borderops.core.synth.decoys import add_decoys
from borderops.core.synth.ground_truth import LookoutBook, TruthBook
from borderops.core.synth.names import NameBook
from borderops.core.synth.population import build_population
from borderops.core.synth.random_streams import stream
from borderops.core.synth.shipments import ShipmentMaker
from borderops.core.synth.types import Progress, SynthDataset
from borderops.core.synth.violations import CROSSING_KINDS, CrossingPlanter, quotas

# A fixed default window, so that output does not depend on the day it is generated.
DEFAULT_START = date(2025, 3, 3)
TRAVELLERS_PER_SCALE = 1_000
MAX_VIOLATION_RATE = 1.0


@dataclass(frozen=True, slots=True)
class DatasetSizes:
    """How many rows the main tables get at a scale."""

    travellers: int
    crossings: int
    shipments: int
    lookouts: int


def dataset_sizes(scale: float) -> DatasetSizes:
    """Row counts for a scale: 1.0 is 1,000 travellers, with floors for tiny scales."""
    # The floors keep every kind of violation plantable at scale 0.05.
    travellers = max(50, round(TRAVELLERS_PER_SCALE * scale))
    return DatasetSizes(
        travellers=travellers,
        crossings=round(travellers * 1.5),
        shipments=max(25, round(travellers * 0.5)),
        lookouts=max(20, round(travellers * 0.2)),
    )


def _check_arguments(scale: float, violation_rate: float, days: int) -> None:
    if not scale > 0:
        raise ValueError(f"scale must be positive (1.0 is 1,000 travellers), not {scale}")
    if not 0 <= violation_rate <= MAX_VIOLATION_RATE:
        raise ValueError(
            f"violation_rate must be between 0 and {MAX_VIOLATION_RATE}, not {violation_rate}"
        )
    if days < 1:
        raise ValueError(f"days must be at least 1, not {days}")


def generate(
    *,
    seed: int,
    scale: float,
    violation_rate: float = 0.02,
    start: date | None = None,
    days: int = 30,
    progress: Progress | None = None,
) -> SynthDataset:
    """A synthetic dataset with ground truth; the same seed and arguments give the same data.

    ``scale`` 1.0 is 1,000 travellers. ``violation_rate`` is the share of crossings and of
    customs entries given a violation, with at least one of every kind when it is above
    zero; a wanted person or a forged document marks all of that traveller's crossings.
    """
    _check_arguments(scale, violation_rate, days)
    start = start or DEFAULT_START
    sizes = dataset_sizes(scale)
    names = NameBook(seed)
    ports = curated_ports()
    population = build_population(
        seed=seed,
        travellers=sizes.travellers,
        crossings=sizes.crossings,
        start=start,
        days=days,
        ports=ports,
        names=names,
        progress=progress,
    )
    lookouts, truth = LookoutBook(), TruthBook()
    planter = CrossingPlanter(
        rng=stream(seed, "crossing-violations"),
        population=population,
        names=names,
        lookouts=lookouts,
        truth=truth,
        start=start,
    )
    planter.plant(quotas(sizes.crossings, violation_rate, CROSSING_KINDS))
    if progress:
        progress("violations", len(truth), len(truth))
    maker = ShipmentMaker(
        seed=seed, count=sizes.shipments, start=start, days=days, ports=ports, names=names
    )
    shipments, cargo = build_cargo(
        maker=maker,
        quotas=quotas(sizes.shipments, violation_rate, SHIPMENT_KINDS),
        lookouts=lookouts,
        truth=truth,
        progress=progress,
    )
    add_decoys(
        rng=stream(seed, "decoys"),
        target=sizes.lookouts,
        lookouts=lookouts,
        population=population,
        names=names,
        cargo=cargo,
        avoid=planter.used_travellers,
        start=start,
    )
    lookout_table, lookout_ids = lookouts.finish(stream(seed, "lookout-order"))
    if progress:
        progress("lookouts", lookout_table.num_rows, lookout_table.num_rows)
    return SynthDataset(
        seed=seed,
        scale=float(scale),
        violation_rate=float(violation_rate),
        start=start,
        days=days,
        tables={
            "travellers": population.travellers.to_table(),
            "documents": population.documents.to_table(),
            "vehicles": population.vehicles.to_table(),
            "crossings": population.crossings.to_table(),
            "shipments": shipments.to_table(),
            "lookouts": lookout_table,
            "truth": truth.finish(lookout_ids),
        },
    )
