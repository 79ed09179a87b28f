"""Loading reference data: the one door through which the reference tables change.

Every loader follows the same rules. It reads its whole source first; if any row is bad it
raises :class:`ImportRejected` naming file, line and reason, and loads nothing. Otherwise it
writes everything in one transaction with bulk upserts (see :mod:`.loading`), so loading the
same source twice changes nothing, and writes one ``import`` entry to the audit log with its
counts (bulk writes bypass the per-record audit signals on purpose). Nothing is ever deleted:
a port, code or checkpoint missing from a later file stays, since other records may point at
it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction

from borderops.audit.services import object_type_of
from borderops.core.reference.bts import read_bts
from borderops.core.reference.hs import builtin_hs, read_hs
from borderops.core.reference.patrol import curated_patrol
from borderops.core.reference.ports import curated_ports, field_office_for
from borderops.core.reference.registries import AIRPORTS_SOURCE, airports, countries, currencies
from borderops.core.reference.types import BtsParseResult, BtsPort
from borderops.reference.choices import TrafficSource
from borderops.reference.loading import (
    ImportRejected,
    LoadReport,
    ModelCounts,
    Progress,
    audit_load,
    reject_if_any,
    upsert,
)
from borderops.reference.models import (
    Airport,
    Checkpoint,
    CheckpointActivePeriod,
    Country,
    Currency,
    HsCode,
    PatrolSector,
    PortOfEntry,
    PortTraffic,
)

StagedProgress = Callable[[str, int, int], None]
"""Told (stage, done, total) as a load of several stages advances."""
BUILTIN_STAGE = "Reference data"

__all__ = [
    "ImportRejected",
    "LoadReport",
    "ModelCounts",
    "load_airports",
    "load_bts",
    "load_builtin_reference",
    "load_countries",
    "load_curated_ports",
    "load_currencies",
    "load_hs",
    "load_sectors_and_checkpoints",
]


# --------------------------------------------------------------------------------------------
# Countries, currencies, airports
# --------------------------------------------------------------------------------------------

COUNTRY_KEY = ("alpha2",)
COUNTRY_VALUES = ("alpha3", "numeric", "name", "official_name")


def load_countries() -> LoadReport:
    """Load the countries and territories of ISO 3166-1 (and Kosovo)."""
    rows = [
        (c.alpha2, c.alpha3, c.numeric, c.name[:100], c.official_name[:200]) for c in countries()
    ]
    with transaction.atomic():
        counts = upsert(Country, rows, key=COUNTRY_KEY, values=COUNTRY_VALUES)
        report = LoadReport(source="pycountry ISO 3166-1", counts={object_type_of(Country): counts})
        return audit_load(report, Country)


def load_currencies() -> LoadReport:
    """Load the currencies of ISO 4217."""
    rows = [(c.code, c.numeric, c.name[:100]) for c in currencies()]
    with transaction.atomic():
        counts = upsert(Currency, rows, key=("code",), values=("numeric", "name"))
        report = LoadReport(source="pycountry ISO 4217", counts={object_type_of(Currency): counts})
        return audit_load(report, Currency)


AIRPORT_VALUES = ("iata", "name", "city", "country_id", "latitude", "longitude")


def load_airports() -> LoadReport:
    """Load the world's airports, linked to their country when it is loaded."""
    records, errors = airports()
    reject_if_any(errors)
    with transaction.atomic():
        known = set(Country.objects.values_list("alpha2", flat=True))
        rows = [
            (
                a.icao,
                a.iata,
                a.name,
                a.city,
                a.country if a.country in known else None,
                a.latitude,
                a.longitude,
            )
            for a in records
        ]
        counts = upsert(Airport, rows, key=("icao",), values=AIRPORT_VALUES)
        unlinked = sum(1 for row in rows if row[4] is None)
        notes = (f"{unlinked} airport(s) have no country loaded to link to.",) if unlinked else ()
        report = LoadReport(
            source=AIRPORTS_SOURCE, counts={object_type_of(Airport): counts}, notes=notes
        )
        return audit_load(report, Airport)


