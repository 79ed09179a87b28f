"""Loading crossing records; the only place that changes crossings state."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.dateparse import parse_datetime

from borderops.accounts.services import port_organisations
from borderops.audit.choices import AuditAction
from borderops.audit.services import record
from borderops.crossings.models import (
    Crossing,
    GroundTruth,
    Shipment,
    TravelDocument,
    Traveller,
    Vehicle,
)
from borderops.reference.models import Country

TABLES = ("travellers", "documents", "vehicles", "crossings", "shipments", "truth")
BATCH = 2000


class DatasetError(Exception):
    """A synthetic data set that cannot be loaded; the message says which file and why."""


@dataclass
class DatasetReport:
    """How many records of each kind a load created."""

    directory: str
    counts: dict[str, int] = field(default_factory=dict)


def _rows(directory: Path, name: str) -> Iterator[dict[str, Any]]:
    parquet, csv_path = directory / f"{name}.parquet", directory / f"{name}.csv"
    if parquet.exists():
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(parquet).iter_batches(batch_size=BATCH):
            yield from batch.to_pylist()
    elif csv_path.exists():
        with csv_path.open(newline="", encoding="utf-8") as handle:
            yield from csv.DictReader(handle)
    else:
        raise DatasetError(f"{directory}: no {name}.parquet or {name}.csv in the data set.")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _datetime(value: Any) -> datetime:
    parsed = value if isinstance(value, datetime) else parse_datetime(str(value))
    if parsed is None:
        raise ValueError(f"not a date and time: {value!r}")
    # Times without a zone are the data set's UTC.
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes"}


def _int_or_none(value: Any) -> int | None:
    return None if value in (None, "") else int(float(value))


def _bulk(model: type[Any], objects: list[Any]) -> int:
    for start in range(0, len(objects), BATCH):
        model.objects.bulk_create(objects[start : start + BATCH], ignore_conflicts=True)
    return len(objects)


@transaction.atomic
def load_synthetic_dataset(
    *, directory: Path, progress: Callable[[str, int], None] | None = None
) -> DatasetReport:
    """Load a data set written by ``borderops synth`` into the database.

    All or nothing: a bad row aborts the load with its file and row number. Records whose
    reference already exists are left as they are, so loading twice changes nothing.
    """
    manifest = directory / "manifest.json"
    if not manifest.exists():
        raise DatasetError(f"{directory}: manifest.json is missing; is this a synth data set?")
    report = DatasetReport(directory=str(directory))
    countries = dict(Country.objects.values_list("alpha3", "alpha2"))
    organisations = port_organisations()
    current = ""
    row_number = 0

    def step(name: str) -> Iterator[dict[str, Any]]:
        nonlocal current, row_number
        current, row_number = name, 0
        for row in _rows(directory, name):
            row_number += 1
            yield row

    try:
        travellers = [
            Traveller(
                reference=_text(row["id"]),
                surname=_text(row["surname"]),
                given_names=_text(row["given_names"]),
                native_name=_text(row.get("native_name")),
                birth_date=_date(row["birth_date"]),
                sex=_text(row["sex"]) or "X",
                nationality_id=countries[_text(row["nationality"])],
                birth_place=_text(row.get("birth_place")),
            )
            for row in step("travellers")
        ]
        report.counts["travellers"] = _bulk(Traveller, travellers)
        traveller_ids = dict(Traveller.objects.values_list("reference", "pk"))
        documents = [
            TravelDocument(
                reference=_text(row["id"]),
                traveller_id=traveller_ids[_text(row["traveller_id"])],
                document_code=_text(row["document_code"]),
                document_number=_text(row["document_number"]),
                issuing_state=_text(row["issuing_state"]),
                issue_date=_date(row["issue_date"]) if row.get("issue_date") else None,
                expiry_date=_date(row["expiry_date"]),
                mrz=_text(row["mrz"]),
            )
            for row in step("documents")
        ]
        report.counts["documents"] = _bulk(TravelDocument, documents)
        vehicles = [
            Vehicle(
                reference=_text(row["id"]),
                plate=_text(row["plate"]),
                plate_region=_text(row.get("plate_region")),
                plate_country=_text(row.get("plate_country")),
                vin=_text(row.get("vin")),
                make=_text(row.get("make")),
                model=_text(row.get("model")),
                year=_int_or_none(row.get("year")),
                colour=_text(row.get("colour")),
            )
            for row in step("vehicles")
        ]
        report.counts["vehicles"] = _bulk(Vehicle, vehicles)
        document_ids = dict(TravelDocument.objects.values_list("reference", "pk"))
        vehicle_ids = dict(Vehicle.objects.values_list("reference", "pk"))
        crossings = [
            Crossing(
                reference=_text(row["id"]),
                traveller_id=traveller_ids[_text(row["traveller_id"])],
                document_id=document_ids.get(_text(row.get("document_id"))),
                vehicle_id=vehicle_ids.get(_text(row.get("vehicle_id"))),
                port_id=_text(row["port"]),
                organisation=organisations[_text(row["port"])],
                mode=_text(row["mode"]),
                conveyance=_text(row.get("conveyance")),
                crossed_at=_datetime(row["crossed_at"]),
                currency_declared_usd=Decimal(_text(row.get("currency_declared_usd")) or "0"),
                agricultural_declared=_bool(row.get("agricultural_declared")),
            )
            for row in step("crossings")
        ]
        report.counts["crossings"] = _bulk(Crossing, crossings)
        shipments = [
            Shipment(
                reference=_text(row["id"]),
                mode=_text(row["mode"]),
                port_id=_text(row["port"]),
                organisation=organisations[_text(row["port"])],
                arrival_date=_date(row["arrival_date"]),
                hs_code=_text(row["hs_code"]),
                description=_text(row["description"])[:300],
                value=Decimal(_text(row["value"])),
                currency=_text(row["currency"]),
                gross_kg=float(row["gross_kg"]),
                net_kg=float(row["net_kg"]),
                quantity=_int_or_none(row.get("quantity")),
                origin=_text(row["origin"]),
                export_country=_text(row["export_country"]),
                route=_text(row.get("route"))[:200],
                shipper=_text(row["shipper"])[:200],
                consignee=_text(row["consignee"])[:200],
                declarant=_text(row.get("declarant"))[:200],
                conveyance=_text(row.get("conveyance"))[:60],
                containers=_text(row.get("containers"))[:300],
            )
            for row in step("shipments")
        ]
        report.counts["shipments"] = _bulk(Shipment, shipments)
        known = set(GroundTruth.objects.values_list("record_type", "record_reference", "violation"))
        truths = [
            GroundTruth(
                record_type=_text(row["record_type"]),
                record_reference=_text(row["record_id"]),
                violation=_text(row["violation"]),
                detail=_text(row.get("detail"))[:300],
                quantity=float(row["quantity"]) if row.get("quantity") not in (None, "") else None,
                unit=_text(row.get("unit")),
            )
            for row in step("truth")
            if (_text(row["record_type"]), _text(row["record_id"]), _text(row["violation"]))
            not in known
        ]
        report.counts["truth"] = _bulk(GroundTruth, truths)
    except KeyError as error:
        raise DatasetError(
            f"{directory / current}: row {row_number}: unknown or missing value {error}"
            " (is the reference data loaded, and the agency tree built?)"
        ) from error
    except (ValueError, TypeError) as error:
        raise DatasetError(f"{directory / current}: row {row_number}: {error}") from error
    record(
        action=AuditAction.IMPORT,
        object_type="crossings.dataset",
        object_repr=directory.name,
        details={"counts": report.counts, "manifest": json.loads(manifest.read_text())},
    )
    return report
