"""Contracts of the synthetic data generator: table names, violation kinds, the dataset."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import pyarrow as pa

GENERATOR_VERSION = "synth-v1"

TABLE_NAMES = (
    "travellers",
    "documents",
    "vehicles",
    "crossings",
    "shipments",
    "lookouts",
    "truth",
)

# Called as progress(stage, done, total) while a dataset is generated or written.
Progress = Callable[[str, int, int], None]


class Violation(StrEnum):
    """What a record in the ground truth did wrong."""

    CONCEALED_NARCOTICS = "concealed_narcotics"
    UNREPORTED_CURRENCY = "unreported_currency"
    MISDECLARED_HS = "misdeclared_hs"
    UNDERVALUED = "undervalued"
    DENIED_PARTY = "denied_party"
    WANTED_PERSON_ALIAS = "wanted_person_alias"
    FRAUDULENT_DOCUMENT = "fraudulent_document"


class LookoutList(StrEnum):
    """The agency's own lookout lists."""

    WANTED_PERSONS = "wanted_persons"
    LOST_STOLEN_DOCUMENTS = "lost_stolen_documents"
    DENIED_PARTIES = "denied_parties"
    VEHICLES_OF_INTEREST = "vehicles_of_interest"


@dataclass(frozen=True, slots=True)
class SynthDataset:
    """A generated dataset: the tables an officer sees, the lookouts, and the hidden truth."""

    seed: int
    scale: float
    violation_rate: float
    start: date
    days: int
    tables: Mapping[str, pa.Table] = field(repr=False)

    def row_counts(self) -> dict[str, int]:
        """The number of rows in each table, in the canonical table order."""
        return {name: self.tables[name].num_rows for name in TABLE_NAMES}
