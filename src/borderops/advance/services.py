"""Receiving advance passenger data: parse, store the expected arrivals, screen, check documents.

Every way in (web upload, API, watched folder) calls :func:`receive_message`. A message is
parsed completely before anything is written, and written in one transaction, so a malformed
message leaves no trace but the error; the same message received twice changes nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from borderops.accounts.models import Organisation
from borderops.accounts.services import port_organisations
from borderops.advance.choices import MessageKind, ReceivedThrough, TravellerRole
from borderops.advance.models import AdvanceMessage, ExpectedFlight, ExpectedTraveller
from borderops.audit.choices import AuditAction
from borderops.audit.services import record
from borderops.core.formats.types import EdifactError
from borderops.reference.models import Airport, PortOfEntry

# An airport is served by the air port of entry nearest to it, within this distance.
PORT_RADIUS_KM = 60.0
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


@dataclass
class ReceiptOutcome:
    """What receiving a message did."""

    message: AdvanceMessage
    created: bool
    flights: list[ExpectedFlight]
    travellers: int
    referrals: int


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

    manifests = parse_paxlst(text)
    if not manifests:
        raise MessageRejected("The interchange holds no PAXLST message.")
    announcements = [
        Announcement(
            role=traveller.role,
            surname=traveller.surname,
            given_names=traveller.given_names,
            birth_date=_date(traveller.birth_date),
            sex=traveller.sex or "",
            nationality=traveller.nationality or "",
            document_type=traveller.document_type or "",
            document_number=traveller.document_number or "",
            document_expiry=_date(traveller.document_expiry),
            document_issuer=traveller.document_issuer or "",
            embarkation_port=traveller.embarkation_port or "",
            debarkation_port=traveller.debarkation_port or "",
            flight=traveller.flight or "",
            departure_port=traveller.departure_port or "",
            arrival_port=traveller.arrival_port or "",
            departure_time=_datetime(traveller.departure_time),
            arrival_time=_datetime(traveller.arrival_time),
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
    )


def _from_pnrgov(text: str) -> ParsedMessage:
    from borderops.core.formats.pnrgov import parse_pnrgov

    parsed = parse_pnrgov(text)
    messages = parsed if isinstance(parsed, list) else [parsed]
    if not messages:
        raise MessageRejected("The interchange holds no PNRGOV message.")
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
    )


def _pnr_announcement(reported: Any, booking: Any, passenger: Any) -> Announcement:
    return Announcement(
        role=TravellerRole.PASSENGER,
        surname=passenger.surname,
        given_names=passenger.given_names or "",
        birth_date=_date(passenger.birth_date),
        sex=passenger.sex or "",
        nationality=passenger.nationality or "",
        document_type=passenger.document_type or "",
        document_number=passenger.document_number or "",
        document_expiry=_date(passenger.document_expiry),
        document_issuer=passenger.document_issuer or "",
        embarkation_port=reported.departure_port or "",
        debarkation_port=reported.arrival_port or "",
        flight=reported.flight or "",
        departure_port=reported.departure_port or "",
        arrival_port=reported.arrival_port or "",
        departure_time=_datetime(reported.departure_time),
        arrival_time=_datetime(reported.arrival_time),
        record_locator=booking.record_locator or "",
        booking=booking_summary(booking, passenger),
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


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    # Schedules in advance data are local times at the airport without a zone; they are kept
    # as written, labelled UTC, so that what the analyst sees is what the airline sent.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --------------------------------------------------------------------------------------------
# Receiving
# --------------------------------------------------------------------------------------------


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


def port_serving(airport_code: str) -> PortOfEntry | None:
    """The air port of entry nearest to the airport with this IATA code, if one is close."""
    if len(airport_code) != 3:
        return None
    airport = Airport.objects.filter(iata=airport_code.upper()).first()
    if airport is None:
        return None
    best: tuple[float, PortOfEntry] | None = None
    for port in PortOfEntry.objects.filter(air=True, latitude__isnull=False):
        distance = _kilometres(airport.latitude, airport.longitude, port.latitude, port.longitude)
        if distance <= PORT_RADIUS_KM and (best is None or distance < best[0]):
            best = (distance, port)
    return best[1] if best else None


def _kilometres(lat1: float, lon1: float, lat2: Any, lon2: Any) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(float(lat2))
    dphi = phi2 - phi1
    dlambda = math.radians(float(lon2) - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def airports_of_ports() -> dict[str, str]:
    """The IATA code of the airport each air port of entry serves, by port code."""
    ports = list(PortOfEntry.objects.filter(air=True, latitude__isnull=False))
    airports = Airport.objects.exclude(iata="")
    served: dict[str, tuple[float, str]] = {}
    for port in ports:
        if port.latitude is None or port.longitude is None:
            continue
        # A box of about a degree around the port keeps this from scanning every airport.
        nearby = airports.filter(
            latitude__range=(port.latitude - 1, port.latitude + 1),
            longitude__range=(port.longitude - 1.5, port.longitude + 1.5),
        )
        for airport in nearby:
            distance = _kilometres(
                airport.latitude, airport.longitude, port.latitude, port.longitude
            )
            if distance <= PORT_RADIUS_KM and distance < served.get(port.code, (math.inf, ""))[0]:
                served[port.code] = (distance, airport.iata)
    return {code: iata for code, (_distance, iata) in served.items()}


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


# --------------------------------------------------------------------------------------------
# Screening and document checks
# --------------------------------------------------------------------------------------------


def assess_travellers(travellers: Sequence[ExpectedTraveller], *, user: Any = None) -> int:
    """Screen travellers against every list in force and check their announced documents.

    Results are set on each traveller (the caller saves them) with the list versions used,
    so that a later look shows what was known at the time. Hits go to the review queue of
    the user's unit when the user belongs to one. Returns how many are advised for referral.
    """
    from borderops.core.subjects import SubjectRow, subject_from_row
    from borderops.lookouts import services as lookouts

    if not travellers:
        return 0
    subjects = [
        subject_from_row(
            SubjectRow(
                id=str(position),
                name=f"{traveller.given_names} {traveller.surname}".strip(),
                birth_date=traveller.birth_date.isoformat() if traveller.birth_date else None,
                nationality=traveller.nationality or None,
                gender=traveller.sex if traveller.sex in {"M", "F"} else None,
                document_number=traveller.document_number or None,
                entity_type="person",
            )
        )
        for position, traveller in enumerate(travellers)
    ]
    outcome = lookouts.screen_subjects(
        subjects=subjects,
        user=user,
        for_review=getattr(user, "organisation", None) is not None,
    )
    hits_of: dict[str, list[Any]] = {}
    for hit in outcome.hits:
        hits_of.setdefault(hit.query_id, []).append(hit)
    lost_stolen = _lost_stolen_matches(travellers, outcome.hits, outcome.list_versions)
    referrals = 0
    now = timezone.now()
    for position, traveller in enumerate(travellers):
        hits = hits_of.get(str(position), [])
        result = _document_findings(traveller, lost_stolen.get(str(position), ()))
        traveller.hits = [
            {
                "list": hit.list_name,
                "list_version": outcome.list_versions.get(hit.list_name),
                "entry_id": hit.entry_id,
                "score": round(hit.score, 4),
                "matched_name": hit.matched_name,
                "algorithm": hit.algorithm,
                "explanation": hit.explanation,
            }
            for hit in hits
        ]
        traveller.list_versions = outcome.list_versions
        traveller.findings = [
            {
                "rule": finding.rule,
                "severity": str(finding.severity),
                "reason": finding.reason,
                "ruleset": result.ruleset,
            }
            for finding in result.findings
        ]
        traveller.referral_advised = bool(hits) or result.referral_advised
        traveller.screened_at = now
        referrals += traveller.referral_advised
    return referrals


def _document_findings(traveller: ExpectedTraveller, lost_stolen: Sequence[Any]) -> Any:
    from borderops.core.documents.checks import AdvanceRecord, checks_for_advance

    record = AdvanceRecord(
        surname=traveller.surname,
        given_names=traveller.given_names,
        birth_date=traveller.birth_date,
        sex=traveller.sex or None,
        nationality=traveller.nationality or None,
        document_type=traveller.document_type or None,
        document_number=traveller.document_number or None,
        document_expiry=traveller.document_expiry,
        document_issuer=traveller.document_issuer or None,
    )
    return checks_for_advance(
        record,
        on=traveller.flight.service_date,
        lost_stolen=tuple(lost_stolen),
        validity_beyond_stay_months=settings.BORDEROPS_VALIDITY_BEYOND_STAY_MONTHS,
    )


LOST_STOLEN_LISTS = frozenset({"lost_stolen_documents"})


def _lost_stolen_matches(
    travellers: Sequence[ExpectedTraveller], hits: Sequence[Any], versions: dict[str, int]
) -> dict[str, list[Any]]:
    """Hits on lost or stolen document lookouts whose listed number is the traveller's."""
    from borderops.core.documents.checks import LostStolenMatch
    from borderops.core.screening.normalise import normalise_identifier
    from borderops.lookouts.models import ListedEntry
    from borderops.lookouts.serialisation import entry_from_json

    numbers = {
        str(position): normalise_identifier(traveller.document_number)
        for position, traveller in enumerate(travellers)
        if traveller.document_number
    }
    candidates = [hit for hit in hits if hit.query_id in numbers]
    if not candidates:
        return {}
    stored = ListedEntry.objects.filter(
        version__watchlist__name__in={hit.list_name for hit in candidates},
        version__number__in=set(versions.values()),
        entry_id__in={hit.entry_id for hit in candidates},
    ).values_list("version__watchlist__name", "version__number", "entry_id", "data")
    entries = {
        (name, entry_id): entry_from_json(data)
        for name, number, entry_id, data in stored
        if versions.get(name) == number
    }
    matches: dict[str, list[Any]] = {}
    for hit in candidates:
        entry = entries.get((hit.list_name, hit.entry_id))
        if entry is None or not _is_lost_stolen(entry):
            continue
        wanted = numbers[hit.query_id]
        if not any(normalise_identifier(doc.number) == wanted for doc in entry.documents):
            continue
        matches.setdefault(hit.query_id, []).append(
            LostStolenMatch.from_entry(
                entry,
                document_number=wanted,
                list_version=f"{hit.list_name} v{versions[hit.list_name]}",
            )
        )
    return matches


def _is_lost_stolen(entry: Any) -> bool:
    extra = entry.extra or {}
    return (
        extra.get("lookout_list") in LOST_STOLEN_LISTS
        or extra.get("lookout_entity_type") == "document"
    )
