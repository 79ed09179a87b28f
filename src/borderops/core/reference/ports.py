"""The curated table of major U.S. ports of entry across land, sea, air and rail."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

MODES = ("land", "sea", "air", "rail")


@dataclass(frozen=True, slots=True)
class PortOfEntryRecord:
    """One port of entry as the curated table describes it."""

    code: str
    name: str
    modes: tuple[str, ...]
    border: str
    state: str
    latitude: float
    longitude: float
    field_office: str
    annual_travellers: int


@cache
def curated_ports() -> tuple[PortOfEntryRecord, ...]:
    """The ports of entry shipped with BorderOps, ordered as in the curated table.

    Codes are CBP's four-digit port codes (district + port); ``annual_travellers`` is an
    order-of-magnitude yearly inbound volume, used to weight synthetic crossings.
    """
    text = files("borderops.core.reference").joinpath("data/ports_of_entry.csv").read_text()
    ports = []
    for row in csv.DictReader(text.splitlines()):
        modes = tuple(row["modes"].split(";"))
        if not set(modes) <= set(MODES):
            raise ValueError(f"ports_of_entry.csv: port {row['code']} has unknown modes {modes}")
        ports.append(
            PortOfEntryRecord(
                code=row["code"],
                name=row["name"],
                modes=modes,
                border=row["border"],
                state=row["state"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                field_office=row["field_office"],
                annual_travellers=int(row["annual_travellers"]),
            )
        )
    return tuple(ports)


# The CBP field office over each land-border district (the first two digits of a port code).
# Approximate: it names the field office for ports the curated table does not describe.
FIELD_OFFICE_BY_DISTRICT = {
    "01": "Boston",
    "02": "Boston",
    "07": "Buffalo",
    "09": "Buffalo",
    "23": "Laredo",
    "24": "El Paso",
    "25": "San Diego",
    "26": "Tucson",
    "30": "Seattle",
    "31": "Seattle",
    "33": "Seattle",
    "34": "Chicago",
    "35": "Chicago",
    "36": "Chicago",
    "38": "Detroit",
}


def field_office_for(code: str) -> str:
    """The field office over the district of a four-digit port code; empty when unknown."""
    return FIELD_OFFICE_BY_DISTRICT.get(code[:2], "")
