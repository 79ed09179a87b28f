"""OFAC lists in the ``sdnList`` XML schema (``sdn.xml``, ``consolidated.xml``).

Each ``sdnEntry`` becomes one entry with its ``uid`` as the entry id. Names are written as in
the CSV files, ``lastName, firstName``; ``akaList`` gives aliases, weak when their category
says so. ``idList`` gives passports, national ids and the like as documents, IMO numbers from
``Vessel Registration Identification``, gender when listed as an id; other identifiers (tax
ids, registration numbers, websites) are kept in ``extra["identifiers"]``. Countries of address
go to ``extra["address_countries"]``, never to nationality. A date of birth the parser cannot
read is kept in ``extra["unparsed_birth_dates"]``, and ``circa`` dates are listed again in
``extra["approximate_birth_dates"]``. The list name comes from the file name
(``sdn.xml`` is ``ofac-sdn``, ``consolidated.xml`` is ``ofac-consolidated``), else ``ofac-xml``;
``published`` from ``Publish_Date``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import Element

from borderops.core.lists.countries import country_code
from borderops.core.lists.dates import read_date
from borderops.core.lists.entries import gender_code, put_extra, unique, unique_names
from borderops.core.lists.ofac import OFAC_ENTITY_TYPES, list_name_for, name_kind
from borderops.core.lists.problems import ProblemLog
from borderops.core.lists.remarks import DOCUMENT_LABELS
from borderops.core.lists.types import (
    IdentityDocument,
    ListedName,
    ListEntry,
    ListFormat,
    LoadedList,
    NameKind,
)
from borderops.core.lists.xmlstream import XmlRecords, text_of, texts_of

ROOT = "sdnList"
ENTRY = "sdnEntry"
PUBLISH_INFO = "publshInformation"  # sic: OFAC's spelling
IMO_ID_TYPES = frozenset({"Vessel Registration Identification", "IMO"})


def _full_name(record: Element) -> str:
    last, first = text_of(record, "lastName"), text_of(record, "firstName")
    return f"{last}, {first}" if last and first else last or first


def _aliases(record: Element) -> list[ListedName]:
    names = []
    for aka in record.iterfind("akaList/aka"):
        kind = name_kind(text_of(aka, "type")) or NameKind.ALIAS
        weak = text_of(aka, "category").casefold() == "weak"
        names.append(ListedName(_full_name(aka), kind, weak=weak))
    return names


class _Identifiers:
    """What an entry's ``idList`` says, sorted into the contract's fields."""

    def __init__(self, record: Element) -> None:
        self.documents: list[IdentityDocument] = []
        self.imo_numbers: list[str] = []
        self.gender: str | None = None
        self.other: list[str] = []
        self.mmsi: list[str] = []
        for item in record.iterfind("idList/id"):
            self._read(text_of(item, "idType"), text_of(item, "idNumber"), item)

    def _read(self, id_type: str, number: str, item: Element) -> None:
        if id_type in DOCUMENT_LABELS and number:
            country = country_code(text_of(item, "idCountry"))
            self.documents.append(IdentityDocument(number, DOCUMENT_LABELS[id_type], country))
        elif id_type in IMO_ID_TYPES and number.removeprefix("IMO").strip().isdigit():
            self.imo_numbers.append(number.removeprefix("IMO").strip())
        elif id_type == "Gender":
            self.gender = gender_code(number)
        elif id_type == "MMSI":
            self.mmsi.append(number)
        elif id_type or number:
            self.other.append(f"{id_type} {number}".strip())


class _Dates:
    """The dates of birth in an entry's ``dateOfBirthList``, read as far as they can be."""

    def __init__(self, record: Element) -> None:
        self.births: list[str] = []
        self.approximate: list[str] = []
        self.unparsed: list[str] = []
        for text in texts_of(record, "dateOfBirthList/dateOfBirthItem/dateOfBirth"):
            reading = read_date(text)
            if reading is None:
                self.unparsed.append(text)
                continue
            self.births.extend(reading.dates)
            if reading.approximate:
                self.approximate.extend(reading.dates)


def _countries(record: Element, path: str, unresolved: list[str]) -> list[str]:
    codes = []
    for name in texts_of(record, path):
        code = country_code(name)
        if code:
            codes.append(code)
        else:
            unresolved.append(name)
    return codes


