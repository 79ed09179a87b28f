"""Reading PAXLST and PNRGOV messages into announcements: who is coming on which flight.

Nothing here touches the database; :mod:`borderops.advance.services` stores what this reads.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from borderops.advance.choices import MessageKind, TravellerRole
from borderops.core.formats.edifact import read_tolerantly
from borderops.core.formats.types import EdifactError

MAX_MESSAGE_BYTES = 10 * 1024 * 1024


class MessageRejected(ValueError):
    """A message that cannot be received; the text says where and why, for the sender."""


@dataclass(frozen=True)
class Announcement:
    """One traveller as a message announces them, whatever the message kind."""

    role: str
    surname: str
    given_names: str
    birth_date: date | None
    sex: str
    nationality: str
    document_type: str
    document_number: str
    document_expiry: date | None
    document_issuer: str
    embarkation_port: str
    debarkation_port: str
    flight: str
    departure_port: str
    arrival_port: str
    departure_time: datetime | None
    arrival_time: datetime | None
    record_locator: str = ""
    booking: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedMessage:
    """What a message says, before anything is stored."""

    kind: MessageKind
    message_reference: str
    interchange_reference: str
    sender: str
    announcements: list[Announcement]
    warning: str = ""  # a control count or reference that disagreed; the message was read


# --------------------------------------------------------------------------------------------
# Reading messages
# --------------------------------------------------------------------------------------------

_MESSAGE_TYPE = re.compile(r"UNH.{1,40}?(PAXLST|PNRGOV)", re.DOTALL)


def message_kind(text: str) -> MessageKind:
    """Whether the text is a PAXLST or a PNRGOV message, from its UNH segment."""
    found = _MESSAGE_TYPE.search(text[:4096])
    if found is None:
        raise MessageRejected(
            "This is not a PAXLST or PNRGOV message: no UNH segment naming either was found."
        )
    return MessageKind.PAXLST if found.group(1) == "PAXLST" else MessageKind.PNRGOV


def parse_message(text: str) -> ParsedMessage:
    """Parse a PAXLST or PNRGOV message into announcements; raise MessageRejected if malformed."""
    kind = message_kind(text)
    try:
        if kind == MessageKind.PAXLST:
            return _from_paxlst(text)
        return _from_pnrgov(text)
    except EdifactError as error:
        raise MessageRejected(str(error)) from error


def _from_paxlst(text: str) -> ParsedMessage:
    from borderops.core.formats.paxlst import parse_paxlst

    manifests, warning = read_tolerantly(parse_paxlst, text)
    if not manifests:
        raise MessageRejected("The interchange holds no PAXLST message.")
    announcements = [
        _announcement(
            traveller,
            traveller,
            role=traveller.role,
            embarkation_port=traveller.embarkation_port,
            debarkation_port=traveller.debarkation_port,
        )
        for manifest in manifests
        for traveller in manifest.travellers
    ]
    first = manifests[0]
    return ParsedMessage(
        kind=MessageKind.PAXLST,
        message_reference=first.message_reference or "",
        interchange_reference=first.interchange_reference or "",
        sender=first.sender or "",
        announcements=announcements,
        warning=_warning_text(warning),
    )


def _from_pnrgov(text: str) -> ParsedMessage:
    from borderops.core.formats.pnrgov import parse_pnrgov_messages

    messages, warning = read_tolerantly(parse_pnrgov_messages, text)
    announcements = []
    for message in messages:
        reported = message.flight
        if reported is None:
            raise MessageRejected(
                f"PNRGOV message {message.message_reference}: no TVL segment names the "
                "flight it reports."
            )
        for booking in message.bookings:
            for passenger in booking.passengers:
                announcements.append(_pnr_announcement(reported, booking, passenger))
    first = messages[0]
    return ParsedMessage(
        kind=MessageKind.PNRGOV,
        message_reference=first.message_reference or "",
        interchange_reference=first.interchange_reference or "",
        sender=first.sender or "",
        announcements=announcements,
        warning=_warning_text(warning),
    )


def _pnr_announcement(reported: Any, booking: Any, passenger: Any) -> Announcement:
    # A PNRGOV push reports one flight: every passenger boards and leaves it there.
    return _announcement(
        passenger,
        reported,
        role=TravellerRole.PASSENGER,
        embarkation_port=reported.departure_port,
        debarkation_port=reported.arrival_port,
        record_locator=booking.record_locator or "",
        booking=booking_summary(booking, passenger),
    )


def _announcement(
    person: Any,
    leg: Any,
    *,
    role: str,
    embarkation_port: str | None,
    debarkation_port: str | None,
    record_locator: str = "",
    booking: dict[str, Any] | None = None,
) -> Announcement:
    """An announcement from any record with the person's and document's fields (a manifest
    traveller, a PNR passenger) and any with the flight's (the traveller's leg, a PNR's TVL)."""
    return Announcement(
        role=role,
        surname=person.surname,
        given_names=person.given_names or "",
        birth_date=_date(person.birth_date),
        sex=person.sex or "",
        nationality=person.nationality or "",
        document_type=person.document_type or "",
        document_number=person.document_number or "",
        document_expiry=_date(person.document_expiry),
        document_issuer=person.document_issuer or "",
        embarkation_port=embarkation_port or "",
        debarkation_port=debarkation_port or "",
        flight=leg.flight or "",
        departure_port=leg.departure_port or "",
        arrival_port=leg.arrival_port or "",
        departure_time=_datetime(leg.departure_time),
        arrival_time=_datetime(leg.arrival_time),
        record_locator=record_locator,
        booking=booking or {},
    )


def booking_summary(booking: Any, passenger: Any) -> dict[str, Any]:
    """What a targeting analyst reads of a reservation, for one of its passengers."""
    return {
        "record_locator": booking.record_locator,
        "created": booking.created,
        "itinerary": [
            {
                **segment.leg.to_json(),
                "booking_class": segment.booking_class,
                "status": segment.status,
            }
            for segment in booking.itinerary
        ],
        "seats": [dataclasses.asdict(seat) for seat in passenger.seats],
        "bags": [dataclasses.asdict(bag) for bag in (*passenger.bags, *booking.bags)],
        "contacts": [
            dataclasses.asdict(contact) for contact in (*passenger.contacts, *booking.contacts)
        ],
        "payments": [
            dataclasses.asdict(payment) for payment in (*passenger.payments, *booking.payments)
        ],
        "tickets": [
            dataclasses.asdict(ticket) for ticket in (*passenger.tickets, *booking.tickets)
        ],
        "travel_agency": dataclasses.asdict(booking.origin) if booking.origin else None,
        "passengers_in_booking": len(booking.passengers),
    }


def _warning_text(warning: EdifactError | None) -> str:
    if warning is None:
        return ""
    return str(warning).replace(" (strict=False / --lenient accepts this)", "")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    # Schedules in advance data are local times at the airport without a zone; they are kept
    # as written, labelled UTC, so that what the analyst sees is what the airline sent.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
