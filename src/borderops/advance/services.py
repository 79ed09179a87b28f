"""Receiving advance passenger data: store the expected arrivals, screened and checked.

Every way in (web upload, API, watched folder) calls :func:`receive_message`. A message is
parsed completely before anything is written, and written in one transaction, so a malformed
message leaves no trace but the error; the same message received twice changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from borderops.accounts.models import Organisation
from borderops.accounts.services import port_organisations
from borderops.advance.assessment import assess_travellers, check_presented_document
from borderops.advance.choices import ReceivedThrough
from borderops.advance.messages import (
    MAX_MESSAGE_BYTES,
    Announcement,
    MessageRejected,
    parse_message,
)
from borderops.advance.models import AdvanceMessage, ExpectedFlight, ExpectedTraveller
from borderops.advance.ports import airports_of_ports, port_serving
from borderops.audit.choices import AuditAction
from borderops.audit.services import record

__all__ = [
    "MAX_MESSAGE_BYTES",
    "MessageRejected",
    "ReceiptOutcome",
    "check_presented_document",
    "receive_message",
]


@dataclass
class ReceiptOutcome:
    """What receiving a message did."""

    message: AdvanceMessage
    created: bool
    flights: list[ExpectedFlight]
    travellers: int
    referrals: int


def receive_message(
    *,
    text: str,
    through: ReceivedThrough,
    user: Any = None,
    filename: str = "",
) -> ReceiptOutcome:
    """Store the flights and travellers a message announces, screened and checked.

    Raises MessageRejected, with the segment and reason, when the message is malformed; then
    nothing is stored.
    """
    if len(text.encode("utf-8", errors="replace")) > MAX_MESSAGE_BYTES:
        raise MessageRejected(
            f"The message is larger than {MAX_MESSAGE_BYTES // (1024 * 1024)} MB; "
            "split it into several interchanges."
        )
    digest = hashlib.sha256(text.encode("utf-8", errors="replace")).hexdigest()
    known = AdvanceMessage.objects.filter(sha256=digest).first()
    if known is not None:
        return ReceiptOutcome(
            message=known,
            created=False,
            flights=list(ExpectedFlight.objects.filter(travellers__messages=known).distinct()),
            travellers=known.traveller_count,
            referrals=0,
        )
    parsed = parse_message(text)
    if not parsed.announcements:
        raise MessageRejected("The message announces no travellers.")
    fallback = _unit_of(user)
    with transaction.atomic():
        message = AdvanceMessage.objects.create(
            kind=parsed.kind,
            sha256=digest,
            message_reference=parsed.message_reference[:35],
            interchange_reference=parsed.interchange_reference[:35],
            sender=parsed.sender[:35],
            filename=filename[:255],
            received_through=through,
            received_by=user if getattr(user, "pk", None) else None,
            traveller_count=len(parsed.announcements),
            warning=parsed.warning[:300],
        )
        travellers, flights = _gather_travellers(parsed.announcements, fallback)
        referrals = assess_travellers(travellers, user=user)
        _save_travellers(travellers, message)
    record(
        action=AuditAction.IMPORT,
        object_type="advance.advancemessage",
        object_id=message.pk,
        object_repr=str(message),
        details={
            "kind": parsed.kind,
            "travellers": len(parsed.announcements),
            "flights": len(flights),
            "referrals": referrals,
            "through": through,
        },
    )
    return ReceiptOutcome(
        message=message,
        created=True,
        flights=flights,
        travellers=len(travellers),
        referrals=referrals,
    )


def _unit_of(user: Any) -> Organisation | None:
    unit: Organisation | None = getattr(user, "organisation", None)
    if unit is not None:
        return unit
    return Organisation.objects.filter(parent__isnull=True).order_by("pk").first()


def identity_key(announcement: Announcement) -> str:
    """Who a traveller is on a flight: role and names, normalised, and the birth date."""
    names = " ".join(
        sorted(f"{announcement.surname} {announcement.given_names}".casefold().split())
    )
    born = announcement.birth_date.isoformat() if announcement.birth_date else ""
    return f"{announcement.role}|{names}|{born}"[:300]


def _gather_travellers(
    announcements: Sequence[Announcement], fallback: Organisation | None
) -> tuple[list[ExpectedTraveller], list[ExpectedFlight]]:
    """The travellers announced, merged into those the flights already have; none saved."""
    flights: dict[tuple[str, str, str, date], ExpectedFlight] = {}
    known: dict[int, dict[str, ExpectedTraveller]] = {}
    gathered: dict[tuple[int, str], ExpectedTraveller] = {}
    for announcement in announcements:
        flight = _flight_for(announcement, flights, fallback)
        if flight.pk not in known:
            known[flight.pk] = {t.identity_key: t for t in flight.travellers.all()}
        on_board = known[flight.pk]
        key = identity_key(announcement)
        traveller = gathered.get((flight.pk, key)) or _same_person(on_board, announcement)
        if traveller is None:
            traveller = ExpectedTraveller(
                flight=flight,
                organisation=flight.organisation,
                identity_key=key,
                role=announcement.role,
                surname=announcement.surname[:100],
                given_names=announcement.given_names[:150],
                birth_date=announcement.birth_date,
            )
            on_board[key] = traveller
        _merge(traveller, announcement)
        gathered[(flight.pk, key)] = traveller
    unique = {id(traveller): traveller for traveller in gathered.values()}
    return list(unique.values()), list(flights.values())


def _same_person(
    on_board: dict[str, ExpectedTraveller], announcement: Announcement
) -> ExpectedTraveller | None:
    """The same person already on the flight; a booking may lack the birth date."""
    key = identity_key(announcement)
    if key in on_board or announcement.birth_date is not None:
        return on_board.get(key)
    names = key.rsplit("|", 1)[0]
    alike = [t for k, t in on_board.items() if k.rsplit("|", 1)[0] == names]
    return alike[0] if len(alike) == 1 else None


def _save_travellers(travellers: Sequence[ExpectedTraveller], message: AdvanceMessage) -> None:
    """Insert the new travellers in bulk, update the known ones, and link all to the message.

    The import itself is audited as one entry; a row per traveller would double the cost of
    receiving a manifest for no reader.
    """
    known = [traveller for traveller in travellers if traveller.pk is not None]
    new = [traveller for traveller in travellers if traveller.pk is None]
    ExpectedTraveller.objects.bulk_create(new, batch_size=500)
    for traveller in known:
        traveller.save()
    link = ExpectedTraveller.messages.through
    link.objects.bulk_create(
        [link(expectedtraveller_id=t.pk, advancemessage_id=message.pk) for t in travellers],
        batch_size=500,
        ignore_conflicts=True,
    )


_MERGED_FIELDS = (
    "sex",
    "nationality",
    "document_type",
    "document_number",
    "document_expiry",
    "document_issuer",
    "embarkation_port",
    "debarkation_port",
    "record_locator",
)


def _merge(traveller: ExpectedTraveller, announcement: Announcement) -> None:
    """Fill what the traveller record lacks; a later message's values win where it has them."""
    limits = {
        "sex": 1,
        "nationality": 3,
        "document_type": 3,
        "document_number": 35,
        "document_issuer": 3,
        "embarkation_port": 5,
        "debarkation_port": 5,
        "record_locator": 20,
    }
    for name in _MERGED_FIELDS:
        value = getattr(announcement, name)
        if value:
            if isinstance(value, str):
                value = value[: limits[name]]
            setattr(traveller, name, value)
    if announcement.birth_date and traveller.birth_date is None:
        traveller.birth_date = announcement.birth_date
    if announcement.booking:
        traveller.booking = announcement.booking


