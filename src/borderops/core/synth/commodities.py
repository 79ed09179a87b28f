"""A small table of HS 2022 subheadings with their typical unit values, origins and modes.

Values are rough U.S. import averages (USD per kg of net weight); origins and modes are the
usual sources and carriers for U.S. imports of each good. ``cover`` is the subheading an
importer might declare instead, to pay less duty or avoid a control.
"""

from __future__ import annotations

import csv
from importlib.resources import files
from typing import NamedTuple


class Commodity(NamedTuple):
    """One HS subheading as the generator uses it."""

    hs_code: str
    description: str
    usd_per_kg: float
    kg_per_unit: float
    sector: str
    origins: tuple[tuple[str, float], ...]  # ISO alpha-2 and weight
    modes: tuple[tuple[str, float], ...]
    share: float  # relative frequency among entries
    cover: str  # the subheading it may be misdeclared as, or ""


def _pairs(text: str) -> tuple[tuple[str, float], ...]:
    return tuple((key, float(weight)) for key, weight in (p.split(":") for p in text.split()))


def _load() -> dict[str, Commodity]:
    # data/commodities.csv: origins and modes are "key:weight" pairs separated by spaces.
    text = files("borderops.core.synth").joinpath("data/commodities.csv").read_text("utf-8")
    return {
        row["hs_code"]: Commodity(
            hs_code=row["hs_code"],
            description=row["description"],
            usd_per_kg=float(row["usd_per_kg"]),
            kg_per_unit=float(row["kg_per_unit"]),
            sector=row["sector"],
            origins=_pairs(row["origins"]),
            modes=_pairs(row["modes"]),
            share=float(row["share"]),
            cover=row["cover"],
        )
        for row in csv.DictReader(text.splitlines())
    }


COMMODITIES: dict[str, Commodity] = _load()
# Goods in whose cargo smugglers most often hide drugs: perishables cleared in a hurry and
# bulky, dense loads that are slow to search.
NARCOTICS_COVERS = ("080390", "080440", "070200", "060311", "090111", "940360", "030617")
