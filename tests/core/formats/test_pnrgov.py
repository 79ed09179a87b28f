"""PNRGOV reservations: bookings, passengers, documents, itinerary, seats, bags, contacts,
payments, errors, and the GTAS samples."""

from __future__ import annotations

import pytest
from tests.core.formats.conftest import FIXTURES, gtas_sample

from borderops.core.formats import parse_pnrgov, parse_pnrgov_messages
from borderops.core.formats.pnr_fields import card_last_digits, decode_email, seat
from borderops.core.formats.types import EdifactError, PnrDocument

# A hand-written PNRGOV 11.1 push: one booking, an adult with an infant known only from
# SSR DOCS, a card payment, seats, bags and a history section that must be skipped.
PNR = (FIXTURES / "pnrgov_small.edi").read_text(encoding="utf-8")


def test_a_booking_gives_locator_origin_and_reported_flight() -> None:
    message = parse_pnrgov(PNR)
    assert (message.syntax_version, message.flight and message.flight.flight) == ("11.1", "DL324")
    (booking,) = message.bookings
    assert (booking.record_locator, booking.carrier, booking.created) == (
        "MFN4TI", "DL", "2010-12-06T10:10",
    )  # fmt: skip
    assert (booking.last_modified, booking.other_locators) == (
        "2010-12-06T10:10",
        (("KL", "AB12CD"),),
    )
    assert booking.origin is not None
    assert (booking.origin.agency_id, booking.origin.country, booking.origin.currency) == (
        "52519950", "GB", "GBP",
    )  # fmt: skip


def test_passenger_gets_documents_tickets_and_masked_payment() -> None:
    adult = parse_pnrgov(PNR).bookings[0].passengers[0]
    assert (adult.surname, adult.given_names, adult.travel_type) == ("SMITH", "JOHN", "adult")
    assert (adult.birth_date, adult.sex, adult.nationality) == ("1964-07-12", "M", "GBR")
    assert (adult.document_type, adult.document_number, adult.document_expiry) == (
        "P", "123456789", "2029-08-23",
    )  # fmt: skip
    assert [t.number for t in adult.tickets] == ["0062120234533"]
    assert adult.tickets[0].issued == "2010-12-06"
    (payment,) = adult.payments
    assert (payment.form, payment.amount, payment.currency, payment.card_type) == (
        "CC", "2957.94", "GBP", "VI",
    )  # fmt: skip
    assert payment.card_last_digits == "1186"
    assert "4111111111111186" not in repr(parse_pnrgov(PNR))
    assert adult.frequent_flyer == (("DL", "1234567890"),)


def test_a_ticket_date_element_without_a_date_leaves_the_issue_date_unknown() -> None:
    # given the ticket's DAT 710 element cut to its qualifier
    cut = PNR.replace("DAT+710:061210'", "DAT+710'")
    assert cut != PNR
    # when read, then the ticket is kept without an issue date (as a DAT 700 without one)
    adult = parse_pnrgov(cut).bookings[0].passengers[0]
    assert [(t.number, t.issued) for t in adult.tickets] == [("0062120234533", None)]


def test_an_infant_known_only_from_ssr_docs_becomes_a_passenger() -> None:
    passengers = parse_pnrgov(PNR).bookings[0].passengers
    infant = passengers[1]
    assert (infant.surname, infant.given_names, infant.travel_type) == ("SMITH", "BABY", "infant")
    assert (infant.birth_date, infant.sex, infant.document_number) == ("2009-09-20", "F", "555")
    assert [d.number for d in passengers[0].documents] == ["123456789"]


def test_itinerary_seats_and_bags_come_from_the_flight_groups_not_history() -> None:
    booking = parse_pnrgov(PNR).bookings[0]
    (segment,) = booking.itinerary
    assert (segment.leg.flight, segment.leg.arrival_time, segment.operating_carrier) == (
        "DL324", "2010-12-12T12:30", "VS",
    )  # fmt: skip
    assert (segment.booking_class, segment.status, segment.party_size, segment.equipment) == (
        "B", "HK", 2, "767",
    )  # fmt: skip
    adult = booking.passengers[0]
    assert [(s.flight, s.seat) for s in adult.seats] == [("DL324", "15A")]
    (bag,) = adult.bags
    assert (bag.count, bag.weight, bag.weight_unit, bag.tags, bag.destination) == (
        2, 34.0, "KG", ("1026000001",), "JFK",
    )  # fmt: skip


