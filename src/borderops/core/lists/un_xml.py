"""The UN Security Council Consolidated List XML (``consolidated.xml``).

Each ``INDIVIDUAL`` becomes a person and each ``ENTITY`` an organisation, with ``DATAID`` as
the entry id. A person's name is ``FIRST_NAME`` to ``FOURTH_NAME`` joined in order; the name in
original script is an extra alias; aliases of ``QUALITY`` Low are weak, and ``f.k.a.`` aliases
are former names. Dates of birth follow ``TYPE_OF_DATE``: ``EXACT`` (``DATE`` or ``YEAR``),
``APPROXIMATELY`` and ``BETWEEN`` (every year from ``FROM_YEAR`` to ``TO_YEAR``); one given only
as a note (``Nov. 1973``) is read when it can be, else kept in ``extra["unparsed_birth_dates"]``,
and a date of birth given with an alias is kept too. Nationalities the UN writes as notes
(``Possibly Ethiopian``) stay in ``extra["unresolved_countries"]``. The list is ``un-sc`` and
``published`` is the date of ``dateGenerated``.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from borderops.core.lists.countries import country_code
from borderops.core.lists.dates import read_date, read_iso_date, year_range
from borderops.core.lists.entries import gender_code, put_extra, unique, unique_names
from borderops.core.lists.problems import ProblemLog
from borderops.core.lists.types import (
    EntityType,
    IdentityDocument,
    ListedName,
    ListEntry,
    ListFormat,
    LoadedList,
    NameKind,
)
from borderops.core.lists.xmlstream import XmlRecords, text_of, texts_of

LIST_NAME = "un-sc"
ROOT = "CONSOLIDATED_LIST"
INDIVIDUAL = "INDIVIDUAL"
ENTITY = "ENTITY"
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
PASSPORT_WORDS = ("passport", "pasaporte", "passeport")
NATIONAL_ID_WORDS = ("national", "identity", "identification", "tazkira", "nacional")


class _Facts:
    """The values of one record that need reading rather than copying."""

    def __init__(self) -> None:
        self.birth_dates: list[str] = []
        self.approximate: list[str] = []
        self.unparsed: list[str] = []
        self.unresolved: list[str] = []

    def countries(self, names: list[str]) -> list[str]:
        codes = []
        for name in names:
            code = country_code(name)
            if code:
                codes.append(code)
            else:
                self.unresolved.append(name)
        return codes

    def read_birth_date(self, item: Element) -> None:
        kind = text_of(item, "TYPE_OF_DATE").upper()
        note = text_of(item, "NOTE")
        approximate = kind == "APPROXIMATELY" or "approx" in note.casefold()
        exact, year = text_of(item, "DATE")[:10], text_of(item, "YEAR")
        first, last = text_of(item, "FROM_YEAR"), text_of(item, "TO_YEAR")
        dates: tuple[str, ...] = ()
        if exact or year:
            found = read_iso_date(exact or year)
            dates = (found,) if found else ()
        elif first.isdigit() and last.isdigit():
            reading = year_range(int(first), int(last))
            dates = reading.dates if reading else ()
        elif note:
            reading = read_date(note)
            dates = reading.dates if reading else ()
        given = exact or year or (f"{first} to {last}" if first or last else note)
        if not dates and given:
            self.unparsed.append(given)
        self.birth_dates.extend(dates)
        if approximate:
            self.approximate.extend(dates)


def _names(record: Element, prefix: str) -> list[ListedName]:
    primary = " ".join(part for tag in NAME_PARTS if (part := text_of(record, tag)))
    names = [ListedName(primary)]
    original = text_of(record, "NAME_ORIGINAL_SCRIPT")
    if original:
        names.append(ListedName(original, NameKind.ALIAS))
    for alias in record.iterfind(f"{prefix}_ALIAS"):
        quality = text_of(alias, "QUALITY").casefold()
        kind = NameKind.FORMER if quality == "f.k.a." else NameKind.ALIAS
        names.append(ListedName(text_of(alias, "ALIAS_NAME"), kind, weak=quality == "low"))
    return names


def _document_kind(description: str) -> str:
    value = description.casefold()
    if any(word in value for word in PASSPORT_WORDS):
        return "passport"
    if any(word in value for word in NATIONAL_ID_WORDS):
        return "national_id"
    return "other"


def _documents(record: Element, facts: _Facts) -> list[IdentityDocument]:
    documents = []
    for item in record.iterfind("INDIVIDUAL_DOCUMENT"):
        number = text_of(item, "NUMBER")
        if not number:
            continue
        kind = _document_kind(
            f"{text_of(item, 'TYPE_OF_DOCUMENT')} {text_of(item, 'TYPE_OF_DOCUMENT2')}"
        )
        issuer = text_of(item, "ISSUING_COUNTRY") or text_of(item, "COUNTRY_OF_ISSUE")
        codes = facts.countries([issuer]) if issuer else []
        documents.append(IdentityDocument(number, kind, codes[0] if codes else None))
    return documents


def _birth_places(record: Element) -> list[str]:
    places = []
    for item in record.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
        parts = [text_of(item, tag) for tag in ("CITY", "STATE_PROVINCE", "COUNTRY")]
        place = ", ".join(part for part in parts if part)
        if place:
            places.append(place)
    return places


def _entry(record: Element, data_id: str, list_name: str, log: ProblemLog) -> ListEntry | None:
    prefix = record.tag
    names = _names(record, prefix)
    if not names[0].text:
        log.add(f"element {prefix}[DATAID={data_id}]", "The record has no name (FIRST_NAME).")
        return None
    facts = _Facts()
    for item in record.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        facts.read_birth_date(item)
    for alias_birth in texts_of(record, "INDIVIDUAL_ALIAS/DATE_OF_BIRTH"):
        found = read_iso_date(alias_birth[:10])
        (facts.birth_dates if found else facts.unparsed).append(found or alias_birth)
    nationalities = facts.countries(texts_of(record, "NATIONALITY/VALUE"))
    documents = _documents(record, facts)
    addresses = (country_code(name) for name in texts_of(record, f"{prefix}_ADDRESS/COUNTRY"))
    extra: dict[str, str] = {}
    put_extra(extra, "reference_number", [text_of(record, "REFERENCE_NUMBER")])
    put_extra(extra, "listed_on", [text_of(record, "LISTED_ON")])
    put_extra(extra, "title", texts_of(record, "TITLE/VALUE"))
    put_extra(extra, "designation", texts_of(record, "DESIGNATION/VALUE"))
    put_extra(extra, "address_countries", (code for code in addresses if code))
    put_extra(extra, "approximate_birth_dates", facts.approximate)
    put_extra(extra, "unparsed_birth_dates", facts.unparsed)
    put_extra(extra, "unresolved_countries", facts.unresolved)
    return ListEntry(
        list_name=list_name,
        entry_id=data_id,
        entity_type=EntityType.PERSON if prefix == INDIVIDUAL else EntityType.ORGANIZATION,
        names=unique_names(names),
        birth_dates=unique(facts.birth_dates),
        birth_places=unique(_birth_places(record)),
        nationalities=unique(nationalities),
        gender=gender_code(text_of(record, "GENDER")),
        documents=unique(documents),
        programs=unique(texts_of(record, "UN_LIST_TYPE")),
        remarks=text_of(record, "COMMENTS1"),
        extra=extra,
    )


def load_un_xml(path: Path, *, list_name: str | None = None) -> LoadedList:
    """Read the UN Security Council Consolidated List XML."""
    log = ProblemLog(path)
    name = list_name or LIST_NAME
    records = XmlRecords(path, records=frozenset({INDIVIDUAL, ENTITY}), log=log)
    entries: list[ListEntry] = []
    seen: set[str] = set()
    counts = {INDIVIDUAL: 0, ENTITY: 0}
    for record in records:
        counts[record.tag] += 1
        data_id = text_of(record, "DATAID")
        if not data_id:
            log.add(f"element {record.tag} #{counts[record.tag]}", "The record has no DATAID.")
            continue
        if data_id in seen:
            log.add(f"element {record.tag}[DATAID={data_id}]", "The DATAID is used twice.")
            continue
        seen.add(data_id)
        entry = _entry(record, data_id, name, log)
        if entry is not None:
            entries.append(entry)
        records.last_record = f"element {record.tag}[DATAID={data_id}]"
    if records.root_tag and records.root_tag != ROOT:
        log.add("document", f"The root element is {records.root_tag}, not {ROOT}; is this UN XML?")
    log.require_entries(len(entries))
    log.raise_if_any()
    generated = records.root_attrib.get("dateGenerated", "")
    published = read_iso_date(generated[:10]) or generated or None
    return LoadedList(name, ListFormat.UN_XML, str(path), tuple(entries), published=published)
