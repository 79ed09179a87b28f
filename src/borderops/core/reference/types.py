"""The contracts of the reference core: what the parsers and curated tables hand back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class RowError:
    """One row a file could not supply, with where it is and what is wrong with it.

    ``line`` is the physical line of the file where the row starts (1 is the header), so a
    user can open the file in an editor and go straight to it.
    """

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


# --------------------------------------------------------------------------------------------
# BTS Border Crossing Entry Data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BtsPort:
    """A land port of entry as the BTS file names it."""

    code: str
    name: str
    state: str
    border: str
    latitude: float | None
    longitude: float | None
    modes: tuple[str, ...] = ("land",)


@dataclass(frozen=True, slots=True)
class MonthlyVolumes:
    """Inbound counts, one per (port, month, measure), held column by column.

    The i-th entry of each tuple belongs to the same count; a whole BTS file fits in four
    tuples instead of hundreds of thousands of small objects.
    """

    port_codes: tuple[str, ...] = ()
    months: tuple[date, ...] = ()
    measures: tuple[str, ...] = ()
    values: tuple[int, ...] = ()

    def __len__(self) -> int:
        return len(self.values)


@dataclass(frozen=True, slots=True)
class BtsParseResult:
    """What a BTS file holds: its ports, its monthly counts, and the rows it could not supply."""

    path: str
    ports: Mapping[str, BtsPort]
    volumes: MonthlyVolumes
    errors: tuple[RowError, ...]
    rows: int
    repeated_rows: int = 0


# --------------------------------------------------------------------------------------------
# Harmonized System
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HsEntry:
    """A chapter (2 digits), heading (4) or subheading (6) of the HS nomenclature."""

    code: str
    description: str
    section: str
    parent: str | None
    level: int


@dataclass(frozen=True, slots=True)
class HsSection:
    """One of the 21 sections (I to XXI) that group the HS chapters."""

    numeral: str
    name: str


@dataclass(frozen=True, slots=True)
class HsParseResult:
    """The HS entries of a file in file order, and the rows it could not supply."""

    path: str
    entries: tuple[HsEntry, ...]
    errors: tuple[RowError, ...]
    skipped: tuple[str, ...] = field(default=())


# --------------------------------------------------------------------------------------------
# Border Patrol sectors and checkpoints
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PatrolSectorRecord:
    """A Border Patrol sector with its headquarters."""

    code: str
    name: str
    border: str
    headquarters: str
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class ActivePeriodRecord:
    """A period during which a checkpoint is staffed; ``ends_on`` None while it continues."""

    starts_on: date
    ends_on: date | None


@dataclass(frozen=True, slots=True)
class CheckpointRecord:
    """A Border Patrol traffic checkpoint and when it is staffed."""

    code: str
    name: str
    sector: str
    kind: str
    road: str
    latitude: float
    longitude: float
    periods: tuple[ActivePeriodRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class PatrolTables:
    """Sectors and checkpoints read together, so each checkpoint's sector can be checked."""

    sectors: tuple[PatrolSectorRecord, ...]
    checkpoints: tuple[CheckpointRecord, ...]
    errors: tuple[RowError, ...]


# --------------------------------------------------------------------------------------------
# Countries, currencies and airports
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountryRecord:
    """A country or territory with its ISO 3166-1 codes."""

    alpha2: str
    alpha3: str
    numeric: str
    name: str
    official_name: str


@dataclass(frozen=True, slots=True)
class CurrencyRecord:
    """A currency with its ISO 4217 codes."""

    code: str
    numeric: str
    name: str


@dataclass(frozen=True, slots=True)
class AirportRecord:
    """An airport keyed by its ICAO code."""

    icao: str
    iata: str
    name: str
    city: str
    country: str
    latitude: float
    longitude: float
