"""API: travellers, crossings and shipments, scoped and audited like the pages."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from borderops.accounts.permissions import Action, Resource, require, scoped
from borderops.audit.services import record_read
from borderops.crossings.models import Crossing, Shipment, Traveller

router = Router(tags=["crossings"])


class TravellerOut(Schema):
    id: int
    reference: str
    surname: str
    given_names: str
    native_name: str
    birth_date: date
    sex: str
    nationality: str

    @staticmethod
    def resolve_nationality(obj: Traveller) -> str:
        return obj.nationality_id


class CrossingOut(Schema):
    id: int
    reference: str
    traveller_id: int
    port: str
    mode: str
    conveyance: str
    crossed_at: datetime
    currency_declared_usd: Decimal
    agricultural_declared: bool

    @staticmethod
    def resolve_port(obj: Crossing) -> str:
        return obj.port_id


class ShipmentOut(Schema):
    id: int
    reference: str
    mode: str
    port: str
    arrival_date: date
    hs_code: str
    description: str
    value: Decimal
    currency: str
    gross_kg: float
    net_kg: float
    origin: str
    export_country: str
    route: str
    shipper: str
    consignee: str

    @staticmethod
    def resolve_port(obj: Shipment) -> str:
        return obj.port_id


class AuditedPagination(LimitOffsetPagination):
    """Limit/offset pagination that logs the travellers on the returned page as read."""

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        record_read(records=page["items"], model=Traveller, purpose="api")
        return page


@router.get("/travellers", response=list[TravellerOut], summary="Search travellers")
@paginate(AuditedPagination)
def list_travellers(request: HttpRequest, q: str = "") -> Any:
    require(request.user, Action.VIEW, Resource.TRAVELLER)
    travellers = scoped(request.user, Resource.TRAVELLER, Traveller.objects.all())
    if q:
        travellers = travellers.filter(Q(surname__icontains=q) | Q(given_names__icontains=q))
    return travellers.order_by("surname", "given_names", "pk")


@router.get("/travellers/{traveller_id}", response=TravellerOut, summary="One traveller")
def get_traveller(request: HttpRequest, traveller_id: int) -> Traveller:
    require(request.user, Action.VIEW, Resource.TRAVELLER)
    traveller = get_object_or_404(
        scoped(request.user, Resource.TRAVELLER, Traveller.objects.all()), pk=traveller_id
    )
    record_read(records=[traveller], model=Traveller, purpose="api")
    return traveller


@router.get("/crossings", response=list[CrossingOut], summary="Crossings, newest first")
@paginate(LimitOffsetPagination)
def list_crossings(request: HttpRequest, port: str = "", mode: str = "") -> Any:
    require(request.user, Action.VIEW, Resource.CROSSING)
    crossings = scoped(request.user, Resource.CROSSING, Crossing.objects.all())
    if port:
        crossings = crossings.filter(port_id=port)
    if mode:
        crossings = crossings.filter(mode=mode)
    return crossings.order_by("-crossed_at", "pk")


@router.get("/shipments", response=list[ShipmentOut], summary="Customs entries, newest first")
@paginate(LimitOffsetPagination)
def list_shipments(request: HttpRequest, hs: str = "", origin: str = "") -> Any:
    require(request.user, Action.VIEW, Resource.SHIPMENT)
    shipments = scoped(request.user, Resource.SHIPMENT, Shipment.objects.all())
    if hs:
        shipments = shipments.filter(hs_code__startswith=hs)
    if origin:
        shipments = shipments.filter(origin=origin.upper())
    return shipments.order_by("-arrival_date", "reference")
