"""The curated Border Patrol sectors and traffic checkpoints shipped with BorderOps.

The 20 sectors are the Border Patrol's own (nine on the Mexican border, eight on the
Canadian border, three on the coasts). The checkpoints are well-known permanent ones on the
highways leading inland from the Mexican border, plus a few tactical ones with the periods
they were staffed. Coordinates are approximate public locations, good enough for a map.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import cache
from itertools import pairwise

from borderops.core.reference.tabular import TableRows, package_table, parse_float
from borderops.core.reference.types import (
    ActivePeriodRecord,
    CheckpointRecord,
    PatrolSectorRecord,
    PatrolTables,
)

CHECKPOINT_KINDS = ("permanent", "tactical")
SECTOR_COLUMNS = ("code", "name", "border", "headquarters", "latitude", "longitude")
CHECKPOINT_COLUMNS = ("code", "name", "sector", "kind", "road", "latitude", "longitude")
PERIOD_COLUMNS = ("checkpoint", "starts_on", "ends_on")


def parse_patrol_tables(
    *,
    sectors: tuple[str, Iterable[str]],
    checkpoints: tuple[str, Iterable[str]],
    periods: tuple[str, Iterable[str]],
) -> PatrolTables:
    """Parse sector, checkpoint and active-period tables, each given as (path, lines)."""
    sector_table = TableRows(sectors[1], path=sectors[0], required=SECTOR_COLUMNS)
    sector_records: dict[str, PatrolSectorRecord] = {}
    for line, row in sector_table:
        record = _sector(sector_table, line, row)
        if record is None:
            continue
        if record.code in sector_records:
            sector_table.error(line, f"Sector {record.code} is listed twice.")
            continue
        sector_records[record.code] = record

    period_table = TableRows(periods[1], path=periods[0], required=PERIOD_COLUMNS)
    periods_of: dict[str, list[tuple[int, ActivePeriodRecord]]] = defaultdict(list)
    for line, row in period_table:
        period = _period(period_table, line, row)
        if period is not None:
            periods_of[row["checkpoint"]].append((line, period))

    checkpoint_table = TableRows(checkpoints[1], path=checkpoints[0], required=CHECKPOINT_COLUMNS)
    checkpoint_records: dict[str, CheckpointRecord] = {}
    for line, row in checkpoint_table:
        checkpoint = _checkpoint(checkpoint_table, line, row, sector_records)
        if checkpoint is None:
            continue
        if checkpoint.code in checkpoint_records:
            checkpoint_table.error(line, f"Checkpoint {checkpoint.code} is listed twice.")
            continue
        dated = sorted(periods_of.get(checkpoint.code, []), key=lambda item: item[1].starts_on)
        checkpoint_records[checkpoint.code] = CheckpointRecord(
            code=checkpoint.code,
            name=checkpoint.name,
            sector=checkpoint.sector,
            kind=checkpoint.kind,
            road=checkpoint.road,
            latitude=checkpoint.latitude,
            longitude=checkpoint.longitude,
            periods=tuple(period for _, period in dated),
        )
    for code, dated in periods_of.items():
        if code not in checkpoint_records:
            for line, _ in dated:
                period_table.error(line, f"Checkpoint {code!r} is not in the checkpoint table.")
        for (_, before), (line, after) in pairwise(dated):
            if before.starts_on == after.starts_on:
                period_table.error(line, f"{code} has two periods from {after.starts_on}.")

    return PatrolTables(
        sectors=tuple(sector_records.values()),
        checkpoints=tuple(checkpoint_records.values()),
        errors=(*sector_table.errors, *checkpoint_table.errors, *period_table.errors),
    )


@cache
def curated_patrol() -> PatrolTables:
    """The sectors, checkpoints and tactical periods shipped with BorderOps."""
    return parse_patrol_tables(
        sectors=package_table("patrol_sectors.csv"),
        checkpoints=package_table("checkpoints.csv"),
        periods=package_table("checkpoint_periods.csv"),
    )


def _coordinates(table: TableRows, line: int, row: dict[str, str]) -> tuple[float, float] | None:
    latitude = parse_float(row["latitude"], low=-90, high=90)
    longitude = parse_float(row["longitude"], low=-180, high=180)
    if latitude is None or longitude is None:
        table.error(line, f"Coordinates ({row['latitude']}, {row['longitude']}) are not valid.")
        return None
    return latitude, longitude


def _sector(table: TableRows, line: int, row: dict[str, str]) -> PatrolSectorRecord | None:
    code = row["code"].upper()
    if not code.isalpha() or not 2 <= len(code) <= 5:
        table.error(line, f"Sector code {row['code']!r} should be 2 to 5 letters.")
        return None
    if not row["name"] or not row["border"]:
        table.error(line, f"Sector {code} needs a name and a border.")
        return None
    coordinates = _coordinates(table, line, row)
    if coordinates is None:
        return None
    return PatrolSectorRecord(
        code=code,
        name=row["name"],
        border=row["border"],
        headquarters=row["headquarters"],
        latitude=coordinates[0],
        longitude=coordinates[1],
    )


def _checkpoint(
    table: TableRows, line: int, row: dict[str, str], sectors: dict[str, PatrolSectorRecord]
) -> CheckpointRecord | None:
    code = row["code"]
    if not code or len(code) > 20:
        table.error(line, f"Checkpoint code {code!r} should be 1 to 20 characters.")
        return None
    if row["sector"] not in sectors:
        table.error(line, f"Checkpoint {code} names sector {row['sector']!r}, which is not listed.")
        return None
    if row["kind"] not in CHECKPOINT_KINDS:
        table.error(line, f"Checkpoint {code} kind {row['kind']!r} is not permanent or tactical.")
        return None
    if not row["name"]:
        table.error(line, f"Checkpoint {code} has no name.")
        return None
    coordinates = _coordinates(table, line, row)
    if coordinates is None:
        return None
    return CheckpointRecord(
        code=code,
        name=row["name"],
        sector=row["sector"],
        kind=row["kind"],
        road=row["road"],
        latitude=coordinates[0],
        longitude=coordinates[1],
    )


def _period(table: TableRows, line: int, row: dict[str, str]) -> ActivePeriodRecord | None:
    try:
        starts_on = date.fromisoformat(row["starts_on"])
        ends_on = date.fromisoformat(row["ends_on"]) if row["ends_on"] else None
    except ValueError:
        table.error(line, f"Dates {row['starts_on']!r} to {row['ends_on']!r} are not YYYY-MM-DD.")
        return None
    if ends_on is not None and ends_on < starts_on:
        table.error(line, f"Period ends on {ends_on}, before it starts on {starts_on}.")
        return None
    return ActivePeriodRecord(starts_on=starts_on, ends_on=ends_on)
