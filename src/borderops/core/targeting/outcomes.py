"""Examination outcomes: what was found when entries were examined.

An outcomes file is a CSV with one row per examined entry::

    id,finding,category,quantity
    E000017,true,narcotics,412.5
    E000018,false,,

``finding`` is true/false (also 1/0, yes/no); ``category`` is the category of what was
found (the rule categories: narcotics, undervaluation, …), empty when nothing was; and
``quantity`` is how much (kilograms, dollars), may be empty. Entries absent from the file
were not examined, so their outcome is unknown.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from borderops.core.synth.types import Violation
from borderops.core.targeting.types import Category

_TEXT: pa.DataType = pa.string()
_INTEGER: pa.DataType = pa.int64()
_BOOLEAN: pa.DataType = pa.bool_()
_NUMBER: pa.DataType = pa.float64()
OUTCOME_SCHEMA = pa.schema(
    [
        ("id", _TEXT),
        ("finding", _BOOLEAN),
        ("category", _TEXT),
        ("quantity", _NUMBER),
    ]
)
OUTCOME_COLUMNS = tuple(OUTCOME_SCHEMA.names)
_TRUE, _FALSE = {"true", "1", "yes", "y", "t"}, {"false", "0", "no", "n", "f"}
# The synthetic generator's violations as the categories rules are filed under.
VIOLATION_CATEGORIES: dict[str, Category] = {
    Violation.CONCEALED_NARCOTICS.value: Category.NARCOTICS,
    Violation.MISDECLARED_HS.value: Category.MISCLASSIFICATION,
    Violation.UNDERVALUED.value: Category.UNDERVALUATION,
    Violation.DENIED_PARTY.value: Category.EXPORT_CONTROL,
    Violation.UNREPORTED_CURRENCY.value: Category.CURRENCY,
    Violation.WANTED_PERSON_ALIAS.value: Category.FUGITIVE,
    Violation.FRAUDULENT_DOCUMENT.value: Category.IMMIGRATION,
}


class OutcomeFileError(ValueError):
    """An outcomes file that cannot be used, with the line and what is wrong."""


def read_outcomes(path: Path) -> pa.Table:
    """An outcomes CSV as a table of ``id, finding, category, quantity``."""
    path = Path(path)
    rows: dict[str, list[object]] = {name: [] for name in OUTCOME_COLUMNS}
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.DictReader(stream)
            missing = [c for c in ("id", "finding") if c not in (reader.fieldnames or [])]
            if missing:
                raise OutcomeFileError(
                    f"{path}: missing column(s) {', '.join(missing)}; "
                    "an outcomes file has id,finding,category,quantity"
                )
            for line, row in enumerate(reader, start=2):
                _add_row(rows, row, path, line)
    except OSError as error:
        raise OutcomeFileError(f"{path}: cannot be read: {error.strerror or error}") from None
    return pa.table(rows, schema=OUTCOME_SCHEMA)


def _add_row(rows: dict[str, list[object]], row: dict[str, str], path: Path, line: int) -> None:
    entry_id = (row.get("id") or "").strip()
    if not entry_id:
        raise OutcomeFileError(f"{path} line {line}: the id is empty")
    finding = (row.get("finding") or "").strip().lower()
    if finding not in _TRUE | _FALSE:
        raise OutcomeFileError(
            f"{path} line {line}: finding {row.get('finding')!r} is not true/false or 1/0"
        )
    quantity_text = (row.get("quantity") or "").strip()
    try:
        quantity = float(quantity_text) if quantity_text else None
    except ValueError:
        raise OutcomeFileError(
            f"{path} line {line}: quantity {quantity_text!r} is not a number"
        ) from None
    rows["id"].append(entry_id)
    rows["finding"].append(finding in _TRUE)
    rows["category"].append((row.get("category") or "").strip() or None)
    rows["quantity"].append(quantity)


def outcomes_from_truth(truth: pa.Table, entries: pa.Table) -> pa.Table:
    """The synthetic ground truth as outcomes: every entry examined, the planted violations
    found (one row per entry; the first violation when an entry has several)."""
    shipments = truth.filter(pc.equal(truth.column("record_type"), pa.scalar("shipment")))
    found: dict[str, tuple[str | None, float | None]] = {}
    for record_id, violation, quantity in zip(
        shipments.column("record_id").to_pylist(),
        shipments.column("violation").to_pylist(),
        shipments.column("quantity").to_pylist(),
        strict=True,
    ):
        record_id = str(record_id)
        if record_id not in found:
            category = VIOLATION_CATEGORIES.get(str(violation))
            found[str(record_id)] = (category.value if category else Category.OTHER.value, quantity)
    ids = [str(entry_id) for entry_id in entries.column("id").to_pylist()]
    hits = [found.get(entry_id) for entry_id in ids]
    return pa.table(
        {
            "id": ids,
            "finding": [hit is not None for hit in hits],
            "category": [hit[0] if hit else None for hit in hits],
            "quantity": [hit[1] if hit else None for hit in hits],
        },
        schema=OUTCOME_SCHEMA,
    )


def write_outcomes(outcomes: pa.Table, path: Path) -> None:
    """Write outcomes as the CSV ``read_outcomes`` reads (finding as true/false)."""
    from borderops.core.targeting.io import write_table

    write_table(outcomes.select(list(OUTCOME_COLUMNS)), Path(path))
