"""IATA PNRGOV (versions 10 to 13 seen so far): reservations pushed to a border agency.

A message reports one flight (TVL before the first SRC) and its reservations, each an SRC
group. What is read, to the level a targeting analyst uses:

- Booking: RCI record locator, carrier and creation time, other carriers' locators
  (codeshare), DAT+700 last modification, ORG booking origin (system, office, agency
  number, type, country, currency), ADD address and IFT+4:28 contacts (``CTCE`` email,
  ``CTCM``/``CTCH``/``CTCB``/``CTCT`` phones, decoded), IFT+4:43 sponsor, EBD excess bags.
- Passengers (TIF): name (a space-separated title dropped), type (``adult``, ``child``,
  ``infant``, else the code), FTI frequent flyer, SSR DOCS/DOCO/DOCA, TKT tickets with
  DAT+710 issue date, MON amounts and FOP forms of payment (a card keeps only its last four
  digits), own contacts. An SSR DOCS goes to the passenger its traveller reference or its
  name points at; a DOCS for an infant (sex MI/FI) who has no TIF adds that infant.
- Itinerary (TVL after the passengers): flight, ports, times, marketing and operating
  carrier, booking class, RPI status and party size, APD equipment; seats from SSR SEAT
  (and NSST, RQST…) by traveller reference, and from check-in (TRI/TIF/SSD); checked bags
  from TBD (count, weight, unit, tag numbers, destination).
- History (ABI, SAC, LTS, and anything after them in the booking) is skipped: it records
  what the booking was, not what it is.

An arrival date left out of a TVL is the departure date; a four-digit value in its place
(``280918:1220:1505``, seen in real feeds) is read as the arrival time. Dates that are not
dates, bookings without a locator, passengers without a surname and documents that fit no
passenger are ``EdifactError``s naming the segment.

CLI (``borderops pnr parse FILE``): one JSON object per passenger per booking with
record_locator, carrier, surname, given_names, travel_type, birth_date, sex, nationality,
document_type/number/expiry/issuer, documents, itinerary (list of legs with flight, ports,
times), bags, contacts (booking's and passenger's), payment (masked), tickets, seats,
frequent_flyer, and the flight the message reports.
"""

from __future__ import annotations

from datetime import date

from borderops.core.formats.dates import number
from borderops.core.formats.edifact import Interchange, Message, read_messages
from borderops.core.formats.pnr_groups import BookingDraft, BookingReader, PassengerDraft
from borderops.core.formats.types import Booking, EdifactError, PnrMessage, PnrPassenger


def _attach_documents(booking: BookingDraft) -> None:
    """Give each SSR DOCS/DOCO to its passenger: the one it names in full, else the one its
    traveller reference points at (an infant's DOCS often carries the adult's), else the
    only one its surname fits, else the passenger whose group it appeared in."""
    for segment, document, infant, holder, reference in booking.documents:
        scored = [
            (p.matches(document.surname, document.given_names), p) for p in booking.passengers
        ]
        full = [p for score, p in scored if score == 2]
        by_surname = [p for score, p in scored if score == 1]
        target = full[0] if len(full) == 1 else None
        if target is None and reference:
            target = next((p for p in booking.passengers if p.reference == reference), None)
            if target is not None and infant and target.travel_type != "infant":
                target = None
        if target is None and infant and document.surname and not full:
            target = PassengerDraft(
                tif=segment,
                surname=document.surname,
                given_names=document.given_names or "",
                travel_type="infant",
                reference=None,
            )
            booking.passengers.append(target)
        if target is None and len(by_surname) == 1 and not full:
            target = by_surname[0]
        if target is None:
            target = holder or (booking.passengers[0] if len(booking.passengers) == 1 else None)
        if target is None:
            raise segment.error(
                f"SSR {document.kind} {document.surname or ''}/{document.given_names or ''} fits "
                f"no passenger of booking {booking.locator!r}"
            )
        if document not in target.documents:
            target.documents.append(document)


