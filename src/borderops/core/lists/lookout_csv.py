"""The agency's own lookout lists as CSV: the ``csv`` list format.

A UTF-8 file (a byte-order mark is allowed) with a header row naming these columns, in any
order; this is what ``borderops synth`` writes as ``lookouts.csv``.

===================  ========  =============================================================
column               required  meaning
===================  ========  =============================================================
``id``               yes       the lookout's own identifier, unique in the file: the entry id
``list``             yes       which lookout list it belongs to (``wanted_persons``, ...);
                               kept in ``extra["lookout_list"]``
``entity_type``      yes       ``person``, ``document`` (a lost or stolen document: listed as
                               the person it was issued to), ``company``/``organization``,
                               ``vehicle``, ``vessel`` or ``aircraft``; the value as written is
                               kept in ``extra["lookout_entity_type"]``
``name``             yes       the primary name, as written (``SURNAME, Given`` is fine)
``aliases``          yes       other names, separated by ``;``
``birth_date``       yes       ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
``nationality``      yes       ISO 3166 alpha-3 (alpha-2 is accepted too); several by ``;``
``document_number``  yes       travel or identity document numbers, by ``;``
``plate``            yes       licence plates, by ``;``
``vin``              yes       vehicle identification numbers, by ``;``
``imo``              yes       IMO ship numbers (seven digits with a valid check digit), by ``;``
``reason``           yes       why the lookout was entered
``owner``            no        who owns the lookout (an officer or unit)
``valid_from``       no        ``YYYY-MM-DD``: the first day the lookout is in force
``valid_to``         no        ``YYYY-MM-DD``: the last day the lookout is in force
``handling``         no        what an officer should do on a hit
``gender``           no        ``M``/``F`` (or ``male``/``female``); ``X``/``U`` for unknown
``document_country`` no        the issuing country of the documents, alpha-3 or alpha-2
``document_kind``    no        ``passport`` (the default), ``national_id`` or ``other``
===================  ========  =============================================================

Required columns may be left empty on a row, but each row needs a name or something to
screen by (a document number, plate, VIN or IMO number). Any other columns are kept in the
entry's ``extra`` under their own names. The list is named after the file (``lookouts``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from borderops.core.lists.countries import code_to_alpha2
from borderops.core.lists.csvrows import csv_records
from borderops.core.lists.dates import read_iso_date, read_iso_day
from borderops.core.lists.entries import gender_code, unique, unique_names
from borderops.core.lists.problems import ProblemLog, decode_utf8, read_bytes, refuse
from borderops.core.lists.types import (
    EntityType,
    IdentityDocument,
    ListedName,
    ListEntry,
    ListFormat,
    LoadedList,
    NameKind,
)

REQUIRED_COLUMNS = (
    "id",
    "list",
    "entity_type",
    "name",
    "aliases",
    "birth_date",
    "nationality",
    "document_number",
    "plate",
    "vin",
    "imo",
    "reason",
)
OPTIONAL_COLUMNS = (
    "owner",
    "valid_from",
    "valid_to",
    "handling",
    "gender",
    "document_country",
    "document_kind",
)
ENTITY_TYPES: dict[str, EntityType] = {
    "person": EntityType.PERSON,
    "individual": EntityType.PERSON,
    "document": EntityType.PERSON,
    "company": EntityType.ORGANIZATION,
    "organization": EntityType.ORGANIZATION,
    "organisation": EntityType.ORGANIZATION,
    "vehicle": EntityType.VEHICLE,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}
DOCUMENT_KINDS = ("passport", "national_id", "other")
UNKNOWN_GENDERS = ("", "x", "u", "unknown")
SEPARATOR = ";"


def split_values(text: str) -> list[str]:
    """The ``;``-separated values of a cell, trimmed, without blanks."""
    return [value for part in text.split(SEPARATOR) if (value := part.strip())]


def imo_is_valid(number: str) -> bool:
    """Seven digits whose last is the IMO check digit (the six before, weighted 7 to 2)."""
    if len(number) != 7 or not number.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(number[:6], range(7, 1, -1), strict=True)
    )
    return total % 10 == int(number[6])


class _Row:
    """One row being read; each thing wrong with it is noted against its line."""

    def __init__(self, cells: dict[str, str], location: str, log: ProblemLog) -> None:
        self.cells = cells
        self.location = location
        self.log = log
        self.ok = True

    def wrong(self, reason: str) -> None:
        self.log.add(self.location, reason)
        self.ok = False

    def countries(self, column: str) -> list[str]:
        codes = []
        for value in split_values(self.cells.get(column, "")):
            code = code_to_alpha2(value)
            if code is None:
                self.wrong(f"{column} {value!r} is not an ISO 3166 alpha-3 (or alpha-2) code.")
            else:
                codes.append(code)
        return codes

    def birth_date(self) -> tuple[str, ...]:
        text = self.cells["birth_date"].strip()
        if not text:
            return ()
        found = read_iso_date(text)
        if found is None:
            self.wrong(f"birth_date {text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD.")
        return (found,) if found else ()

    def day(self, column: str) -> str | None:
        text = self.cells.get(column, "").strip()
        if not text:
            return None
        found = read_iso_day(text)
        if found is None:
            self.wrong(f"{column} {text!r} is not a date; write YYYY-MM-DD.")
            return None
        return found.isoformat()

    def imo_numbers(self) -> list[str]:
        numbers = [value.removeprefix("IMO").strip() for value in split_values(self.cells["imo"])]
        for number in numbers:
            if not imo_is_valid(number):
                self.wrong(
                    f"imo {number!r} is not a seven-digit IMO number with a valid check digit."
                )
        return numbers

    def gender(self) -> str | None:
        text = self.cells.get("gender", "").strip()
        code = gender_code(text)
        if code is None and text.casefold() not in UNKNOWN_GENDERS:
            self.wrong(f"gender {text!r} is not M, F, X or U.")
        return code

    def documents(self) -> list[IdentityDocument]:
        kind = self.cells.get("document_kind", "").strip().casefold() or "passport"
        if kind not in DOCUMENT_KINDS:
            self.wrong(f"document_kind {kind!r} is not one of {', '.join(DOCUMENT_KINDS)}.")
        issuers = self.countries("document_country")
        if len(issuers) > 1:
            self.wrong("document_country holds more than one country.")
        country = issuers[0] if issuers else None
        return [
            IdentityDocument(number, kind, country)
            for number in split_values(self.cells["document_number"])
        ]


def _entry(row: _Row, list_name: str, extra_columns: list[str]) -> ListEntry | None:
    cells = row.cells
    raw_type = cells["entity_type"].strip()
    entity_type = ENTITY_TYPES.get(raw_type.casefold())
    if entity_type is None:
        row.wrong(f"Unknown entity_type {raw_type!r}; expected one of {', '.join(ENTITY_TYPES)}.")
    names = [ListedName(cells["name"].strip())] if cells["name"].strip() else []
    names += [ListedName(alias, NameKind.ALIAS) for alias in split_values(cells["aliases"])]
    documents = row.documents()
    plates, vins = split_values(cells["plate"]), split_values(cells["vin"])
    imo_numbers = row.imo_numbers()
    if not cells["name"].strip() and not (documents or plates or vins or imo_numbers):
        row.wrong("The row has no name and no document number, plate, VIN or IMO number.")
    birth_dates = row.birth_date()
    nationalities = row.countries("nationality")
    gender = row.gender()
    valid_from, valid_to = row.day("valid_from"), row.day("valid_to")
    if valid_from and valid_to and valid_from > valid_to:
        row.wrong(f"valid_from {valid_from} is after valid_to {valid_to}.")
    if not row.ok or entity_type is None:
        return None
    extra = {column: value for column in extra_columns if (value := cells.get(column, "").strip())}
    extra["lookout_list"] = cells["list"].strip()
    extra["lookout_entity_type"] = raw_type
    return ListEntry(
        list_name=list_name,
        entry_id=cells["id"].strip(),
        entity_type=entity_type,
        names=unique_names(names),
        birth_dates=birth_dates,
        nationalities=unique(nationalities),
        gender=gender,
        documents=unique(documents),
        plates=unique(plates),
        vins=unique(vins),
        imo_numbers=unique(imo_numbers),
        owner=cells.get("owner", "").strip(),
        reason=cells["reason"].strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        handling=cells.get("handling", "").strip(),
        extra=extra,
    )


def _header(records: Iterator[tuple[int, list[str]]], path: Path, log: ProblemLog) -> list[str]:
    expected = ", ".join(REQUIRED_COLUMNS)
    first = next(records, None)
    if first is None:
        log.raise_if_any()  # the first row is not CSV at all
        refuse(path, "line 1", f"The file is empty; expected a header row with {expected}.")
    line, cells = first
    header = [column.strip() for column in cells]
    doubled = sorted({column for column in header if header.count(column) > 1})
    if doubled:
        refuse(path, f"line {line}", f"Column(s) {', '.join(doubled)} appear more than once.")
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        reason = f"Missing column(s) {', '.join(missing)}; every lookout CSV has {expected}."
        refuse(path, f"line {line}", reason)
    return header


def load_lookout_csv(path: Path, *, list_name: str | None = None) -> LoadedList:
    """Read the agency's own lookout CSV."""
    log = ProblemLog(path)
    name = list_name or path.stem
    records = csv_records(decode_utf8(read_bytes(path), path), path, log)
    header = _header(records, path, log)
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    extra_columns = [column for column in header if column not in known]
    entries: list[ListEntry] = []
    seen: dict[str, int] = {}
    for line, cells in records:
        location = f"line {line}"
        if len(cells) != len(header):
            reason = f"Expected {len(header)} columns as in the header, found {len(cells)}."
            log.add(location, reason)
            continue
        row = _Row(dict(zip(header, cells, strict=True)), location, log)
        entry_id = row.cells["id"].strip()
        if not entry_id:
            row.wrong("The row has no id.")
        elif entry_id in seen:
            row.wrong(f"id {entry_id!r} is used on line {seen[entry_id]} too.")
        else:
            seen[entry_id] = line
        entry = _entry(row, name, extra_columns)
        if entry is not None and row.ok:
            entries.append(entry)
    log.require_entries(len(entries))
    log.raise_if_any()
    return LoadedList(name, ListFormat.CSV, str(path), tuple(entries))