def test_contacts_are_decoded_and_kept_where_they_were_given() -> None:
    booking = parse_pnrgov(PNR).bookings[0]
    assert [(c.kind, c.value, c.qualifier) for c in booking.contacts] == [
        ("address", "45 HIGH STREET, SLOUGH, BERKSHIRE, GB, SL1AA", "702"),
        ("phone", "00441753637285", None),
        ("email", "JOHN_SMITH@EXAMPLE.COM", None),
    ]
    assert [(c.kind, c.value, c.qualifier) for c in booking.passengers[0].contacts] == [
        ("phone", "447700900123", "M"),
    ]


MALFORMED = [
    (("RCI+DL:MFN4TI::061210:1010", "RCI+DL"), 7, "SRC", "no record locator"),
    (("TIF+SMITH+JOHN MR:A:1:1", "TIF++JOHN MR:A:1:1"), 13, "TIF", "no surname"),
    (("12JUL64/M", "31FEB64/M"), 15, "SSR", "SSR DOCS: 1964-02-31 is not a calendar day"),
    (("/M/23AUG29", "/Q/23AUG29"), 15, "SSR", "DOCS sex 'Q'"),
    (("121210:0915::1230", "121210:0915::2561"), 22, "TVL", "'2561' is not a time of day"),
    (("TBD++2:34", "TBD++two:34"), 29, "TBD", "bag count 'two'"),
    (("EQN+1", "EQN+2"), 6, "EQN", "EQN counts 2 reservations"),
]


@pytest.mark.parametrize(("change", "number", "tag", "reason"), MALFORMED)
def test_malformed_reservation_names_the_segment_and_reason(
    change: tuple[str, str], number: int, tag: str, reason: str
) -> None:
    with pytest.raises(EdifactError) as caught:
        parse_pnrgov(PNR.replace(*change))
    assert (caught.value.segment_number, caught.value.segment_tag) == (number, tag)
    assert reason in caught.value.reason


def test_two_messages_need_parse_pnrgov_messages() -> None:
    twice = PNR.replace("UNZ+1+IC1'", "") + PNR[PNR.index("UNH") :].replace("UNZ+1", "UNZ+2")
    assert len(parse_pnrgov_messages(twice)) == 2
    with pytest.raises(EdifactError, match="parse_pnrgov_messages"):
        parse_pnrgov(twice)


FIELD_CASES = [
    (seat, "074E", "74E"), (seat, "XXX", None), (seat, "15a", "15A"),
    (card_last_digits, "XXXXXXXXXXXX6126", "6126"), (card_last_digits, "370266XXXXX6916", "6916"),
    (card_last_digits, "XX1", None),
    (decode_email, "MOLLY..LOU+50BB//GMAIL.COM", "MOLLY_LOU+50BB@GMAIL.COM"),
    (decode_email, "A./B//C.COM", "A-B@C.COM"),
]  # fmt: skip


@pytest.mark.parametrize(("reader", "text", "expected"), FIELD_CASES)
def test_free_text_fields_are_normalised(reader: object, text: str, expected: str | None) -> None:
    assert callable(reader) and reader(text) == expected


