"""Reading subjects to screen from CSV and writing their hits, as ``borderops screen`` does.

The file layouts are a published contract: QUERIES.csv has ``id,name`` and optionally
``birth_date`` (YYYY-MM-DD or YYYY), ``nationality`` (ISO 3166 alpha-2 or alpha-3), ``gender``,
``document_number`` and ``entity_type``; HITS.csv has exactly ``HIT_COLUMNS``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pycountry

from borderops.core.lists.types import EntityType
from borderops.core.screening.types import Subject

REQUIRED_COLUMNS = ("id", "name")
OPTIONAL_COLUMNS = ("birth_date", "nationality", "gender", "document_number", "entity_type")
HIT_COLUMNS = ("query_id", "list", "entry_id", "score", "matched_name", "query_name", "explanation")
ENTITY_TYPES = ("person", "organization", "vessel", "vehicle", "aircraft", "unknown")
_BIRTH_DATE = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")


class SubjectFileError(Exception):
    """A queries file that cannot be screened; the message says where and why."""


@dataclass(frozen=True, slots=True)
class SubjectRow:
    """One subject as read from QUERIES.csv, validated and normalised."""

    id: str
    name: str
    birth_date: str | None = None
    nationality: str | None = None  # ISO 3166 alpha-2
    gender: str | None = None  # "M", "F"
    document_number: str | None = None
    entity_type: str | None = None


def country_alpha2(code: str) -> str | None:
    """ISO alpha-2 for an alpha-2 or alpha-3 code, or None when it is neither."""
    code = code.strip().upper()
    if len(code) == 2:
        found = pycountry.countries.get(alpha_2=code)
    elif len(code) == 3:
        found = pycountry.countries.get(alpha_3=code)
    else:
        return None
    return found.alpha_2 if found is not None else None


def _gender(value: str) -> str | None:
    letter = value.strip()[:1].upper()
    return letter if letter in {"M", "F"} else None


def read_subjects(path: Path) -> Iterator[SubjectRow]:
    """Subjects from a QUERIES.csv, raising SubjectFileError on the first bad line."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise SubjectFileError(f"{path}: cannot read the file ({error.strerror}).") from error
    with handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames
        except (UnicodeDecodeError, csv.Error) as error:
            raise SubjectFileError(f"{path}: not a UTF-8 CSV file ({error}).") from error
        if not header:
            raise SubjectFileError(f"{path}: the file is empty; it needs a header with id,name.")
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise SubjectFileError(
                f"{path}: missing column(s) {', '.join(missing)}; the header has "
                f"{', '.join(header)}. Required: id,name; optional: {', '.join(OPTIONAL_COLUMNS)}."
            )
        try:
            for row in reader:
                yield _subject(path, reader.line_num, row)
        except (UnicodeDecodeError, csv.Error) as error:
            raise SubjectFileError(f"{path}: line {reader.line_num}: {error}") from error


def _subject(path: Path, line: int, row: dict[str, str | None]) -> SubjectRow:
    def cell(column: str) -> str:
        return (row.get(column) or "").strip()

    where = f"{path}: line {line}"
    if not cell("id"):
        raise SubjectFileError(f"{where}: the id is empty.")
    birth_date = cell("birth_date") or None
    if birth_date and not _BIRTH_DATE.match(birth_date):
        raise SubjectFileError(f"{where}: birth_date {birth_date!r} is not YYYY-MM-DD or YYYY.")
    nationality = None
    if cell("nationality"):
        nationality = country_alpha2(cell("nationality"))
        if nationality is None:
            raise SubjectFileError(
                f"{where}: nationality {cell('nationality')!r} is not an ISO 3166 alpha-2 or "
                "alpha-3 code."
            )
    entity_type = cell("entity_type").lower() or None
    if entity_type and entity_type not in ENTITY_TYPES:
        raise SubjectFileError(
            f"{where}: entity_type {entity_type!r} is not one of {', '.join(ENTITY_TYPES)}."
        )
    return SubjectRow(
        id=cell("id"),
        name=cell("name"),
        birth_date=birth_date,
        nationality=nationality,
        gender=_gender(cell("gender")) if cell("gender") else None,
        document_number=cell("document_number") or None,
        entity_type=entity_type,
    )


def write_hits(path: Path, rows: Iterable[tuple[str, str, str, float, str, str, str]]) -> int:
    """Write HITS.csv (header first) and return how many hits it holds."""
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HIT_COLUMNS)
        for query_id, list_name, entry_id, score, matched, query_name, explanation in rows:
            writer.writerow(
                [query_id, list_name, entry_id, f"{score:.4f}", matched, query_name, explanation]
            )
            count += 1
    return count


def subject_from_row(row: SubjectRow) -> Subject:
    """The screening engine's subject for a validated row."""
    return Subject(
        id=row.id,
        name=row.name,
        birth_date=row.birth_date,
        nationality=row.nationality,
        gender=row.gender,
        document_number=row.document_number,
        entity_type=EntityType(row.entity_type) if row.entity_type else EntityType.UNKNOWN,
    )