def _freeze_passenger(passenger: PassengerDraft) -> PnrPassenger:
    docs = [d for d in passenger.documents if d.kind == "DOCS"]
    first = docs[0] if docs else None
    flat = next((d for d in docs if (d.type or "").startswith("P")), None) or next(
        (d for d in docs if d.number), None
    )
    return PnrPassenger(
        reference=passenger.reference,
        surname=passenger.surname,
        given_names=passenger.given_names,
        travel_type=passenger.travel_type,
        birth_date=first.birth_date if first else None,
        sex=first.sex if first else None,
        nationality=first.nationality if first else None,
        document_type=flat.type if flat else None,
        document_number=flat.number if flat else None,
        document_expiry=flat.expiry if flat else None,
        document_issuer=flat.issuer if flat else None,
        documents=tuple(passenger.documents),
        addresses=tuple(passenger.addresses),
        frequent_flyer=tuple(passenger.frequent_flyer),
        seats=tuple(passenger.seats),
        bags=tuple(passenger.bags),
        tickets=tuple(passenger.tickets),
        payments=tuple(passenger.payments),
        contacts=tuple(passenger.contacts),
        segment_number=passenger.tif.number,
    )


def _freeze_booking(booking: BookingDraft) -> Booking:
    if not booking.locator:
        raise booking.src.error("the booking has no record locator (RCI element 1)")
    _attach_documents(booking)
    passengers = tuple(_freeze_passenger(p) for p in booking.passengers)
    return Booking(
        record_locator=booking.locator,
        carrier=booking.carrier,
        created=booking.created,
        last_modified=booking.last_modified,
        other_locators=tuple(booking.other_locators),
        origin=booking.origin,
        passengers=passengers,
        itinerary=tuple(booking.itinerary),
        bags=tuple(booking.bags),
        contacts=tuple(booking.contacts),
        payments=tuple(pay for p in passengers for pay in p.payments),
        tickets=tuple(t for p in passengers for t in p.tickets),
        segment_number=booking.src.number,
    )


def read_pnr_message(
    interchange: Interchange, message: Message, *, strict: bool = True
) -> PnrMessage:
    """One PNRGOV message of an interchange with its bookings."""
    prepared = interchange.prepared_at
    reader = BookingReader(int(prepared[:4]) if prepared else date.today().year)
    reader.read(message.body)
    count = next((s for s in message.body if s.tag == "EQN"), None)
    stated = number(count.get(0)) if count is not None else None
    if strict and count is not None and stated is not None and stated != len(reader.bookings):
        raise count.error(
            f"EQN counts {stated} reservations; the message has {len(reader.bookings)} "
            "(strict=False / --lenient accepts this)"
        )
    return PnrMessage(
        message_reference=message.reference,
        interchange_reference=interchange.reference,
        sender=interchange.sender,
        recipient=interchange.recipient,
        prepared_at=prepared,
        syntax_version=f"{message.version}.{message.release}",
        flight=reader.flight,
        bookings=tuple(_freeze_booking(b) for b in reader.bookings),
    )


def parse_pnrgov_messages(text: str, *, strict: bool = True) -> list[PnrMessage]:
    """Every PNRGOV message of the text, in order (see ``parse_pnrgov``)."""
    messages = [
        read_pnr_message(interchange, message, strict=strict)
        for interchange, message in read_messages(text, "PNRGOV", strict=strict)
    ]
    if not messages:
        raise EdifactError("the interchange carries no PNRGOV message")
    return messages


def parse_pnrgov(text: str, *, strict: bool = True) -> PnrMessage:
    """The one PNRGOV message of the text.

    Raises ``EdifactError`` for a malformed message, and for a text carrying more than one
    message (read those with ``parse_pnrgov_messages``); ``strict=False`` accepts control
    counts and references that disagree (UNT, UNE, UNZ, EQN) and text after the last UNZ.
    """
    messages = parse_pnrgov_messages(text, strict=strict)
    if len(messages) > 1:
        raise EdifactError(
            f"the text carries {len(messages)} PNRGOV messages; read them with "
            "parse_pnrgov_messages",
            segment_tag="UNH",
        )
    return messages[0]
