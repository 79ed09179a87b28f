"""Shipments as the targeting engine reads them: Arrow tables of the canonical entry columns,
the history they are judged against, party screening scores and known outcomes.

The engine never sees a Django model; this module turns querysets into columns once, so a
day's worklist or a year's backtest costs one query per table, not one object per row.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import pyarrow as pa
from django.db.models import QuerySet

from borderops.core.targeting.io import ENTRY_SCHEMA
from borderops.core.targeting.outcomes import OUTCOME_SCHEMA, outcomes_from_truth
from borderops.core.targeting.types import RuleSet
from borderops.crossings.models import GroundTruth, Shipment

# The shipment fields in canonical column order; ``id`` is the entry number and ``port`` the
# port's code, so scored rows map back to shipments and truth by reference.
_FIELDS: tuple[str, ...] = tuple(
    {"id": "reference", "port": "port_id"}.get(name, name) for name in ENTRY_SCHEMA.names
)
_OPTIONAL_TEXT = frozenset({"route", "declarant", "conveyance", "containers"})
HISTORY_DAYS = 365
HISTORY_LIMIT = 500_000
SCREENING_FEATURES = frozenset({"shipper_screening_score", "consignee_screening_score"})
CHUNK = 5000
_TEXT: pa.DataType = pa.string()
_NUMBER: pa.DataType = pa.float64()
_TRUTH_SCHEMA = pa.schema(
    [
        pa.field("record_type", _TEXT),
        pa.field("record_id", _TEXT),
        pa.field("violation", _TEXT),
        pa.field("quantity", _NUMBER),
    ]
)


def _column_values(name: str, values: Sequence[Any]) -> list[Any]:
    if name == "value":
        return [float(v) if v is not None else None for v in values]
    if name in _OPTIONAL_TEXT:
        # The loaders read an empty CSV field as null; the database keeps blanks as "".
        return [v or None for v in values]
    return list(values)


def entries_table(shipments: QuerySet[Shipment]) -> pa.Table:
    """The shipments as entries with the canonical columns and types, in queryset order."""
    rows = list(shipments.values_list(*_FIELDS).iterator(chunk_size=CHUNK))
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in _FIELDS]
    arrays = {
        name: _column_values(name, values)
        for name, values in zip(ENTRY_SCHEMA.names, columns, strict=True)
    }
    return pa.table(arrays, schema=ENTRY_SCHEMA)


def entries_from_mappings(entries: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Entries given as plain mappings (the API's JSON); missing columns are null."""
    rows = [{name: entry.get(name) for name in ENTRY_SCHEMA.names} for entry in entries]
    return pa.Table.from_pylist(rows, schema=ENTRY_SCHEMA)


def history_table(*, until: date, since: date | None = None) -> pa.Table:
    """Shipments that arrived in the year up to ``until`` (or from ``since``): the norms
    and the first-seen dates of parties are taken from them."""
    start = since if since is not None else until - timedelta(days=HISTORY_DAYS)
    recent = Shipment.objects.filter(arrival_date__gte=start, arrival_date__lte=until)
    return entries_table(recent.order_by("-arrival_date", "-pk")[:HISTORY_LIMIT])


def needs_party_scores(ruleset: RuleSet) -> bool:
    """Some rule reads a party screening score, so the parties must be screened first."""
    return any(rule.columns & SCREENING_FEATURES for rule in ruleset.rules)


class _PartyIndex:
    """The screening index over the watchlist versions in force, built once per process and
    rebuilt when a version changes (keyed by version and content digest)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[tuple[int, str], ...] | None = None
        self._index: Any = None

    def get(self) -> Any:
        from borderops.lookouts.services import entries_of, versions_in_force

        versions = versions_in_force()
        key = tuple((version.pk, version.sha256) for version in versions)
        with self._lock:
            if key != self._key:
                from borderops.core.screening import build_index

                listed = [entry for version in versions for entry in entries_of(version)]
                self._index = build_index(listed) if listed else None
                self._key = key
            return self._index


_party_index = _PartyIndex()


def party_scores(entries: pa.Table, ruleset: RuleSet) -> pa.Table | None:
    """The shippers' and consignees' best screening scores, when the rules read them and a
    list is in force; None otherwise (the features are then empty and such rules stay
    silent)."""
    if entries.num_rows == 0 or not needs_party_scores(ruleset):
        return None
    index = _party_index.get()
    if index is None:
        return None
    from borderops.core.targeting.parties import party_screening_scores

    return party_screening_scores(entries, index)


def examination_outcomes(shipments: QuerySet[Shipment]) -> pa.Table:
    """The recorded examination results of these shipments as ``id, finding, category,
    quantity``; entries never examined are absent."""
    from borderops.targeting.models import ExaminationResult

    rows: dict[str, list[Any]] = {name: [] for name in OUTCOME_SCHEMA.names}
    results = ExaminationResult.objects.filter(shipment__in=shipments).values_list(
        "shipment__reference", "finding", "category", "quantity"
    )
    for reference, finding, category, quantity in results.iterator(chunk_size=CHUNK):
        rows["id"].append(reference)
        rows["finding"].append(bool(finding))
        rows["category"].append(category or None)
        rows["quantity"].append(quantity)
    return pa.table(rows, schema=OUTCOME_SCHEMA)


def truth_outcomes(shipments: QuerySet[Shipment], entries: pa.Table) -> pa.Table:
    """The synthetic ground truth of these shipments (``entries`` is their table) as
    outcomes: every entry examined, the planted violations found."""
    truth = GroundTruth.objects.filter(
        record_type="shipment", record_reference__in=shipments.values("reference")
    ).values_list("record_type", "record_reference", "violation", "quantity")
    rows = list(truth.iterator(chunk_size=CHUNK))
    names = ("record_type", "record_id", "violation", "quantity")
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in names]
    table = pa.table(
        dict(zip(names, [list(c) for c in columns], strict=True)),
        schema=_TRUTH_SCHEMA,
    )
    return outcomes_from_truth(table, entries)
