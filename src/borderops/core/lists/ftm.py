"""FollowTheMoney entities as JSON lines, the format OpenSanctions exports (``entities.ftm.json``).

Each line is one entity, read with ``followthemoney`` so its values are cleaned the way FtM
cleans them (dates checked, countries as codes). Entities of these schemata become entries,
with the entity ``id`` as the entry id:

* ``Person`` → person; ``Organization``, ``Company``, ``LegalEntity`` (and their kin such as
  ``PublicBody``) → organisation; ``Vessel`` → vessel; ``Airplane`` → aircraft; any other
  ``Vehicle`` → vehicle.

Names come from ``name`` (the first is primary, others aliases), ``alias``, ``weakAlias``
(weak) and ``previousName`` (former). ``birthDate``, ``birthPlace``, ``nationality`` and
``citizenship`` (and ``jurisdiction`` for organisations) are copied, country codes upper-cased;
codes that are not ISO alpha-2 (``suhh`` for the Soviet Union, ``zz``) go to
``extra["unresolved_countries"]``. ``passportNumber`` gives passports and ``idNumber`` national
ids; ``imoNumber`` IMO numbers; ``registrationNumber`` plates for vehicles (for vessels and
aircraft it is kept in ``extra["registration_numbers"]``). ``program`` gives programs and
``topics`` ``extra["topics"]``.

Other entities on the same file are joined to the entries they point at: ``Passport`` and
``Identification`` (via ``holder``) add documents, ``Sanction`` (via ``entity``) adds programs.
Entities of any other known schema (addresses, ownerships, ...) are skipped. A line that is
not a JSON object, names no known schema, has no id, or repeats an id is a problem, as is an
entry with neither a name nor a document, IMO number or plate. The list is named after the
file (``sanctions.ftm.json`` is ``sanctions``).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from borderops.core.lists.countries import code_to_alpha2
from borderops.core.lists.entries import gender_code, put_extra, unique, unique_names
from borderops.core.lists.problems import ProblemLog, decode_utf8, read_bytes
from borderops.core.lists.types import (
    EntityType,
    IdentityDocument,
    ListedName,
    ListEntry,
    ListFormat,
    LoadedList,
    NameKind,
)

if TYPE_CHECKING:
    # followthemoney takes over a second to import: only reading an FtM file pays for it.
    from followthemoney.model import Model
    from followthemoney.proxy import EntityProxy
    from followthemoney.schema import Schema

# The first schema an entity is a kind of decides its entity type (Person is a LegalEntity too).
SCHEMA_TYPES: tuple[tuple[str, EntityType], ...] = (
    ("Person", EntityType.PERSON),
    ("Vessel", EntityType.VESSEL),
    ("Airplane", EntityType.AIRCRAFT),
    ("Vehicle", EntityType.VEHICLE),
    ("Organization", EntityType.ORGANIZATION),
    ("LegalEntity", EntityType.ORGANIZATION),
)
NAME_PROPERTIES: tuple[tuple[str, NameKind, bool], ...] = (
    ("alias", NameKind.ALIAS, False),
    ("weakAlias", NameKind.ALIAS, True),
    ("previousName", NameKind.FORMER, False),
)


def entity_type_of(schema: Schema) -> EntityType | None:
    """The entity type an FtM schema is listed as, or None for schemata that are not listed."""
    for name, entity_type in SCHEMA_TYPES:
        if schema.is_a(name):
            return entity_type
    return None


def _values(proxy: EntityProxy, prop: str) -> list[str]:
    return proxy.get(prop, quiet=True)


def _names(proxy: EntityProxy) -> list[ListedName]:
    names = _values(proxy, "name")
    if not names:
        parts = (_values(proxy, part) for part in ("firstName", "middleName", "lastName"))
        whole = " ".join(values[0] for values in parts if values)
        names = [whole] if whole else []
    listed = [ListedName(names[0])] if names else []
    listed += [ListedName(name, NameKind.ALIAS) for name in names[1:]]
    for prop, kind, weak in NAME_PROPERTIES:
        listed += [ListedName(name, kind, weak=weak) for name in _values(proxy, prop)]
    return listed


def _countries(proxy: EntityProxy, entity_type: EntityType, unresolved: list[str]) -> list[str]:
    props = ["nationality", "citizenship"]
    if entity_type is EntityType.ORGANIZATION:
        props.append("jurisdiction")
    codes = []
    for value in (value for prop in props for value in _values(proxy, prop)):
        code = code_to_alpha2(value) if len(value) == 2 else None
        if code:
            codes.append(code)
        else:
            unresolved.append(value)
    return codes


def _entry(proxy: EntityProxy, entity_type: EntityType, list_name: str) -> ListEntry:
    unresolved: list[str] = []
    nationalities = _countries(proxy, entity_type, unresolved)
    documents = [
        IdentityDocument(number, "passport") for number in _values(proxy, "passportNumber")
    ]
    documents += [IdentityDocument(number, "national_id") for number in _values(proxy, "idNumber")]
    registrations = _values(proxy, "registrationNumber")
    genders = _values(proxy, "gender")
    extra: dict[str, str] = {}
    if entity_type is not EntityType.VEHICLE:
        put_extra(extra, "registration_numbers", registrations)
    put_extra(extra, "topics", _values(proxy, "topics"))
    put_extra(extra, "flag", (code.upper() for code in _values(proxy, "flag")))
    put_extra(extra, "mmsi", _values(proxy, "mmsi"))
    put_extra(extra, "unresolved_countries", unresolved)
    put_extra(extra, "schema", [proxy.schema.name])
    return ListEntry(
        list_name=list_name,
        entry_id=str(proxy.id),
        entity_type=entity_type,
        names=unique_names(_names(proxy)),
        birth_dates=unique(_values(proxy, "birthDate")),
        birth_places=unique(_values(proxy, "birthPlace")),
        nationalities=unique(nationalities),
        gender=gender_code(genders[0]) if genders else None,
        documents=unique(documents),
        programs=unique(_values(proxy, "program")),
        remarks=" ".join(_values(proxy, "notes")),
        plates=unique(registrations) if entity_type is EntityType.VEHICLE else (),
        imo_numbers=unique(imo.removeprefix("IMO").strip() for imo in _values(proxy, "imoNumber")),
        extra=extra,
    )


def _document_kind(proxy: EntityProxy) -> str:
    described = " ".join(_values(proxy, "type")).casefold()
    if proxy.schema.is_a("Passport") or "passport" in described:
        return "passport"
    return "national_id" if "national" in described or "identity" in described else "other"


class _Links:
    """Documents and programs that other entities on the file add to the listed ones."""

    def __init__(self) -> None:
        self.documents: dict[str, list[IdentityDocument]] = {}
        self.programs: dict[str, list[str]] = {}

    def read(self, proxy: EntityProxy) -> None:
        if proxy.schema.is_a("Identification"):
            countries = _values(proxy, "country")
            country = code_to_alpha2(countries[0]) if countries and len(countries[0]) == 2 else None
            for holder in _values(proxy, "holder"):
                for number in _values(proxy, "number"):
                    document = IdentityDocument(number, _document_kind(proxy), country)
                    self.documents.setdefault(holder, []).append(document)
        elif proxy.schema.is_a("Sanction"):
            programs = _values(proxy, "program") or _values(proxy, "programId")
            for entity in _values(proxy, "entity"):
                self.programs.setdefault(entity, []).extend(programs)

    def join(self, entry: ListEntry) -> ListEntry:
        documents = self.documents.get(entry.entry_id, ())
        programs = self.programs.get(entry.entry_id, ())
        if not documents and not programs:
            return entry
        return replace(
            entry,
            documents=unique((*entry.documents, *documents)),
            programs=unique((*entry.programs, *programs)),
        )


def _proxy(data: Any, model: Model, location: str, log: ProblemLog) -> EntityProxy | None:
    from followthemoney.exc import InvalidData

    if not isinstance(data, dict):
        log.add(location, "Not a JSON object; each line holds one entity.")
        return None
    schema_name = data.get("schema")
    if not isinstance(schema_name, str) or model.get(schema_name) is None:
        log.add(location, f"Unknown FtM schema {schema_name!r}.")
        return None
    if not isinstance(data.get("properties", {}), dict):
        log.add(location, "The properties are not a JSON object.")
        return None
    try:
        proxy = model.get_proxy(data, cleaned=False)
    except (InvalidData, TypeError, ValueError) as error:
        log.add(location, f"Not a valid FtM entity: {error}.")
        return None
    if not proxy.id:
        log.add(location, "The entity has no id.")
        return None
    return proxy


def load_ftm(path: Path, *, list_name: str | None = None) -> LoadedList:
    """Read FollowTheMoney entities from a JSON-lines file."""
    from followthemoney import model

    log = ProblemLog(path)
    name = list_name or path.name.split(".", 1)[0]
    text = decode_utf8(read_bytes(path), path)
    entries: list[ListEntry] = []
    seen: set[str] = set()
    links = _Links()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        location = f"line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            log.add(location, f"Not JSON: {error.msg} at column {error.colno}.")
            continue
        proxy = _proxy(data, model, location, log)
        if proxy is None:
            continue
        if proxy.id in seen:
            log.add(location, f"The id {proxy.id!r} is used by an earlier entity.")
            continue
        seen.add(str(proxy.id))
        entity_type = entity_type_of(proxy.schema)
        if entity_type is None:
            links.read(proxy)
            continue
        entry = _entry(proxy, entity_type, name)
        if not entry.names and not entry.documents and not entry.imo_numbers and not entry.plates:
            log.add(location, f"Entity {proxy.id!r} has no name and no identifier to screen by.")
            continue
        entries.append(entry)
    log.require_entries(len(entries))
    log.raise_if_any()
    joined = tuple(links.join(entry) for entry in entries)
    return LoadedList(name, ListFormat.FTM, str(path), joined)
