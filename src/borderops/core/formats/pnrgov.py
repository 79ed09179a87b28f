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

from dataclasses import dataclass, field
from datetime import date

from borderops.core.formats import pnr_fields
from borderops.core.formats.dates import ddmmyy, is_digits, number
from borderops.core.formats.edifact import Interchange, Message, Segment, read_messages
from borderops.core.formats.paxlst import split_flight
from borderops.core.formats.types import (
    BagRecord,
    Booking,
    BookingOrigin,
    Contact,
    EdifactError,
    FlightLeg,
    ItinerarySegment,
    Payment,
    PnrDocument,
    PnrMessage,
    PnrPassenger,
    SeatAssignment,
    Ticket,
)

TRAVEL_TYPES = {"A": "adult", "ADT": "adult", "C": "child", "CHD": "child", "IN": "infant"}
SEAT_SSRS = {"SEAT", "RQST", "NSST", "NSSA", "NSSW", "SMST", "SMSA", "SMSW"}
WEIGHT_UNITS = {"700": "KG", "701": "LB", "K": "KG", "L": "LB", "KG": "KG", "LB": "LB"}
HISTORY = {"ABI", "SAC", "LTS", "EQN", "MSG"}


def _date(segment: Segment, day: str, time: str = "") -> str:
    try:
        return ddmmyy(day.strip(), time.strip())
    except ValueError as error:
        raise segment.error(str(error)) from None


def read_leg(segment: Segment) -> FlightLeg:
    """A TVL segment as a flight leg."""
    day, dep_time, arr_day, arr_time = (segment.get(0, i).strip() for i in range(4))
    if len(arr_day) == 4 and not arr_time:
        arr_day, arr_time = "", arr_day
    carrier = segment.get(3, 0).strip() or None
    number = segment.get(4, 0).strip() or None
    flight = f"{carrier or ''}{number or ''}" or None
    if flight and carrier is None:
        carrier, number = split_flight(flight, None)
    return FlightLeg(
        carrier=carrier,
        number=number,
        flight=flight,
        departure_port=segment.get(1, 0).strip() or None,
        arrival_port=segment.get(2, 0).strip() or None,
        departure_time=_date(segment, day, dep_time) if day else None,
        arrival_time=_date(segment, arr_day or day, arr_time)
        if (arr_day or day) and (arr_day or arr_time)
        else None,
    )


@dataclass(slots=True)
class _Passenger:
    tif: Segment
    surname: str
    given_names: str
    travel_type: str | None
    reference: str | None
    documents: list[PnrDocument] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    frequent_flyer: list[tuple[str, str]] = field(default_factory=list)
    seats: list[SeatAssignment] = field(default_factory=list)
    bags: list[BagRecord] = field(default_factory=list)
    tickets: list[Ticket] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)

    def matches(self, surname: str | None, given: str | None) -> int:
        """2 for surname and first given name, 1 for surname only, 0 otherwise."""
        if pnr_fields.name_key(surname) != pnr_fields.name_key(self.surname):
            return 0
        mine, theirs = pnr_fields.name_key(self.given_names), pnr_fields.name_key(given)
        return 2 if mine and theirs and (mine.startswith(theirs) or theirs.startswith(mine)) else 1


@dataclass(slots=True)
class _Booking:
    src: Segment
    locator: str = ""
    carrier: str | None = None
    created: str | None = None
    last_modified: str | None = None
    other_locators: list[tuple[str, str]] = field(default_factory=list)
    origin: BookingOrigin | None = None
    passengers: list[_Passenger] = field(default_factory=list)
    itinerary: list[ItinerarySegment] = field(default_factory=list)
    bags: list[BagRecord] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    # (segment, document, is infant, passenger whose group it appeared in, traveller ref)
    documents: list[tuple[Segment, PnrDocument, bool, _Passenger | None, str | None]] = field(
        default_factory=list
    )
    context: str = "booking"
    checkin_passenger: _Passenger | None = None
    amount: tuple[str | None, str | None] = (None, None)