def _extra(
    record: Element, ids: _Identifiers, dates: _Dates, unresolved: list[str]
) -> dict[str, str]:
    extra: dict[str, str] = {}
    title = text_of(record, "title")
    if title:
        extra["title"] = title
    vessel = record.find("vesselInfo")
    if vessel is not None:
        for tag, key in (
            ("callSign", "call_sign"),
            ("vesselType", "vessel_type"),
            ("vesselFlag", "flag"),
            ("vesselOwner", "vessel_owner"),
            ("tonnage", "tonnage"),
            ("grossRegisteredTonnage", "gross_registered_tonnage"),
        ):
            value = text_of(vessel, tag)
            if value:
                extra[key] = (country_code(value) or value) if key == "flag" else value
    address_countries = (
        country_code(name) for name in texts_of(record, "addressList/address/country")
    )
    put_extra(extra, "address_countries", (code for code in address_countries if code))
    put_extra(extra, "identifiers", ids.other)
    put_extra(extra, "mmsi", ids.mmsi)
    put_extra(extra, "approximate_birth_dates", dates.approximate)
    put_extra(extra, "unparsed_birth_dates", dates.unparsed)
    put_extra(extra, "unresolved_countries", unresolved)
    return extra


def _entry(record: Element, list_name: str, uid: str, log: ProblemLog) -> ListEntry | None:
    location = f"element {ENTRY}[uid={uid}]"
    sdn_type = text_of(record, "sdnType")
    entity_type = OFAC_ENTITY_TYPES.get(sdn_type.casefold()) if sdn_type else None
    primary = _full_name(record)
    if entity_type is None:
        log.add(location, f"Unknown sdnType {sdn_type!r}." if sdn_type else "No sdnType.")
    if not primary:
        log.add(location, "The entry has no lastName.")
    if entity_type is None or not primary:
        return None
    dates = _Dates(record)
    unresolved: list[str] = []
    nationalities = _countries(record, "nationalityList/nationality/country", unresolved)
    nationalities += _countries(record, "citizenshipList/citizenship/country", unresolved)
    ids = _Identifiers(record)
    return ListEntry(
        list_name=list_name,
        entry_id=uid,
        entity_type=entity_type,
        names=unique_names([ListedName(primary), *_aliases(record)]),
        birth_dates=unique(dates.births),
        birth_places=unique(texts_of(record, "placeOfBirthList/placeOfBirthItem/placeOfBirth")),
        nationalities=unique(nationalities),
        gender=ids.gender,
        documents=unique(ids.documents),
        programs=unique(texts_of(record, "programList/program")),
        remarks=text_of(record, "remarks"),
        imo_numbers=unique(ids.imo_numbers),
        extra=_extra(record, ids, dates, unresolved),
    )


def _publish_date(text: str) -> str | None:
    try:
        return datetime.strptime(text, "%m/%d/%Y").date().isoformat()
    except ValueError:
        return text or None


def load_ofac_xml(path: Path, *, list_name: str | None = None) -> LoadedList:
    """Read an OFAC list in the ``sdnList`` XML schema."""
    log = ProblemLog(path)
    name = list_name or list_name_for(path.stem) or "ofac-xml"
    records = XmlRecords(path, records=frozenset({ENTRY, PUBLISH_INFO}), log=log)
    entries: list[ListEntry] = []
    seen: set[str] = set()
    published: str | None = None
    record_count: str = ""
    for number, record in enumerate(records, start=1):
        if record.tag == PUBLISH_INFO:
            published = _publish_date(text_of(record, "Publish_Date"))
            record_count = text_of(record, "Record_Count")
            continue
        uid = text_of(record, "uid")
        if not uid.isdigit():
            log.add(f"element {ENTRY} #{number}", f"The uid {uid!r} is not a number.")
        elif uid in seen:
            log.add(f"element {ENTRY}[uid={uid}]", "The uid is used by an earlier entry.")
        else:
            seen.add(uid)
            entry = _entry(record, name, uid, log)
            if entry is not None:
                entries.append(entry)
        records.last_record = f"element {ENTRY}[uid={uid}]"
    if records.root_tag and records.root_tag != ROOT:
        log.add(
            "document", f"The root element is {records.root_tag}, not {ROOT}; is this OFAC XML?"
        )
    elif record_count.isdigit() and int(record_count) != len(seen) and not log.problems:
        log.add(
            f"element {PUBLISH_INFO}",
            f"Record_Count says {record_count} entries but the file holds {len(seen)}.",
        )
    log.require_entries(len(entries))
    log.raise_if_any()
    return LoadedList(name, ListFormat.OFAC_XML, str(path), tuple(entries), published=published)