GTAS_PNRGOV = [
    # (file, strict: (bookings, passengers) or error words, lenient: same)
    ("gtas-loader__3_pnrs.edi", (3, 14), (3, 14)),
    ("gtas-loader__adult_and_infant.edi", (1, 2), (1, 2)),
    ("gtas-loader__no_pnr_history.edi", (3, 4), (3, 4)),
    ("gtas-loader__pnr_split.edi", (2, 3), (2, 3)),
    ("gtas-loader__2_pnrs_basic.edi", "UNT counts '135'", (2, 4)),
    ("gtas-loader__multiple_flight_leg_pnr.txt", "UNT counts '66'", (1, 2)),
    ("gtas-loader__pnr1.txt", "UNT counts '135'", (1, 2)),
    ("gtas-loader__pnr2.txt", "UNT counts '135'", (1, 2)),
    ("gtas-loader__pnr3.txt", "UNT counts '65'", (1, 4)),
    ("gtas-loader__pnr4.txt", "UNT reference ''", (1, 1)),
    ("gtas-loader__pnrMessageExample.txt", "UNT counts '50'", (1, 5)),
    ("gtas-parsers__pnrMessageExample.txt", "UNT counts '50'", (1, 5)),
    ("gtas-parsers__bigMessagePnr.txt", "UNT counts '94'", (1, 7)),
    ("gtas-parsers__bigbigPnr.txt", "UNT counts '75'", (47, 86)),
    ("gtas-parsers__pnrWithBags.txt", "UNT counts '50'", (127, 268)),
    ("gtas-parsers__pnrMessage.txt", "UNT counts '135'", (1, 2)),
    ("gtas-parsers__pnrWithDoco.txt", "UNT counts '48'", (1, 1)),
    ("gtas-parsers__pnrWithPrefixesAndBookingDetailBags.txt", "UNT counts '67'", (1, 2)),
    ("gtas-parsers__pnrSeatFormats.txt", "UNT counts '50'", (1, 1)),
    ("gtas-parsers__pnrNoOrgMsg.txt", "UNT counts '50'", (1, 1)),
    ("gtas-parsers__pnrPhoneCTCM.txt", "UNT counts '50'", (1, 1)),
    ("gtas-parsers__pnrPhoneCTC_M.txt", "UNT counts '50'", (1, 1)),
    ("gtas-parsers__pnrAddressPhoneCTCM.txt", "UNT counts '50'", (1, 1)),
    ("gtas-parsers__pnrEdge.txt", "UNT counts '50'", (1, 1)),
    ("gtas-parsers__danglingMetaCharacter.txt", "UNT counts '34'", (1, 1)),
    ("gtas-parsers__pnrBadFormat.txt", "UNT counts '173'", (1, 2)),
    ("gtas-parsers__pnrMessagePg76.txt", "UNT counts '173'", (1, 2)),
    ("gtas-parsers__pnrMessagePg77.txt", "UNT counts '173'", (1, 1)),
    ("gtas-parsers__modifyPnr77ForCodeShare.txt", "UNT counts '173'", "'4321' is not a time"),
    ("gtas-parsers__pnrMessagePg75.txt", "UNT counts '336'", "fits no passenger"),
    ("gtas-loader__codeshare.edi", "UNA: the service string advice has 5", "has 5 characters"),
    ("gtas-loader__infant.edi", "U\\+2019", "U\\+2019"),
]


@pytest.mark.parametrize(("name", "strict", "lenient"), GTAS_PNRGOV)
def test_gtas_pnrgov_samples_parse_or_fail_precisely(
    name: str, strict: tuple[int, int] | str, lenient: tuple[int, int] | str
) -> None:
    text = gtas_sample("pnrgov", name)
    for mode, expected in ((True, strict), (False, lenient)):
        if isinstance(expected, str):
            with pytest.raises(EdifactError, match=expected):
                parse_pnrgov_messages(text, strict=mode)
            continue
        bookings = [b for m in parse_pnrgov_messages(text, strict=mode) for b in m.bookings]
        assert (len(bookings), sum(len(b.passengers) for b in bookings)) == expected


def test_gtas_doco_sample_keeps_the_visa() -> None:
    message = parse_pnrgov(gtas_sample("pnrgov", "gtas-parsers__pnrWithDoco.txt"), strict=False)
    (passenger,) = message.bookings[0].passengers
    visas = [d for d in passenger.documents if d.kind == "DOCO"]
    assert visas == [
        PnrDocument(
            "DOCO", "V", "8675309", None, None, None, None, None, "2006-12-22", "OTHER PLACE",
            None, None,
        )
    ]  # fmt: skip
    assert [s.seat for s in passenger.seats] == ["23K"]


def test_gtas_edge_sample_reads_a_released_plus_inside_an_email() -> None:
    message = parse_pnrgov(gtas_sample("pnrgov", "gtas-parsers__pnrEdge.txt"), strict=False)
    emails = [c.value for c in message.bookings[0].passengers[0].contacts if c.kind == "email"]
    assert emails == ["MOLLY_LOUUNT+50BB@GMAIL.COM"]
