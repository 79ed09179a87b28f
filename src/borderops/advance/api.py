"""API: receive PAXLST and PNRGOV messages, and read the flights and travellers they announce."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from borderops.accounts.permissions import Action, Resource, require, scoped
from borderops.advance import services
from borderops.advance.choices import ReceivedThrough
from borderops.advance.models import ExpectedFlight, ExpectedTraveller
from borderops.audit.services import record_read

router = Router(tags=["advance passenger information"])

EDIFACT_TYPES = {
    "application/edifact",
    "application/edi-x12",
    "text/plain",
    "application/octet-stream",
}


class FlightOut(Schema):
    id: int
    flight: str
    departure_port: str
    arrival_port: str
    departure_time: datetime | None
    arrival_time: datetime | None
    service_date: date
    port: str | None

    @staticmethod
    def resolve_port(obj: ExpectedFlight) -> str | None:
        return obj.port_id


class ReceiptOut(Schema):
    message_id: int
    kind: str
    created: bool
    warning: str
    travellers: int
    referrals: int
    flights: list[FlightOut]


class FindingOut(Schema):
    rule: str
    severity: str
    reason: str


class TravellerHitOut(Schema):
    list: str
    entry_id: str
    score: float
    matched_name: str
    explanation: str


class TravellerOut(Schema):
    id: int
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
    record_locator: str
    referral_advised: bool
    hits: list[TravellerHitOut]
    findings: list[FindingOut]


class FlightDetailOut(FlightOut):
    travellers: list[TravellerOut]
    list_versions: dict[str, int]

    @staticmethod
    def resolve_travellers(obj: Any) -> list[ExpectedTraveller]:
        return list(obj.shown_travellers)

    @staticmethod
    def resolve_list_versions(obj: Any) -> dict[str, int]:
        versions: dict[str, int] = {}
        for traveller in obj.shown_travellers:
            versions.update(traveller.list_versions)
        return versions


@router.post(
    "/messages",
    response={200: ReceiptOut, 201: ReceiptOut},
    summary="Receive a PAXLST or PNRGOV message",
    description=(
        "Send the EDIFACT text as the request body (Content-Type text/plain or "
        "application/edifact) or as the multipart file field `message`. 201 when stored, 200 "
        "when the same message was already received (nothing changes), 400 with the segment "
        "number and reason when it is malformed (nothing is stored)."
    ),
)
def receive_message(request: HttpRequest) -> Status[dict[str, Any]]:
    require(request.user, Action.ADD, Resource.ADVANCE_DATA)
    text, filename = _message_text(request)
    try:
        outcome = services.receive_message(
            text=text, through=ReceivedThrough.API, user=request.user, filename=filename
        )
    except services.MessageRejected as error:
        raise HttpError(400, f"Rejected, nothing was stored: {error}") from error
    body = {
        "message_id": outcome.message.pk,
        "kind": outcome.message.kind,
        "created": outcome.created,
        "warning": outcome.message.warning,
        "travellers": outcome.travellers,
        "referrals": outcome.referrals,
        "flights": outcome.flights,
    }
    return Status(201 if outcome.created else 200, body)


def _message_text(request: HttpRequest) -> tuple[str, str]:
    upload = request.FILES.get("message")
    if upload is not None:
        if upload.size and upload.size > services.MAX_MESSAGE_BYTES:
            raise HttpError(413, "The file is larger than 10 MB.")
        raw, filename = upload.read(), str(upload.name or "")
    else:
        content_type = request.content_type or ""
        if content_type.startswith("multipart/"):
            raise HttpError(400, "Send the message as the multipart file field 'message'.")
        if content_type not in EDIFACT_TYPES:
            raise HttpError(
                415,
                "Send the message as text/plain or application/edifact, "
                "or as the multipart file field 'message'.",
            )
        if len(request.body) > services.MAX_MESSAGE_BYTES:
            raise HttpError(413, "The message is larger than 10 MB.")
        raw, filename = request.body, ""
    if not raw.strip():
        raise HttpError(400, "The message is empty.")
    try:
        return raw.decode("utf-8"), filename
    except UnicodeDecodeError:
        return raw.decode("latin-1"), filename


@router.get("/flights", response=list[FlightOut], summary="Expected flights, newest first")
@paginate(LimitOffsetPagination)
def list_flights(request: HttpRequest, on: date | None = None, flight: str = "") -> Any:
    require(request.user, Action.VIEW, Resource.ADVANCE_DATA)
    flights = scoped(request.user, Resource.ADVANCE_DATA, ExpectedFlight.objects.all())
    if on is not None:
        flights = flights.filter(service_date=on)
    if flight:
        flights = flights.filter(flight__iexact=flight.replace(" ", ""))
    return flights.order_by("-service_date", "flight", "pk")


@router.get(
    "/flights/{flight_id}",
    response=FlightDetailOut,
    summary="One flight with every traveller's hits and document findings",
)
def get_flight(request: HttpRequest, flight_id: int) -> ExpectedFlight:
    require(request.user, Action.VIEW, Resource.ADVANCE_DATA)
    flight = get_object_or_404(
        scoped(request.user, Resource.ADVANCE_DATA, ExpectedFlight.objects.all()), pk=flight_id
    )
    travellers = list(
        scoped(request.user, Resource.ADVANCE_DATA, ExpectedTraveller.objects.filter(flight=flight))
    )
    if travellers:
        record_read(records=travellers, model=ExpectedTraveller, purpose="api")
    # Only the travellers the user may see; the schema reads them from here.
    flight.shown_travellers = travellers  # type: ignore[attr-defined]
    return flight


class DocumentCheckIn(Schema):
    mrz: str = Field(..., max_length=400, description="The 2 or 3 lines of one MRZ.")
    on: date | None = Field(None, description="Inspection date; today when left out.")
    stay_until: date | None = Field(None, description="End of the intended stay.")
    flight_id: int | None = Field(
        None, description="The expected flight the traveller came on, if known."
    )


class DocumentCheckOut(Schema):
    reading: dict[str, Any]
    ruleset: str
    referral_advised: bool
    findings: list[FindingOut]
    announced_traveller_id: int | None


@router.post(
    "/document-check",
    response=DocumentCheckOut,
    summary="Read an MRZ and run every document check",
    description=(
        "Validity, MRZ check digits and repairs, issuer and nationality, lost/stolen lookouts, "
        "and agreement with the advance data announced for the same document."
    ),
)
def document_check(request: HttpRequest, payload: DocumentCheckIn) -> dict[str, Any]:
    require(request.user, Action.ADD, Resource.SCREENING)
    flight = None
    if payload.flight_id is not None:
        require(request.user, Action.VIEW, Resource.ADVANCE_DATA)
        flight = get_object_or_404(
            scoped(request.user, Resource.ADVANCE_DATA, ExpectedFlight.objects.all()),
            pk=payload.flight_id,
        )
    try:
        outcome = services.check_presented_document(
            mrz=payload.mrz,
            on=payload.on or timezone.localdate(),
            stay_until=payload.stay_until,
            flight=flight,
            user=request.user,
        )
    except ValueError as error:
        raise HttpError(400, str(error)) from error
    return {
        "reading": outcome.reading.to_json(),
        "ruleset": outcome.result.ruleset,
        "referral_advised": outcome.result.referral_advised,
        "findings": [
            {"rule": f.rule, "severity": str(f.severity), "reason": f.reason}
            for f in outcome.result.findings
        ],
        "announced_traveller_id": outcome.announced.pk if outcome.announced else None,
    }