def _flight_for(
    announcement: Announcement,
    flights: dict[tuple[str, str, str, date], ExpectedFlight],
    fallback: Organisation | None,
) -> ExpectedFlight:
    when = announcement.arrival_time or announcement.departure_time
    if not announcement.flight or when is None:
        raise MessageRejected(
            f"No flight number or schedule is given for {announcement.surname}: "
            "the message needs a TDT segment with arrival or departure times."
        )
    key = (
        announcement.flight[:12],
        announcement.departure_port[:5],
        announcement.arrival_port[:5],
        when.date(),
    )
    if key in flights:
        return flights[key]
    port = port_serving(announcement.arrival_port)
    unit = port_organisations().get(port.code) if port else None
    unit = unit or fallback
    if unit is None:
        raise MessageRejected("No unit exists to receive this flight: set up the agency first.")
    flight, _created = ExpectedFlight.objects.get_or_create(
        flight=key[0],
        departure_port=key[1],
        arrival_port=key[2],
        service_date=key[3],
        defaults={
            "carrier": _carrier(announcement.flight),
            "departure_time": announcement.departure_time,
            "arrival_time": announcement.arrival_time,
            "port": port,
            "organisation": unit,
        },
    )
    flights[key] = flight
    return flight


def _carrier(flight: str) -> str:
    found = re.match(r"([A-Z0-9]{2}[A-Z]?)(?=\d)", flight)
    return found.group(1)[:3] if found else ""


def receive_synthetic_manifests(dataset: Any, *, progress: Any = None) -> int:
    """Receive a PAXLST for every flight of a synthetic dataset; returns the travellers stored.

    Used by the demo so that the flight view shows the same people as the crossings.
    """
    from borderops.core.synth.advance_data import flight_manifests

    manifests = flight_manifests(dataset, arrival_airports=airports_of_ports())
    received = 0
    for done, manifest in enumerate(manifests, start=1):
        outcome = receive_message(
            text=manifest.text, through=ReceivedThrough.FOLDER, filename=manifest.name
        )
        received += outcome.travellers if outcome.created else 0
        if progress is not None:
            progress("Advance passenger data", done, len(manifests))
    return received
