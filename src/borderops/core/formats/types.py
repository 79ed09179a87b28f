"""The contracts of the advance-passenger-information readers: what a PAXLST or PNRGOV
message becomes, and the one error every reader raises.

Everything here is a frozen dataclass of plain values, so the database ingest, the CLI and a
batch job can use a parsed message without knowing EDIFACT. Dates are ISO 8601 strings
(``"1972-09-07"``, ``"2007-02-19T15:40"``) exactly as precise as the message was; codes
(ports, countries, document types) are kept as the sender wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["passenger", "crew"]


class EdifactError(ValueError):
    """A message that cannot be read safely, with where and why.

    ``segment_number`` counts segments from the start of the file with UNB as 1 (the UNA
    service string advice is not a segment and is not counted), so an analyst can find the
    place with any text editor that shows segments one per line.
    """

    def __init__(
        self, reason: str, *, segment_number: int | None = None, segment_tag: str | None = None
    ) -> None:
        self.reason = reason
        self.segment_number = segment_number
        self.segment_tag = segment_tag
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.segment_number is None and self.segment_tag is None:
            return self.reason
        if self.segment_number is None:
            return f"{self.segment_tag}: {self.reason}"
        where = f"segment {self.segment_number}"
        if self.segment_tag:
            where = f"{where} ({self.segment_tag})"
        return f"{where}: {self.reason}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments need help to survive pickling (multiprocessing, caches).
        return (_rebuild_error, (self.reason, self.segment_number, self.segment_tag))


def _rebuild_error(reason: str, number: int | None, tag: str | None) -> EdifactError:
    return EdifactError(reason, segment_number=number, segment_tag=tag)


@dataclass(frozen=True, slots=True)
class FlightLeg:
    """One flight between two ports, as a manifest or a reservation states it."""

    carrier: str | None
    number: str | None
    flight: str | None
    departure_port: str | None
    arrival_port: str | None
    departure_time: str | None
    arrival_time: str | None

    def to_json(self) -> dict[str, object]:
        """The leg as the CLI prints it inside an itinerary."""
        return {
            "flight": self.flight,
            "departure_port": self.departure_port,
            "arrival_port": self.arrival_port,
            "departure_time": self.departure_time,
            "arrival_time": self.arrival_time,
        }


# ---------------------------------------------------------------------------------------
# PAXLST: passenger and crew manifests
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TravelDocumentRecord:
    """One DOC group of a manifest: a passport, visa, identity card… as coded (DOC C002)."""

    type: str | None
    number: str | None
    expiry: str | None
    issuer: str | None


@dataclass(frozen=True, slots=True)
class ManifestTraveller:
    """A passenger or crew member of a manifest, with the leg that brings them in.

    The flat ``document_*`` fields repeat the first passport-like document (type starting
    with ``P``), else the first document that is not a visa; ``documents`` holds them all.
    ``flight`` and the port and time fields are those of the leg whose arrival port is the
    traveller's debarkation port (LOC+179), else of the manifest's last leg.
    """

    role: Role
    surname: str
    given_names: str
    birth_date: str | None
    sex: str | None
    nationality: str | None
    document_type: str | None
    document_number: str | None
    document_expiry: str | None
    document_issuer: str | None
    residence_country: str | None
    birth_place: str | None
    embarkation_port: str | None
    debarkation_port: str | None
    documents: tuple[TravelDocumentRecord, ...]
    references: tuple[tuple[str, str], ...]
    segment_number: int
    flight: str | None
    departure_port: str | None
    arrival_port: str | None
    departure_time: str | None
    arrival_time: str | None

    def to_json(self) -> dict[str, object]:
        """Exactly the keys of the ``borderops paxlst parse`` output."""
        return {
            "role": self.role,
            "surname": self.surname,
            "given_names": self.given_names,
            "birth_date": self.birth_date,
            "sex": self.sex,
            "nationality": self.nationality,
            "document_type": self.document_type,
            "document_number": self.document_number,
            "document_expiry": self.document_expiry,
            "document_issuer": self.document_issuer,
            "flight": self.flight,
            "departure_port": self.departure_port,
            "arrival_port": self.arrival_port,
            "departure_time": self.departure_time,
            "arrival_time": self.arrival_time,
        }


@dataclass(frozen=True, slots=True)
class PassengerManifest:
    """One PAXLST message (UNH … UNT): who is on board and on which legs."""

    message_reference: str
    interchange_reference: str
    sender: str
    recipient: str
    prepared_at: str | None
    syntax_version: str
    manifest_kind: Role
    legs: tuple[FlightLeg, ...]
    travellers: tuple[ManifestTraveller, ...]

    @property
    def flight(self) -> str | None:
        """The last leg's flight: PAXLST lists legs in flying order, so the last one is the
        arrival into the reporting country."""
        return self.legs[-1].flight if self.legs else None


# ---------------------------------------------------------------------------------------
# PNRGOV: reservations
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PnrDocument:
    """A document from SSR DOCS (travel document) or DOCO (other document, e.g. a visa)."""

    kind: Literal["DOCS", "DOCO"]
    type: str | None
    number: str | None
    issuer: str | None
    nationality: str | None
    birth_date: str | None
    sex: str | None
    expiry: str | None
    issue_date: str | None
    place_of_issue: str | None
    surname: str | None
    given_names: str | None


@dataclass(frozen=True, slots=True)
class ItinerarySegment:
    """One flight of a reservation (TVL), with what the reservation says about it."""

    leg: FlightLeg
    operating_carrier: str | None
    booking_class: str | None
    status: str | None
    party_size: int | None
    equipment: str | None
    segment_number: int


@dataclass(frozen=True, slots=True)
class SeatAssignment:
    """A seat held or checked in on one flight of the reservation."""

    flight: str | None
    seat: str


@dataclass(frozen=True, slots=True)
class BagRecord:
    """Checked bags (TBD) or excess baggage paid (EBD)."""

    flight: str | None
    count: int | None
    weight: float | None
    weight_unit: str | None
    tags: tuple[str, ...]
    destination: str | None


@dataclass(frozen=True, slots=True)
class Contact:
    """A way to reach someone named in the reservation: a phone, an email, an address."""

    kind: Literal["phone", "email", "address", "sponsor"]
    value: str
    qualifier: str | None


@dataclass(frozen=True, slots=True)
class Payment:
    """A form of payment (FOP) with the amounts (MON). Card numbers are never kept: only
    their last four digits."""

    form: str | None
    amount: str | None
    currency: str | None
    card_type: str | None
    card_last_digits: str | None


@dataclass(frozen=True, slots=True)
class Ticket:
    """An issued ticket (TKT), with its issue date (DAT+710) when given."""

    number: str
    issued: str | None


@dataclass(frozen=True, slots=True)
class BookingOrigin:
    """Who made the booking (ORG inside a PNR): system, office, travel agency."""

    system: str | None
    location: str | None
    agency_id: str | None
    originator_type: str | None
    country: str | None
    currency: str | None


@dataclass(frozen=True, slots=True)
class PnrPassenger:
    """A named traveller of a reservation (TIF), with what the PNR says about them."""

    reference: str | None
    surname: str
    given_names: str
    travel_type: str | None
    birth_date: str | None
    sex: str | None
    nationality: str | None
    document_type: str | None
    document_number: str | None
    document_expiry: str | None
    document_issuer: str | None
    documents: tuple[PnrDocument, ...]
    addresses: tuple[str, ...]
    frequent_flyer: tuple[tuple[str, str], ...]
    seats: tuple[SeatAssignment, ...]
    bags: tuple[BagRecord, ...]
    tickets: tuple[Ticket, ...]
    payments: tuple[Payment, ...]
    contacts: tuple[Contact, ...]
    segment_number: int


@dataclass(frozen=True, slots=True)
class Booking:
    """One reservation (SRC group) of a PNRGOV push."""

    record_locator: str
    carrier: str | None
    created: str | None
    last_modified: str | None
    other_locators: tuple[tuple[str, str], ...]
    origin: BookingOrigin | None
    passengers: tuple[PnrPassenger, ...]
    itinerary: tuple[ItinerarySegment, ...]
    bags: tuple[BagRecord, ...]
    contacts: tuple[Contact, ...]
    payments: tuple[Payment, ...]
    tickets: tuple[Ticket, ...]
    segment_number: int


@dataclass(frozen=True, slots=True)
class PnrMessage:
    """One PNRGOV message (UNH … UNT): the flight it reports and its reservations."""

    message_reference: str
    interchange_reference: str
    sender: str
    recipient: str
    prepared_at: str | None
    syntax_version: str
    flight: FlightLeg | None
    bookings: tuple[Booking, ...]
