"""Importing nominations from a spreadsheet: every bad row reported, nothing kept on error."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction

from borderops.audit.choices import AuditAction
from borderops.audit.services import record
from borderops.training.errors import TrainingRefused
from borderops.training.models import CourseDelivery, Nomination
from borderops.training.services.participants import nominate

COLUMNS = ("surname", "given_names", "birth_date", "nationality", "agency", "security_force")
REQUIRED = ("surname", "given_names", "birth_date", "nationality")
MAX_ROWS = 2000
_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}


class ImportRefused(Exception):
    """A nominations file with bad rows; ``errors`` says which line and why."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors[:5]))
        self.errors = errors


@dataclass(frozen=True)
class Row:
    """One data row of the file, with the line it came from."""

    line: int
    values: dict[str, Any]


def read_rows(*, content: bytes, filename: str) -> list[Row]:
    """The data rows of a CSV or XLSX file whose first row names the columns."""
    if filename.lower().endswith(".xlsx"):
        return _xlsx_rows(content)
    if filename.lower().endswith(".csv"):
        return _csv_rows(content)
    raise ImportRefused([f"{filename}: send a .csv or .xlsx file."])


def _header(cells: list[Any]) -> list[str]:
    header = [str(cell or "").strip().lower().replace(" ", "_") for cell in cells]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportRefused([f"line 1: the header lacks the columns {', '.join(missing)}."])
    return header


def _csv_rows(content: bytes) -> list[Row]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused([f"The file is not UTF-8 text: {error}."]) from error
    lines = list(csv.reader(io.StringIO(text)))
    if not lines:
        raise ImportRefused(["The file is empty."])
    header = _header(lines[0])
    return [
        Row(line=number, values=dict(zip(header, cells, strict=False)))
        for number, cells in enumerate(lines[1:], start=2)
        if any(cell.strip() for cell in cells)
    ]


def _xlsx_rows(content: bytes) -> list[Row]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportRefused([f"The file is not a readable XLSX workbook: {error}."]) from error
    sheet = workbook.worksheets[0]
    lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    if not lines:
        raise ImportRefused(["The workbook's first sheet is empty."])
    header = _header(lines[0])
    return [
        Row(line=number, values=dict(zip(header, cells, strict=False)))
        for number, cells in enumerate(lines[1:], start=2)
        if any(str(cell or "").strip() for cell in cells)
    ]


def _birth_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "").strip())
    except ValueError as error:
        raise ValueError(f"birth_date {value!r} is not a date in the form YYYY-MM-DD") from error


def _flag(value: Any) -> bool:
    text = str(value if value is not None else "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"security_force {value!r} is not yes or no")


def import_nominations(
    *, delivery: CourseDelivery, content: bytes, filename: str, user: Any
) -> list[Nomination]:
    """Nominate everyone listed in a CSV or XLSX file for the delivery, or no one.

    Every row is checked by the same rules as a single nomination; when any row is bad,
    :class:`ImportRefused` lists each bad line and reason and nothing is stored.
    """
    rows = read_rows(content=content, filename=filename)
    if not rows:
        raise ImportRefused(["The file has a header but no nominations."])
    if len(rows) > MAX_ROWS:
        raise ImportRefused([f"The file has {len(rows)} rows; the limit is {MAX_ROWS}."])
    errors: list[str] = []
    created: list[Nomination] = []
    with transaction.atomic():
        for row in rows:
            values = row.values
            missing = [column for column in REQUIRED if not str(values.get(column) or "").strip()]
            if missing:
                errors.append(f"line {row.line}: {', '.join(missing)} missing.")
                continue
            try:
                birth_date = _birth_date(values["birth_date"])
                security_force = _flag(values.get("security_force"))
            except ValueError as error:
                errors.append(f"line {row.line}: {error}.")
                continue
            try:
                # A savepoint per row, so one refusal does not hide the next row's problems.
                with transaction.atomic():
                    created.append(
                        nominate(
                            delivery=delivery,
                            surname=str(values["surname"]),
                            given_names=str(values["given_names"]),
                            birth_date=birth_date,
                            nationality=str(values["nationality"]),
                            agency=str(values.get("agency") or "") or None,
                            security_force=security_force,
                            user=user,
                        )
                    )
            except TrainingRefused as error:
                errors.append(f"line {row.line}: {error}")
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ImportRefused(errors)
    record(
        action=AuditAction.IMPORT,
        object_type="training.nomination",
        object_id=delivery.pk,
        object_repr=f"{filename} → {delivery}",
        details={"nominations": len(created), "file": filename},
    )
    return created
