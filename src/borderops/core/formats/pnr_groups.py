"""The PNRGOV segment groups, walked one booking at a time into mutable drafts.

``borderops.core.formats.pnrgov`` freezes the drafts into the contract records; the module
docstring there says what is read and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from borderops.core.formats import pnr_fields
from borderops.core.formats.dates import ddmmyy, is_digits, number
from borderops.core.formats.edifact import Segment
from borderops.core.formats.paxlst import split_flight
from borderops.core.formats.types import (
    BagRecord,
    BookingOrigin,
    Contact,
    FlightLeg,
    ItinerarySegment,
    Payment,
    PnrDocument,
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
class PassengerDraft:
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
class BookingDraft:
    src: Segment
    locator: str = ""
    carrier: str | None = None
    created: str | None = None
    last_modified: str | None = None
    other_locators: list[tuple[str, str]] = field(default_factory=list)
    origin: BookingOrigin | None = None
    passengers: list[PassengerDraft] = field(default_factory=list)
    itinerary: list[ItinerarySegment] = field(default_factory=list)
    bags: list[BagRecord] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    # (segment, document, is infant, passenger whose group it appeared in, traveller ref)
    documents: list[tuple[Segment, PnrDocument, bool, PassengerDraft | None, str | None]] = field(
        default_factory=list
    )
    context: str = "booking"
    checkin_passenger: PassengerDraft | None = None
    amount: tuple[str | None, str | None] = (None, None)


class BookingReader:
    """Walks one PNRGOV message body, one booking at a time."""

    def __init__(self, birth_year: int) -> None:
        self.birth_year = birth_year
        self.flight: FlightLeg | None = None
        self.bookings: list[BookingDraft] = []

    def read(self, body: tuple[Segment, ...]) -> None:
        for segment in body:
            if segment.tag == "SRC":
                self.bookings.append(BookingDraft(src=segment))
            elif not self.bookings:
                if segment.tag == "TVL" and self.flight is None:
                    self.flight = read_leg(segment)
            else:
                self.apply(self.bookings[-1], segment)

    def apply(self, booking: BookingDraft, segment: Segment) -> None:
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

    def current(self, booking: BookingDraft) -> PassengerDraft | None:
        return (
            booking.passengers[-1]
            if booking.context == "passenger" and booking.passengers
            else None
        )

    def rci(self, booking: BookingDraft, segment: Segment) -> None:
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

    def tif(self, booking: BookingDraft, segment: Segment) -> None:
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
            PassengerDraft(
                tif=segment,
                surname=surname,
                given_names=given,
                travel_type=TRAVEL_TYPES.get(code, code or None),
                reference=reference,
            )
        )
        booking.context = "passenger"

    def find(
        self, booking: BookingDraft, surname: str | None, given: str | None, reference: str | None
    ) -> PassengerDraft | None:
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

    def tvl(self, booking: BookingDraft, segment: Segment) -> None:
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

    def last_flight(self, booking: BookingDraft) -> str | None:
        return booking.itinerary[-1].leg.flight if booking.itinerary else None

    def ssr(self, booking: BookingDraft, segment: Segment) -> None:
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

    def checkin(self, booking: BookingDraft, segment: Segment) -> None:
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

    def bags(self, booking: BookingDraft, segment: Segment) -> BagRecord:
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

    def itinerary_detail(self, booking: BookingDraft, segment: Segment) -> None:
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

    def booking_detail(self, booking: BookingDraft, segment: Segment) -> None:
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
                if (
                    element
                    and element[0] == "710"
                    and len(element) > 1
                    and holder is not None
                    and holder.tickets
                ):
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

    def passenger_detail(
        self, booking: BookingDraft, holder: PassengerDraft, segment: Segment
    ) -> None:
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