# --------------------------------------------------------------------------------------------
# Ports of entry and their traffic
# --------------------------------------------------------------------------------------------

PORT_VALUES = (
    "name",
    "land",
    "sea",
    "air",
    "rail",
    "border",
    "state",
    "latitude",
    "longitude",
    "field_office",
)
TRAFFIC_KEY = ("port_id", "month", "measure")
TRAFFIC_VALUES = ("value", "source")


def load_curated_ports() -> LoadReport:
    """Load the curated table of major ports of entry; its values win over any earlier load."""
    rows = [
        (
            port.code,
            port.name,
            "land" in port.modes,
            "sea" in port.modes,
            "air" in port.modes,
            "rail" in port.modes,
            port.border,
            port.state,
            port.latitude,
            port.longitude,
            port.field_office,
        )
        for port in curated_ports()
    ]
    with transaction.atomic():
        counts = upsert(PortOfEntry, rows, key=("code",), values=PORT_VALUES)
        report = LoadReport(
            source="borderops/core/reference/data/ports_of_entry.csv",
            counts={object_type_of(PortOfEntry): counts},
        )
        return audit_load(report, PortOfEntry)


def load_bts(path: Path, *, progress: Progress | None = None) -> LoadReport:
    """Load a BTS Border Crossing Entry Data file: its land ports and their monthly counts.

    Ports the file names are created, or updated: the curated ports keep their names,
    coordinates and field offices and only gain the land mode and any value they lacked;
    other ports take the file's description. Monthly counts are created or updated.
    """
    parsed = read_bts(path)
    reject_if_any(parsed.errors)
    volumes = parsed.volumes
    with transaction.atomic():
        port_counts = upsert(
            PortOfEntry,
            _bts_port_rows(parsed),
            key=("code",),
            values=PORT_VALUES,
            existing=PortOfEntry.objects.filter(code__in=list(parsed.ports)),
        )
        source = TrafficSource.BTS.value
        traffic_rows = zip(
            volumes.port_codes,
            volumes.months,
            volumes.measures,
            volumes.values,
            [source] * len(volumes),
            strict=True,
        )
        traffic_counts = upsert(
            PortTraffic,
            traffic_rows,
            key=TRAFFIC_KEY,
            values=TRAFFIC_VALUES,
            existing=PortTraffic.objects.filter(port_id__in=list(parsed.ports)),
            progress=progress,
        )
        notes = (
            (f"{parsed.repeated_rows} row(s) repeated an earlier row exactly and were skipped.",)
            if parsed.repeated_rows
            else ()
        )
        report = LoadReport(
            source=str(path),
            counts={
                object_type_of(PortOfEntry): port_counts,
                object_type_of(PortTraffic): traffic_counts,
            },
            notes=notes,
        )
        return audit_load(report, PortTraffic)


def _bts_port_rows(parsed: BtsParseResult) -> list[tuple[Any, ...]]:
    curated = {port.code for port in curated_ports()}
    current = {port.code: port for port in PortOfEntry.objects.filter(code__in=list(parsed.ports))}
    return [
        _merged_port_row(port, current.get(code), curated=code in curated)
        for code, port in parsed.ports.items()
    ]


def _merged_port_row(
    port: BtsPort, current: PortOfEntry | None, *, curated: bool
) -> tuple[Any, ...]:
    """The port as it should stand after the file: always a land port, nothing lost."""
    described = (port.name, port.border, port.state, port.latitude, port.longitude)
    if current is None:
        name, border, state, latitude, longitude = described
        modes = (True, False, False, False)
        field_office = field_office_for(port.code)
    else:
        held = (current.name, current.border, current.state, current.latitude, current.longitude)
        # The curated table's values win for its ports; elsewhere the newest file wins.
        first, second = (held, described) if curated else (described, held)
        name, border, state, latitude, longitude = (
            _given(mine, other) for mine, other in zip(first, second, strict=True)
        )
        modes = (True, current.sea, current.air, current.rail)
        field_office = current.field_office or field_office_for(port.code)
    return (port.code, name, *modes, border, state, latitude, longitude, field_office)