class _Reader:
    """Walks one PNRGOV message body, one booking at a time."""

    def __init__(self, birth_year: int) -> None:
        self.birth_year = birth_year
        self.flight: FlightLeg | None = None
        self.bookings: list[_Booking] = []

    def read(self, body: tuple[Segment, ...]) -> None:
        for segment in body:
            if segment.tag == "SRC":
                self.bookings.append(_Booking(src=segment))
            elif not self.bookings:
                if segment.tag == "TVL" and self.flight is None:
                    self.flight = read_leg(segment)
            else:
                self.apply(self.bookings[-1], segment)

    def apply(self, booking: _Booking, segment: Segment) -> None:
        tag = segment.tag
        if booking.context == "history":
            return
        if tag in HISTORY:
            booking.context = "history"
        elif tag == "RCI":
            self.rci(booking, segment)
        elif tag == "TIF":
            self.tif(booking, segment)
        elif tag == "TVL":
            self.tvl(booking, segment)
        elif tag == "TRI":
            booking.context, booking.checkin_passenger = "checkin", None
        elif tag == "SSR":
            self.ssr(booking, segment)
        elif booking.context == "checkin":
            self.checkin(booking, segment)
        elif booking.context == "itinerary":
            self.itinerary_detail(booking, segment)
        else:
            self.booking_detail(booking, segment)

    def current(self, booking: _Booking) -> _Passenger | None:
        return (
            booking.passengers[-1]
            if booking.context == "passenger" and booking.passengers
            else None
        )

    def rci(self, booking: _Booking, segment: Segment) -> None:
        if booking.locator:
            return
        booking.locator = segment.get(0, 1).strip()
        booking.carrier = segment.get(0, 0).strip() or None
        parts = [segment.get(0, i).strip() for i in range(2, 5)]
        day, time = (parts[1], parts[2]) if len(parts[1]) == 6 else (parts[0], parts[1])
        if len(day) == 6 and is_digits(day):
            booking.created = _date(segment, day, time)
        booking.other_locators = [
            (element[0], element[1]) for element in segment.elements[1:] if len(element) > 1
        ]

    def tif(self, booking: _Booking, segment: Segment) -> None:
        surname = segment.get(0, 0).strip()
        given = pnr_fields.strip_title(segment.get(1, 0))
        reference = segment.get(1, 2).strip() or None
        if booking.context in {"checkin", "itinerary"}:
            booking.checkin_passenger = self.find(booking, surname, given, reference)
            return
        if not surname:
            raise segment.error("the passenger has no surname (TIF element 1)")
        code = segment.get(1, 1).strip().upper()
        booking.passengers.append(
            _Passenger(
                tif=segment,
                surname=surname,
                given_names=given,
                travel_type=TRAVEL_TYPES.get(code, code or None),
                reference=reference,
            )
        )
        booking.context = "passenger"

    def find(
        self, booking: _Booking, surname: str | None, given: str | None, reference: str | None
    ) -> _Passenger | None:
        if reference:
            for passenger in booking.passengers:
                if passenger.reference == reference:
                    return passenger
        scored = sorted(
            ((p.matches(surname, given), i) for i, p in enumerate(booking.passengers)),
            reverse=True,
        )
        best = [i for score, i in scored if score and score == scored[0][0]]
        return booking.passengers[best[0]] if len(best) == 1 else None

    def tvl(self, booking: _Booking, segment: Segment) -> None:
        booking.context = "itinerary"
        leg = read_leg(segment)
        if leg.departure_port is None and leg.arrival_port is None:
            return  # an operating-flight note (TVL+++++624:M) adds no leg
        booking.itinerary.append(
            ItinerarySegment(
                leg=leg,
                operating_carrier=segment.get(3, 1).strip() or None,
                booking_class=segment.get(4, 1).strip() or None,
                status=None,
                party_size=None,
                equipment=None,
                segment_number=segment.number,
            )
        )

    def last_flight(self, booking: _Booking) -> str | None:
        return booking.itinerary[-1].leg.flight if booking.itinerary else None

    def ssr(self, booking: _Booking, segment: Segment) -> None:
        code = segment.get(0, 0).strip().upper()
        text = ":".join(segment.elements[0][8:]) if segment.elements else ""
        reference = next(
            (e[2].strip() for e in segment.elements[1:] if len(e) > 2 and e[2].strip()), None
        )
        holder = self.current(booking)
        try:
            if code == "DOCS":
                document, infant = pnr_fields.read_docs(text, past_of=self.birth_year)
                booking.documents.append((segment, document, infant, holder, reference))
            elif code == "DOCO":
                booking.documents.append(
                    (segment, pnr_fields.read_doco(text), False, holder, reference)
                )
            elif code == "DOCA" and holder is not None:
                holder.addresses.append(pnr_fields.read_doca(text))
        except ValueError as error:
            raise segment.error(f"SSR {code}: {error}") from None
        if code in SEAT_SSRS:
            for element in segment.elements[1:]:
                number = pnr_fields.seat(element[0]) if element else None
                ref = element[2].strip() if len(element) > 2 else ""
                passenger = self.find(booking, None, None, ref) if ref else holder
                if number and passenger is not None:
                    passenger.seats.append(
                        SeatAssignment(flight=self.last_flight(booking), seat=number)
                    )

    def checkin(self, booking: _Booking, segment: Segment) -> None:
        passenger = booking.checkin_passenger
        if passenger is None:
            return
        if segment.tag == "SSD":
            number = pnr_fields.seat(segment.get(0))
            flight = self.last_flight(booking)
            if number and SeatAssignment(flight, number) not in passenger.seats:
                passenger.seats.append(SeatAssignment(flight=flight, seat=number))
        elif segment.tag == "TBD":
            passenger.bags.append(self.bags(booking, segment))

    def bags(self, booking: _Booking, segment: Segment) -> BagRecord:
        count, weight = segment.get(1, 0).strip(), segment.get(1, 1).strip()
        try:
            parsed_weight = float(weight) if weight else None
        except ValueError:
            raise segment.error(f"bag weight {weight!r} is not a number") from None
        if count and not is_digits(count):
            raise segment.error(f"bag count {count!r} is not a number")
        tags: list[str] = []
        destination = None
        for element in segment.elements[3:]:
            if len(element) > 1 and is_digits(element[1].strip()):
                tags.append(element[1].strip())
                destination = destination or next(
                    (c for c in element[2:5] if len(c) == 3 and c.isalpha()), None
                )
        return BagRecord(
            flight=self.last_flight(booking),
            count=int(count) if count else None,
            weight=parsed_weight,
            weight_unit=WEIGHT_UNITS.get(segment.get(1, 2).strip().upper()),
            tags=tuple(tags),
            destination=destination,
        )

    def itinerary_detail(self, booking: _Booking, segment: Segment) -> None:
        if not booking.itinerary:
            return
        last = booking.itinerary[-1]
        if segment.tag == "RPI":
            size = segment.get(0).strip()
            booking.itinerary[-1] = _replace(
                last,
                status=segment.get(1).strip() or None,
                party_size=number(size),
            )
        elif segment.tag == "APD":
            booking.itinerary[-1] = _replace(last, equipment=segment.get(0).strip() or None)

    def booking_detail(self, booking: _Booking, segment: Segment) -> None:
        tag, holder = segment.tag, self.current(booking)
        contacts = holder.contacts if holder is not None else booking.contacts
        if tag == "DAT":
            for element in segment.elements:
                if (
                    element
                    and element[0] == "700"
                    and len(element) > 1
                    and booking.last_modified is None
                ):
                    booking.last_modified = _date(
                        segment, element[1], element[2] if len(element) > 2 else ""
                    )
                if element and element[0] == "710" and holder is not None and holder.tickets:
                    ticket = holder.tickets[-1]
                    holder.tickets[-1] = Ticket(ticket.number, _date(segment, element[1]))
        elif tag == "ORG" and holder is None and booking.origin is None:
            booking.origin = BookingOrigin(
                system=segment.get(0, 0).strip() or None,
                location=segment.get(0, 1).strip() or None,
                agency_id=segment.get(1, 0).strip() or None,
                originator_type=segment.get(4, 0).strip() or None,
                country=segment.get(5, 0).strip() or None,
                currency=segment.get(5, 1).strip() or None,
            )
        elif tag == "ADD":
            parts = [segment.get(1, i).strip() for i in range(1, 8)]
            phone = segment.get(1, 7).strip()
            # The eighth component is a phone in most feeds and a postcode in some.
            if sum(char in "0123456789" for char in phone) >= 6 or "CTC" in phone:
                parts.pop()
            else:
                phone = ""
            address = ", ".join(p for p in parts if p)
            if address:
                contacts.append(
                    Contact(kind="address", value=address, qualifier=segment.get(1, 0) or None)
                )
            if phone:
                contacts.append(
                    pnr_fields.read_contact(phone)
                    or Contact(kind="phone", value=phone, qualifier=None)
                )
        elif tag == "IFT" and segment.get(0, 1) in {"28", "43"}:
            text = " ".join(":".join(e) for e in segment.elements[1:]).strip()
            if segment.get(0, 1) == "43":
                contacts.append(Contact(kind="sponsor", value=text, qualifier=None))
            elif (contact := pnr_fields.read_contact(text)) is not None:
                contacts.append(contact)
        elif tag == "EBD":
            count = segment.get(1, 0).strip()
            booking.bags.append(BagRecord(None, number(count), None, None, (), None))
        elif holder is not None:
            self.passenger_detail(booking, holder, segment)

    def passenger_detail(self, booking: _Booking, holder: _Passenger, segment: Segment) -> None:
        tag = segment.tag
        if tag == "FTI" and segment.get(0, 1).strip():
            holder.frequent_flyer.append((segment.get(0, 0).strip(), segment.get(0, 1).strip()))
        elif tag == "TKT" and segment.get(0, 0).strip():
            holder.tickets.append(Ticket(number=segment.get(0, 0).strip(), issued=None))
        elif tag == "MON":
            totals = {e[0]: e for e in segment.elements if len(e) > 1}
            chosen = totals.get("T") or totals.get("B")
            if chosen is not None:
                booking.amount = (chosen[1] or None, chosen[2] if len(chosen) > 2 else None)
        elif tag == "FOP":
            amount = segment.get(0, 2).strip() or booking.amount[0]
            holder.payments.append(
                Payment(
                    form=segment.get(0, 0).strip() or None,
                    amount=amount,
                    currency=booking.amount[1],
                    card_type=segment.get(0, 3).strip() or None,
                    card_last_digits=pnr_fields.card_last_digits(segment.get(0, 4)),
                )
            )


def _replace(segment: ItinerarySegment, **changes: object) -> ItinerarySegment:
    from dataclasses import replace

    return replace(segment, **changes)  # type: ignore[arg-type]


def _attach_documents(booking: _Booking) -> None:
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
            target = _Passenger(
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


def _freeze_passenger(passenger: _Passenger) -> PnrPassenger:
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


def _freeze_booking(booking: _Booking) -> Booking:
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
    reader = _Reader(int(prepared[:4]) if prepared else date.today().year)
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
