"""UN/EDIFACT CUSCAR (D:95B, D:99A, D:03B and alike): cargo reports as targeting entries.

**One entry per consignment**, that is per bill of lading or other transport document: each
CNI group of a message is one entry, and a message whose goods items (GID) are not grouped
under a CNI (older carriers' reports) is one entry. A consignment's goods items are summed
into it (packages, masses, values), their descriptions joined with ``"; "`` and the first
HS code taken: targeting selects consignments for examination, not goods lines.

What is read, segment by segment (header-level values apply to every consignment of the
message; the consignment's own segments take precedence):

==================  ===================================================================
entry column        segments
==================  ===================================================================
id                  the transport document number: CNI document number, else DOC, else
                    RFF+BM/BH/MB/AAM/AWB; else ``<BGM document number>/<CNI sequence>``
                    (the BGM number alone for a message without CNI)
mode                TDT mode of transport (C220): 1 sea, 2 rail, 3 land (road), 4 air,
                    8 sea (inland water); leading zeros ignored ("03" is road)
port                LOC+24 (port of entry), +60 (arrival), +135 (customs place of entry),
                    +22, +11, +12 (discharge), first found
arrival_date        DTM+178 (actual arrival), else DTM+132 (estimated arrival)
hs_code             PIA with code list HS (or qualifier 5), else CST customs code
description         FTX+AAA, the text's components joined by spaces
value, currency     MOA+38/39/40/44/66 (amount, currency), CUX for the currency
gross_kg, net_kg    MEA+WT (or AAE) with G/AAD (gross) or N/AAA/AAC/AAL (net);
                    MEA+AAI with no dimension is the gross mass (CBP ACE); units KGM/KG/K,
                    TNE, LBR/LB/L (pounds converted)
quantity            GID number of packages, else PAC
origin              LOC+27 (country of origin)
export_country      LOC+35 (exportation country), +30, +113 (country of despatch), else the
                    country of the port of loading (LOC+9) when it is a UN/LOCODE
route               LOC+5/10/9/13/92/125/11/12/24/60/135/8 places in message order, ';'
shipper             NAD+CZ (consignor), else OS, SH
consignee           NAD+CN
declarant           NAD+DT/AE/CB (declarant, agent, broker), else FW, CA (carrier)
conveyance          TDT transport identification (C222): the name, with the
                    identification in brackets when both are given
containers          EQD+CN numbers; goods placed by SGP in equipment the message does not
                    declare as something else (a trailer, EQD+BI) count as containers
==================  ===================================================================

A party is its name (NAD C080), else its name-and-address lines (C058), else its
identification (C082). A date that is not a date in a DTM that is read, or a number that is
not a number in a MOA, MEA, GID or PAC, is an ``EdifactError`` naming the segment; segments
and qualifiers not listed are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from borderops.core.formats.dates import dtm_value
from borderops.core.formats.edifact import Interchange, Message, Segment, read_messages
from borderops.core.formats.types import EdifactError

MODES = {"1": "sea", "2": "rail", "3": "land", "4": "air", "8": "sea"}
PORT_QUALIFIERS = ("24", "60", "135", "22", "11", "12")
EXPORT_QUALIFIERS = ("35", "30", "113")
# Route places in the order goods pass them: departure and loading, transhipment and
# calls, discharge and entry, destination; message order within each.
ROUTE_QUALIFIERS = ("5", "10", "9", "13", "92", "125", "11", "12", "24", "60", "135", "8")
SHIPPER_ROLES = ("CZ", "OS", "SH")
DECLARANT_ROLES = ("DT", "AE", "CB", "FW", "CA")
DOCUMENT_REFERENCES = ("BM", "BH", "MB", "AAM", "AWB")
VALUE_QUALIFIERS = frozenset({"38", "39", "40", "44", "66"})
GROSS = frozenset({"G", "AAD"})
NET = frozenset({"N", "AAA", "AAC", "AAL"})
KILOGRAMS_PER_UNIT = {
    "KGM": 1.0, "KG": 1.0, "K": 1.0, "TNE": 1000.0, "LBR": 0.45359237, "LB": 0.45359237,
    "L": 0.45359237,
}  # fmt: skip
_LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")


@dataclass(frozen=True, slots=True)
class CargoEntry:
    """One consignment of a cargo report, in the canonical entry columns."""

    id: str
    mode: str | None
    port: str | None
    arrival_date: date | None
    hs_code: str | None
    description: str | None
    value: float | None
    currency: str | None
    gross_kg: float | None
    net_kg: float | None
    quantity: int | None
    origin: str | None
    export_country: str | None
    route: str | None
    shipper: str | None
    consignee: str | None
    declarant: str | None
    conveyance: str | None
    containers: str | None


@dataclass(slots=True)
class _Scope:
    """What the header, or one consignment, says; a consignment falls back on its header."""

    document: str | None = None
    sequence: str = ""
    mode: str | None = None
    conveyance: str | None = None
    places: dict[str, str] = field(default_factory=dict)
    route: list[str] = field(default_factory=list)
    route_roles: dict[str, str] = field(default_factory=dict)
    dates: dict[str, date] = field(default_factory=dict)
    parties: dict[str, str] = field(default_factory=dict)
    containers: list[str] = field(default_factory=list)
    other_equipment: set[str] = field(default_factory=set)
    placed: list[str] = field(default_factory=list)
    currency: str | None = None
    value: float | None = None  # a consignment-level total, when given
    items: list[_Item] = field(default_factory=list)


@dataclass(slots=True)
class _Item:
    packages: int | None = None
    hs_code: str | None = None
    descriptions: list[str] = field(default_factory=list)
    value: float | None = None
    gross_kg: float | None = None
    net_kg: float | None = None


def parse_cuscar(text: str, *, strict: bool = True) -> list[CargoEntry]:
    """Every consignment of every CUSCAR message in the text, in message order."""
    entries: list[CargoEntry] = []
    for interchange, message in read_messages(text, "CUSCAR", strict=strict):
        entries.extend(_message_entries(interchange, message))
    return entries


def _message_entries(interchange: Interchange, message: Message) -> list[CargoEntry]:
    header = _Scope()
    consignments: list[_Scope] = []
    bgm_number = ""
    current = header
    item: _Item | None = None
    for segment in message.body:
        tag = segment.tag
        if tag == "BGM":
            bgm_number = segment.get(1)
        elif tag == "CNI":
            current, item = _Scope(sequence=segment.get(0), document=segment.get(1) or None), None
            consignments.append(current)
        elif tag == "GID":
            item = _Item(packages=_count(segment, segment.get(1)))
            current.items.append(item)
        elif item is not None and tag in _ITEM_READERS:
            _ITEM_READERS[tag](segment, item, current)
        else:
            _read_scope(segment, current)
    number = bgm_number or message.reference
    if not consignments:
        return [_entry(header, _Scope(), number, numbered=False)]
    numbered = len(consignments) > 1
    return [_entry(consignment, header, number, numbered=numbered) for consignment in consignments]


def _read_scope(segment: Segment, scope: _Scope) -> None:
    tag, qualifier = segment.tag, segment.get(0)
    if tag == "TDT":
        mode = segment.get(2).lstrip("0")
        scope.mode = MODES.get(mode, scope.mode)
        name, identification = segment.get(7, 3).strip(), segment.get(7, 0).strip()
        if name and identification:
            scope.conveyance = f"{name} ({identification})"
        elif name or identification:
            scope.conveyance = name or identification
    elif tag == "LOC":
        place = segment.get(1).strip()
        if place:
            scope.places.setdefault(qualifier, place)
            if qualifier in ROUTE_QUALIFIERS and place not in scope.route:
                scope.route.append(place)
                scope.route_roles[place] = qualifier
    elif tag == "DTM" and qualifier in ("132", "178"):
        scope.dates[qualifier] = _date(segment)
    elif tag == "NAD":
        name = _party(segment)
        if name:
            scope.parties.setdefault(qualifier, name)
    elif tag == "EQD":
        number = segment.get(1).strip()
        if number:
            if qualifier == "CN":
                scope.containers.append(number)
            else:
                scope.other_equipment.add(number)
    elif tag == "RFF" and qualifier in DOCUMENT_REFERENCES and scope.document is None:
        scope.document = segment.get(0, 1).strip() or None
    elif tag == "DOC" and scope.document is None:
        scope.document = segment.get(1).strip() or None
    elif tag == "MOA" and qualifier in VALUE_QUALIFIERS:
        scope.value = (scope.value or 0.0) + _amount(segment)
        scope.currency = segment.get(0, 2) or scope.currency
    elif tag == "CUX":
        scope.currency = segment.get(0, 1) or scope.currency


def _read_pia(segment: Segment, item: _Item, scope: _Scope) -> None:
    for element in range(1, len(segment.elements)):
        code, kind = segment.get(element, 0).strip(), segment.get(element, 1).strip()
        if code and item.hs_code is None and (kind == "HS" or segment.get(0) == "5"):
            item.hs_code = code


def _read_cst(segment: Segment, item: _Item, scope: _Scope) -> None:
    code = segment.get(1, 0).strip()
    if code and item.hs_code is None:
        item.hs_code = code


def _read_ftx(segment: Segment, item: _Item, scope: _Scope) -> None:
    if segment.get(0) == "AAA" and len(segment.elements) > 3:
        text = " ".join(part.strip() for part in segment.elements[3] if part.strip())
        if text:
            item.descriptions.append(text)


def _read_mea(segment: Segment, item: _Item, scope: _Scope) -> None:
    purpose, dimension = segment.get(0), segment.get(1)
    if purpose == "AAI" and not dimension:
        dimension = "G"  # CBP ACE: MEA+AAI++K:750 is the gross weight
    elif purpose not in ("WT", "AAE"):
        return
    if dimension not in GROSS and dimension not in NET:
        return
    unit, raw = segment.get(2, 0).strip().upper(), segment.get(2, 1)
    factor = KILOGRAMS_PER_UNIT.get(unit)
    if factor is None:
        raise segment.error(f"MEA unit {unit or '(none)'} is not a mass this reader knows")
    kilograms = _decimal(segment, raw) * factor
    if dimension in GROSS:
        item.gross_kg = (item.gross_kg or 0.0) + kilograms
    else:
        item.net_kg = (item.net_kg or 0.0) + kilograms


def _read_moa(segment: Segment, item: _Item, scope: _Scope) -> None:
    if segment.get(0) in VALUE_QUALIFIERS:
        item.value = (item.value or 0.0) + _amount(segment)
        scope.currency = segment.get(0, 2) or scope.currency


def _read_pac(segment: Segment, item: _Item, scope: _Scope) -> None:
    if item.packages is None:
        item.packages = _count(segment, segment.get(0))


def _read_sgp(segment: Segment, item: _Item, scope: _Scope) -> None:
    number = segment.get(0).strip()
    if number and number not in scope.placed:
        scope.placed.append(number)


_ITEM_READERS: dict[str, Callable[[Segment, _Item, _Scope], None]] = {
    "PIA": _read_pia,
    "CST": _read_cst,
    "FTX": _read_ftx,
    "MEA": _read_mea,
    "MOA": _read_moa,
    "PAC": _read_pac,
    "SGP": _read_sgp,
}


def _entry(own: _Scope, header: _Scope, message_number: str, *, numbered: bool) -> CargoEntry:
    places = {**header.places, **own.places}
    parties = {**header.parties, **own.parties}
    dates = {**header.dates, **own.dates}
    items = own.items
    declared_other = own.other_equipment | header.other_equipment
    containers = list(dict.fromkeys(own.containers or header.containers))
    containers += [n for n in own.placed if n not in declared_other and n not in containers]
    route = sorted(
        dict.fromkeys([*header.route, *own.route]),
        key=lambda place: _route_rank(place, own, header),
    )
    export = _first(places, EXPORT_QUALIFIERS)
    loading = places.get("9", "")
    if export is None and _LOCODE.match(loading):
        export = loading[:2]
    values = [i.value for i in items if i.value is not None]
    descriptions = [text for i in items for text in i.descriptions]
    document = own.document
    if document is None:
        numbered = numbered and bool(own.sequence)
        document = f"{message_number}/{own.sequence}" if numbered else message_number
    return CargoEntry(
        id=document,
        mode=own.mode or header.mode,
        port=_first(places, PORT_QUALIFIERS),
        arrival_date=dates.get("178") or dates.get("132"),
        hs_code=next((i.hs_code for i in items if i.hs_code), None),
        description="; ".join(descriptions) or None,
        value=own.value if own.value is not None else (sum(values) if values else None),
        currency=own.currency or header.currency,
        gross_kg=_total(i.gross_kg for i in items),
        net_kg=_total(i.net_kg for i in items),
        quantity=_total_count(i.packages for i in items),
        origin=places.get("27"),
        export_country=export,
        route=";".join(route) or None,
        shipper=_first(parties, SHIPPER_ROLES),
        consignee=parties.get("CN"),
        declarant=_first(parties, DECLARANT_ROLES),
        conveyance=own.conveyance or header.conveyance,
        containers=";".join(containers) or None,
    )


def _route_rank(place: str, own: _Scope, header: _Scope) -> int:
    qualifier = own.route_roles.get(place) or header.route_roles.get(place, "8")
    return ROUTE_QUALIFIERS.index(qualifier)


def _first(found: dict[str, str], qualifiers: tuple[str, ...]) -> str | None:
    return next((found[q] for q in qualifiers if q in found), None)


def _total(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _total_count(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _party(segment: Segment) -> str:
    for element in (3, 2):
        if element < len(segment.elements):
            text = " ".join(part.strip() for part in segment.elements[element] if part.strip())
            if text:
                return text
    return segment.get(1, 0).strip()


def _date(segment: Segment) -> date:
    try:
        text = dtm_value(segment.get(0, 1), segment.get(0, 2))
    except ValueError as error:
        raise segment.error(f"DTM {segment.get(0)}: {error}") from None
    return date.fromisoformat(text[:10])


def _decimal(segment: Segment, raw: str) -> float:
    try:
        # Either decimal mark is allowed (ISO 9735); the UNA's is usually '.'.
        return float(raw.strip().replace(",", "."))
    except ValueError:
        raise segment.error(f"{raw!r} is not a number") from None


def _amount(segment: Segment) -> float:
    return _decimal(segment, segment.get(0, 1))


def _count(segment: Segment, raw: str) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()):
        raise segment.error(f"{raw!r} is not a number of packages")
    return int(raw)


__all__ = ["CargoEntry", "EdifactError", "parse_cuscar"]
