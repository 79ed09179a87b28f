"""`borderops paxlst` and `borderops pnr`: read advance passenger information files.

Both commands parse the whole file before printing anything, so a malformed message gives
one error line (``error: FILE: segment N (TAG): reason``, exit status 2) and no partial
output.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from borderops.cli_support import fail
from borderops.core.formats import EdifactError, parse_paxlst, parse_pnrgov_messages
from borderops.core.formats.edifact import read_tolerantly
from borderops.core.formats.types import Booking, PnrMessage, PnrPassenger

paxlst_app = typer.Typer(help="Read UN/EDIFACT PAXLST manifests.", no_args_is_help=True)
pnr_app = typer.Typer(help="Read IATA PNRGOV reservation messages.", no_args_is_help=True)

FileArgument = Annotated[str, typer.Argument(metavar="FILE", help="An EDIFACT interchange.")]
StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict/--lenient",
        help="--strict refuses a file whose control counts or references disagree (UNT, UNE, "
        "UNZ, CNT, EQN) or that has text after the last UNZ; by default such a file is read "
        "with a warning, since carriers often get the counts wrong.",
    ),
]


@paxlst_app.callback()
def _paxlst_group() -> None:
    """Read UN/EDIFACT PAXLST manifests."""


@pnr_app.callback()
def _pnr_group() -> None:
    """Read IATA PNRGOV reservation messages."""


def _warn(file: str, warning: EdifactError | None) -> None:
    if warning is not None:
        reason = str(warning).replace(" (strict=False / --lenient accepts this)", "")
        typer.echo(f"warning: {file}: {reason}; read anyway (--strict refuses this)", err=True)


def _read(file: str) -> str:
    try:
        with open(file, encoding="utf-8", errors="replace", newline="") as handle:
            return handle.read()
    except OSError as error:
        fail(f"cannot read {file}: {error.strerror or error}")


@paxlst_app.command("parse")
def paxlst_parse(file: FileArgument, strict: StrictOption = False) -> None:
    """Print one JSON object per traveller (JSON Lines), in manifest order."""
    text = _read(file)
    try:
        if strict:
            manifests = parse_paxlst(text, strict=True)
        else:
            manifests, warning = read_tolerantly(parse_paxlst, text)
            _warn(file, warning)
    except EdifactError as error:
        fail(f"{file}: {error}", code=2)
    lines = [
        json.dumps(traveller.to_json(), ensure_ascii=False)
        for manifest in manifests
        for traveller in manifest.travellers
    ]
    if lines:
        typer.echo("\n".join(lines))


def passenger_json(
    message: PnrMessage, booking: Booking, passenger: PnrPassenger
) -> dict[str, object]:
    """One line of ``borderops pnr parse``: a passenger of a booking, with the booking's
    itinerary, contacts and the flight the message reports."""
    return {
        "record_locator": booking.record_locator,
        "carrier": booking.carrier,
        "surname": passenger.surname,
        "given_names": passenger.given_names,
        "travel_type": passenger.travel_type,
        "birth_date": passenger.birth_date,
        "sex": passenger.sex,
        "nationality": passenger.nationality,
        "document_type": passenger.document_type,
        "document_number": passenger.document_number,
        "document_expiry": passenger.document_expiry,
        "document_issuer": passenger.document_issuer,
        "documents": [
            {
                "kind": d.kind,
                "type": d.type,
                "number": d.number,
                "issuer": d.issuer,
                "expiry": d.expiry,
            }
            for d in passenger.documents
        ],
        "itinerary": [
            {
                **segment.leg.to_json(),
                "booking_class": segment.booking_class,
                "status": segment.status,
            }
            for segment in booking.itinerary
        ],
        "seats": [{"flight": seat.flight, "seat": seat.seat} for seat in passenger.seats],
        "bags": [
            {
                "flight": bag.flight,
                "count": bag.count,
                "weight": bag.weight,
                "weight_unit": bag.weight_unit,
                "tags": list(bag.tags),
            }
            for bag in passenger.bags
        ],
        "contacts": [
            {"kind": c.kind, "value": c.value, "qualifier": c.qualifier}
            for c in (*booking.contacts, *passenger.contacts)
        ],
        "payment": [
            {
                "form": p.form,
                "amount": p.amount,
                "currency": p.currency,
                "card_type": p.card_type,
                "card_last_digits": p.card_last_digits,
            }
            for p in passenger.payments
        ],
        "tickets": [ticket.number for ticket in passenger.tickets],
        "frequent_flyer": [f"{carrier} {number}" for carrier, number in passenger.frequent_flyer],
        "reported_flight": message.flight.flight if message.flight else None,
    }


@pnr_app.command("parse")
def pnr_parse(file: FileArgument, strict: StrictOption = False) -> None:
    """Print one JSON object per passenger per booking (JSON Lines), in message order."""
    text = _read(file)
    try:
        if strict:
            messages = parse_pnrgov_messages(text, strict=True)
        else:
            messages, warning = read_tolerantly(parse_pnrgov_messages, text)
            _warn(file, warning)
    except EdifactError as error:
        fail(f"{file}: {error}", code=2)
    lines = [
        json.dumps(passenger_json(message, booking, passenger), ensure_ascii=False)
        for message in messages
        for booking in message.bookings
        for passenger in booking.passengers
    ]
    if lines:
        typer.echo("\n".join(lines))
