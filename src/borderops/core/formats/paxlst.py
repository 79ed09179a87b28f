"""UN/EDIFACT PAXLST (D02B, D05B and alike): passenger and crew manifests.

What is read, by segment group of the WCO/IATA/ICAO implementation guide:

- BGM: 745 passenger list (also 266 flight close-out, 655 gate pass), 250 or 336 crew list.
- Legs (TDT+20): flight as written, carrier (TDT element 5, else the first two characters
  of a flight such as ``TN506``), LOC+125/87 (last foreign port / arrival port) or LOC+92
  (routing: the first is the departure, the second the arrival), DTM+189/232.
- Travellers (NAD+FL or DDU passenger, NAD+FM or DDT crew): name, ATT+2 sex, DTM+329 birth
  date, LOC+22/174/178/179/180, NAT+2, RFF, and DOC groups (DOC, DTM+36 expiry, LOC+91
  issuer).
- CNT+41/42: the number of travellers, checked against those read (a control count).

A traveller's flight is the leg whose arrival port is their debarkation port (LOC+179), else
the last leg: a PAXLST lists legs in flying order, so the last one arrives in the reporting
country. Unknown segments are skipped; anything that would make a traveller or a leg wrong
(a date that is not a date, a traveller without a surname, an unknown sex code) is an
``EdifactError`` that names the segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from borderops.core.formats.dates import dtm_value, number
from borderops.core.formats.edifact import Interchange, Message, Segment, read_messages
from borderops.core.formats.types import (
    EdifactError,
    FlightLeg,
    ManifestTraveller,
    PassengerManifest,
    Role,
    TravelDocumentRecord,
)

MANIFEST_KINDS: dict[str, Role] = {
    "745": "passenger",
    "266": "passenger",
    "655": "passenger",
    "250": "crew",
    "336": "crew",
}
TRAVELLER_ROLES: dict[str, Role] = {
    "FL": "passenger",
    "DDU": "passenger",
    "FM": "crew",
    "DDT": "crew",
}
SEXES = {"M": "M", "F": "F", "X": "X", "U": None, "": None}
_FLIGHT = re.compile(r"^([A-Z0-9]{2})([0-9]{1,5}[A-Z]?)$")


def split_flight(flight: str, carrier: str | None) -> tuple[str | None, str | None]:
    """Carrier and number of a flight as written (``AA123`` → ``AA``, ``123``)."""
    if carrier and flight.startswith(carrier) and len(flight) > len(carrier):
        return carrier, flight[len(carrier) :]
    match = _FLIGHT.match(flight)
    if match:
        return carrier or match.group(1), match.group(2)
    return carrier, (flight or None) if carrier and not flight.startswith(carrier) else None


def _date(segment: Segment, *, past_of: int | None = None) -> str:
    value, fmt = segment.get(0, 1), segment.get(0, 2)
    try:
        return dtm_value(value, fmt, past_of=past_of)
    except ValueError as error:
        raise segment.error(f"DTM {segment.get(0)}: {error}") from None


@dataclass(slots=True)
class _Leg:
    flight: str = ""
    carrier: str | None = None
    departure_port: str | None = None
    arrival_port: str | None = None
    departure_time: str | None = None
    arrival_time: str | None = None

    def freeze(self) -> FlightLeg:
        carrier, number = split_flight(self.flight, self.carrier)
        return FlightLeg(
            carrier=carrier,
            number=number,
            flight=self.flight or None,
            departure_port=self.departure_port,
            arrival_port=self.arrival_port,
            departure_time=self.departure_time,
            arrival_time=self.arrival_time,
        )


@dataclass(slots=True)
class _Traveller:
    role: Role
    nad: Segment
    sex: str | None = None
    birth_date: str | None = None
    nationality: str | None = None
    residence: str | None = None
    birth_place: str | None = None
    embarkation: str | None = None
    debarkation: str | None = None
    documents: list[list[str | None]] = field(default_factory=list)
    references: list[tuple[str, str]] = field(default_factory=list)


def _flat_document(documents: tuple[TravelDocumentRecord, ...]) -> TravelDocumentRecord | None:
    for document in documents:
        if (document.type or "").startswith("P"):
            return document
    return next((d for d in documents if (d.type or "") != "V"), None)


def _freeze_traveller(traveller: _Traveller, legs: tuple[FlightLeg, ...]) -> ManifestTraveller:
    nad = traveller.nad
    surname = nad.get(3, 0).strip()
    if not surname:
        raise nad.error("the traveller has no surname (NAD element 4, component 1)")
    given = " ".join(part.strip() for part in nad.elements[3][1:] if part.strip())
    documents = tuple(
        TravelDocumentRecord(type=d[0], number=d[1], expiry=d[2], issuer=d[3])
        for d in traveller.documents
    )
    flat = _flat_document(documents)
    leg = next(
        (
            leg
            for leg in reversed(legs)
            if traveller.debarkation and leg.arrival_port == traveller.debarkation
        ),
        legs[-1] if legs else None,
    )
    return ManifestTraveller(
        role=traveller.role,
        surname=surname,
        given_names=given,
        birth_date=traveller.birth_date,
        sex=traveller.sex,
        nationality=traveller.nationality,
        document_type=flat.type if flat else None,
        document_number=flat.number if flat else None,
        document_expiry=flat.expiry if flat else None,
        document_issuer=flat.issuer if flat else None,
        residence_country=traveller.residence,
        birth_place=traveller.birth_place,
        embarkation_port=traveller.embarkation,
        debarkation_port=traveller.debarkation,
        documents=documents,
        references=tuple(traveller.references),
        segment_number=nad.number,
        flight=leg.flight if leg else None,
        departure_port=leg.departure_port if leg else None,
        arrival_port=leg.arrival_port if leg else None,
        departure_time=leg.departure_time if leg else None,
        arrival_time=leg.arrival_time if leg else None,
    )


def _text(value: str) -> str | None:
    value = value.strip()
    return value or None


def _traveller_segment(traveller: _Traveller, segment: Segment, birth_year: int) -> None:
    """Apply one segment of a traveller group (including its DOC groups)."""
    tag, qualifier = segment.tag, segment.get(0)
    in_document = bool(traveller.documents)
    if tag == "ATT" and qualifier == "2":
        code = segment.get(2).strip().upper()
        if code not in SEXES:
            raise segment.error(f"sex {code!r} is not M, F, X or U")
        traveller.sex = SEXES[code]
    elif tag == "DTM" and qualifier == "329":
        traveller.birth_date = _date(segment, past_of=birth_year)
    elif tag == "DTM" and qualifier == "36" and in_document:
        traveller.documents[-1][2] = _date(segment)
    elif tag == "LOC":
        place = _text(segment.get(1)) or _text(segment.get(1, 3))
        if qualifier == "91" and in_document:
            traveller.documents[-1][3] = place
        elif qualifier == "174":
            traveller.residence = place
        elif qualifier == "178":
            traveller.embarkation = place
        elif qualifier == "179":
            traveller.debarkation = place
        elif qualifier == "180":
            traveller.birth_place = place
    elif tag == "NAT":
        traveller.nationality = _text(segment.get(1))
    elif tag == "RFF" and not in_document:
        traveller.references.append((segment.get(0, 0), segment.get(0, 1)))
    elif tag == "DOC":
        number = _text(segment.get(1))
        if number is None:
            raise segment.error("the document has no number (DOC element 2)")
        traveller.documents.append([_text(segment.get(0)), number, None, None])


def _leg_segment(leg: _Leg, segment: Segment) -> None:
    tag, qualifier = segment.tag, segment.get(0)
    if tag == "LOC":
        port = _text(segment.get(1))
        if qualifier == "125" or (qualifier == "92" and leg.departure_port is None):
            leg.departure_port = port
        elif qualifier in {"87", "92"}:
            leg.arrival_port = port
    elif tag == "DTM" and qualifier == "189":
        leg.departure_time = _date(segment)
    elif tag == "DTM" and qualifier == "232":
        leg.arrival_time = _date(segment)


def read_manifest(
    interchange: Interchange, message: Message, *, strict: bool = True
) -> PassengerManifest:
    """One PAXLST message of an interchange as a manifest."""
    prepared = interchange.prepared_at
    birth_year = int(prepared[:4]) if prepared else date.today().year
    kind: Role | None = None
    legs: list[_Leg] = []
    travellers: list[_Traveller] = []
    count: Segment | None = None
    for segment in message.body:
        tag = segment.tag
        if tag == "BGM":
            code = segment.get(0).strip()
            if code not in MANIFEST_KINDS:
                raise segment.error(
                    f"document code {code!r} is neither a passenger list (745) nor a crew list "
                    "(250)"
                )
            kind = MANIFEST_KINDS[code]
        elif tag == "TDT":
            if travellers:
                raise segment.error("a flight leg (TDT) after the first traveller")
            legs.append(_Leg(flight=segment.get(1).strip(), carrier=_text(segment.get(4))))
        elif tag == "NAD" and segment.get(0) in TRAVELLER_ROLES:
            travellers.append(_Traveller(role=TRAVELLER_ROLES[segment.get(0)], nad=segment))
        elif tag == "NAD" and travellers:
            raise segment.error(
                f"NAD qualifier {segment.get(0)!r} is not a traveller (FL, DDU passenger; FM, "
                "DDT crew)"
            )
        elif tag == "CNT":
            count = segment
        elif travellers:
            _traveller_segment(travellers[-1], segment, birth_year)
        elif legs:
            _leg_segment(legs[-1], segment)
    if kind is None:
        raise message.header.error(f"message {message.reference!r} has no BGM segment")
    if count is not None and strict:
        stated = number(count.get(0, 1))
        if stated is not None and stated != len(travellers):
            raise count.error(
                f"CNT counts {stated} travellers; the message lists {len(travellers)} "
                "(strict=False / --lenient accepts this)"
            )
    frozen_legs = tuple(leg.freeze() for leg in legs)
    return PassengerManifest(
        message_reference=message.reference,
        interchange_reference=interchange.reference,
        sender=interchange.sender,
        recipient=interchange.recipient,
        prepared_at=prepared,
        syntax_version=f"{message.version}{message.release}",
        manifest_kind=kind,
        legs=frozen_legs,
        travellers=tuple(_freeze_traveller(t, frozen_legs) for t in travellers),
    )


def parse_paxlst(text: str, *, strict: bool = True) -> list[PassengerManifest]:
    """Every PAXLST message of the text as a manifest, in order.

    Raises ``EdifactError`` (with the segment number) for a malformed envelope or a message
    that cannot be read faithfully; ``strict=False`` accepts control counts and references
    that disagree (UNT, UNE, UNZ, CNT) and text after the last UNZ.
    """
    manifests = [
        read_manifest(interchange, message, strict=strict)
        for interchange, message in read_messages(text, "PAXLST", strict=strict)
    ]
    if not manifests:
        raise EdifactError("the interchange carries no PAXLST message")
    return manifests
