"""Deterministic synthetic border data with ground truth: travellers, crossings, cargo, lookouts.

``generate`` builds a dataset for a seed and scale; ``write_dataset`` writes it as Parquet
or CSV with a manifest. What an officer would see (travellers, documents, vehicles,
crossings, shipments) is kept apart from what really happened (``truth``), and the
agency's own lookouts are included so screening can be scored against the truth.
"""

from borderops.core.synth.generator import dataset_sizes, generate
from borderops.core.synth.types import (
    GENERATOR_VERSION,
    TABLE_NAMES,
    LookoutList,
    SynthDataset,
    Violation,
)
from borderops.core.synth.writer import read_dataset, write_dataset

__all__ = [
    "GENERATOR_VERSION",
    "TABLE_NAMES",
    "LookoutList",
    "SynthDataset",
    "Violation",
    "dataset_sizes",
    "generate",
    "read_dataset",
    "write_dataset",
]