def _given(preferred: Any, fallback: Any) -> Any:
    return fallback if preferred in ("", None) else preferred


# --------------------------------------------------------------------------------------------
# HS nomenclature
# --------------------------------------------------------------------------------------------

HS_VALUES = ("description", "section", "parent_id", "level")


def load_hs(path: Path | None = None) -> LoadReport:
    """Load an HS nomenclature CSV file, or the built-in demo set when no path is given."""
    parsed = builtin_hs() if path is None else read_hs(path)
    reject_if_any(parsed.errors)
    entries = sorted(parsed.entries, key=lambda entry: (entry.level, entry.code))
    rows = [(e.code, e.description, e.section, e.parent, e.level) for e in entries]
    with transaction.atomic():
        counts = upsert(HsCode, rows, key=("code",), values=HS_VALUES)
        notes = tuple(f"Skipped {reason}." for reason in parsed.skipped)
        report = LoadReport(
            source=parsed.path, counts={object_type_of(HsCode): counts}, notes=notes
        )
        return audit_load(report, HsCode)


# --------------------------------------------------------------------------------------------
# Border Patrol sectors and checkpoints
# --------------------------------------------------------------------------------------------

SECTOR_VALUES = ("name", "border", "headquarters", "latitude", "longitude")
CHECKPOINT_VALUES = ("name", "sector_id", "kind", "road", "latitude", "longitude")


def load_sectors_and_checkpoints() -> LoadReport:
    """Load the curated Border Patrol sectors, checkpoints and checkpoint active periods."""
    tables = curated_patrol()
    reject_if_any(tables.errors)
    sector_rows = [
        (s.code, s.name, s.border, s.headquarters, s.latitude, s.longitude) for s in tables.sectors
    ]
    checkpoint_rows = [
        (c.code, c.name, c.sector, c.kind, c.road, c.latitude, c.longitude)
        for c in tables.checkpoints
    ]
    period_rows = [(c.code, p.starts_on, p.ends_on) for c in tables.checkpoints for p in c.periods]
    with transaction.atomic():
        counts = {
            object_type_of(PatrolSector): upsert(
                PatrolSector, sector_rows, key=("code",), values=SECTOR_VALUES
            ),
            object_type_of(Checkpoint): upsert(
                Checkpoint, checkpoint_rows, key=("code",), values=CHECKPOINT_VALUES
            ),
            object_type_of(CheckpointActivePeriod): upsert(
                CheckpointActivePeriod,
                period_rows,
                key=("checkpoint_id", "starts_on"),
                values=("ends_on",),
            ),
        }
        report = LoadReport(source="borderops/core/reference/data/checkpoints.csv", counts=counts)
        return audit_load(report, Checkpoint)


# --------------------------------------------------------------------------------------------
# Everything built in
# --------------------------------------------------------------------------------------------

BUILTIN_LOADERS: tuple[Callable[[], LoadReport], ...] = (
    load_countries,
    load_currencies,
    load_curated_ports,
    load_airports,
    load_hs,
    load_sectors_and_checkpoints,
)


def load_builtin_reference(*, progress: StagedProgress | None = None) -> list[LoadReport]:
    """Load all the reference data BorderOps ships with, in one transaction.

    Countries come before airports so airports link to them. ``progress`` is told
    ("Reference data", loaders done, loaders in all) after each loader.
    """
    reports: list[LoadReport] = []
    with transaction.atomic():
        for done, loader in enumerate(BUILTIN_LOADERS, start=1):
            reports.append(loader())
            if progress is not None:
                progress(BUILTIN_STAGE, done, len(BUILTIN_LOADERS))
    return reports
