"""API: reference data for other systems — ports and their traffic, countries, airports, HS
codes, patrol sectors and checkpoints. Every route needs the reference view permission."""

# No ``from __future__ import annotations``: django-ninja reads the parameter annotations of
# paginated routes at runtime, from the pagination module's namespace.
from datetime import date
from typing import Any, Literal

from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from borderops.accounts.permissions import Action, Resource, require
from borderops.reference.filters import (
    filter_checkpoints,
    filter_ports,
    search_airports,
    search_countries,
    search_hs,
)
from borderops.reference.models import (
    Airport,
    Checkpoint,
    CheckpointActivePeriod,
    Country,
    HsCode,
    PatrolSector,
    PortOfEntry,
    PortTraffic,
)

router = Router(tags=["reference"])

Mode = Literal["land", "sea", "air", "rail"]
Kind = Literal["permanent", "tactical"]


# --------------------------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------------------------


class DetailOut(Schema):
    detail: str = Field(description="What went wrong.")


class PortOut(Schema):
    code: str = Field(description="Four-digit CBP port code: district (2 digits) and port (2).")
    name: str = Field(description="Name of the port of entry.")
    modes: list[str] = Field(description="Modes of transport handled: land, sea, air, rail.")
    border: str = Field(description="US-Canada, US-Mexico, Coast or Interior; may be empty.")
    state: str = Field(description="Two-letter state or territory code; may be empty.")
    latitude: float | None = Field(description="Latitude in decimal degrees, when known.")
    longitude: float | None = Field(description="Longitude in decimal degrees, when known.")
    field_office: str = Field(description="CBP field office over the port; may be empty.")


class TrafficOut(Schema):
    month: date = Field(description="First day of the month counted.")
    measure: str = Field(description="What was counted, e.g. Trucks or Pedestrians.")
    value: int = Field(description="Inbound crossings counted in the month.")
    source: str = Field(description="Where the count came from, e.g. bts.")


class CountryOut(Schema):
    alpha2: str = Field(description="ISO 3166-1 alpha-2 code.")
    alpha3: str = Field(description="ISO 3166-1 alpha-3 code.")
    numeric: str = Field(description="ISO 3166-1 numeric code; may be empty.")
    name: str = Field(description="Common name.")
    official_name: str = Field(description="Official name; may be empty.")


class AirportOut(Schema):
    icao: str = Field(description="ICAO location indicator (four characters).")
    iata: str = Field(description="IATA code (three letters); empty when none is assigned.")
    name: str = Field(description="Name of the airport.")
    city: str = Field(description="City served.")
    country: str | None = Field(
        alias="country_id", description="ISO alpha-2 code of the country, when loaded."
    )
    latitude: float = Field(description="Latitude in decimal degrees.")
    longitude: float = Field(description="Longitude in decimal degrees.")


class HsOut(Schema):
    code: str = Field(description="HS code: 2 digits chapter, 4 heading, 6 subheading.")
    description: str = Field(description="Description of the goods the code covers.")
    section: str = Field(description="HS section as a Roman numeral (I to XXI); may be empty.")
    parent: str | None = Field(alias="parent_id", description="The code one level up.")
    level: int = Field(description="Number of digits: 2, 4 or 6.")


class HsDetailOut(HsOut):
    children: list[HsOut] = Field(description="The codes one level down.")


class SectorOut(Schema):
    code: str = Field(description="Border Patrol sector code, e.g. SDC for San Diego.")
    name: str = Field(description="Name of the sector.")
    border: str = Field(description="US-Mexico, US-Canada or Coast.")
    headquarters: str = Field(description="Town of the sector headquarters.")
    latitude: float | None = Field(description="Approximate latitude of the headquarters.")
    longitude: float | None = Field(description="Approximate longitude of the headquarters.")
    checkpoints: int = Field(
        alias="checkpoint_count", description="Number of checkpoints in the sector."
    )


class PeriodOut(Schema):
    starts_on: date = Field(description="First day the checkpoint is staffed.")
    ends_on: date | None = Field(description="Last day staffed; null while it continues.")


class CheckpointOut(Schema):
    code: str = Field(description="Checkpoint code.")
    name: str = Field(description="Name of the checkpoint.")
    sector: str = Field(alias="sector_id", description="Code of its Border Patrol sector.")
    kind: Kind = Field(description="permanent or tactical.")
    road: str = Field(description="Road the checkpoint stands on.")
    latitude: float = Field(description="Approximate latitude (public location).")
    longitude: float = Field(description="Approximate longitude (public location).")
    active_periods: list[PeriodOut] = Field(description="When it is staffed, latest first.")


# --------------------------------------------------------------------------------------------
# Routes
# --------------------------------------------------------------------------------------------


def _may_view(request: HttpRequest) -> None:
    require(request.user, Action.VIEW, Resource.REFERENCE)


def _port(code: str) -> PortOfEntry:
    port = PortOfEntry.objects.filter(code=code).first()
    if port is None:
        raise HttpError(404, f"No port of entry has code {code!r}; codes have four digits.")
    return port


@router.get("/ports", response=list[PortOut], summary="Ports of entry")
@paginate
def list_ports(
    request: HttpRequest,
    mode: Mode | None = None,
    border: str = "",
    q: str = "",
) -> QuerySet[PortOfEntry]:
    """Ports of entry by code; ``q`` matches the start of the code or part of the name."""
    _may_view(request)
    return filter_ports(PortOfEntry.objects.all(), text=q, mode=mode or "", border=border)


@router.get("/ports/{code}", response={200: PortOut, 404: DetailOut}, summary="One port of entry")
def get_port(request: HttpRequest, code: str) -> PortOfEntry:
    _may_view(request)
    return _port(code)


@router.get(
    "/ports/{code}/traffic",
    response={200: list[TrafficOut], 404: DetailOut},
    summary="Monthly inbound traffic at a port",
)
@paginate
def port_traffic(
    request: HttpRequest,
    code: str,
    measure: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[PortTraffic]:
    """Monthly counts, latest month first; ``since`` and ``until`` bound the months."""
    _may_view(request)
    traffic = PortTraffic.objects.filter(port=_port(code))
    if measure:
        traffic = traffic.filter(measure__iexact=measure)
    if since:
        traffic = traffic.filter(month__gte=since)
    if until:
        traffic = traffic.filter(month__lte=until)
    return traffic.order_by("-month", "measure")


@router.get("/countries", response=list[CountryOut], summary="Countries and territories")
@paginate
def list_countries(request: HttpRequest, q: str = "") -> QuerySet[Country]:
    """Countries by name; ``q`` matches part of a name or an alpha-2 or alpha-3 code."""
    _may_view(request)
    return search_countries(Country.objects.all(), text=q)


@router.get("/airports", response=list[AirportOut], summary="Airports")
@paginate
def list_airports(request: HttpRequest, q: str = "", country: str = "") -> QuerySet[Airport]:
    """Airports; ``q`` matches an IATA or ICAO code or part of a name, city or country."""
    _may_view(request)
    return search_airports(Airport.objects.all(), text=q, country=country)


@router.get("/hs", response=list[HsOut], summary="HS codes")
@paginate
def list_hs(request: HttpRequest, q: str = "", prefix: str = "") -> QuerySet[HsCode]:
    """HS codes by code; ``prefix`` keeps codes starting with it, ``q`` words in descriptions."""
    _may_view(request)
    return search_hs(HsCode.objects.all(), text=q, prefix=prefix)


@router.get("/hs/{code}", response={200: HsDetailOut, 404: DetailOut}, summary="One HS code")
def get_hs(request: HttpRequest, code: str) -> dict[str, Any]:
    _may_view(request)
    hs = HsCode.objects.filter(code=code.replace(".", "")).first()
    if hs is None:
        raise HttpError(404, f"No HS code {code!r} is loaded.")
    return {
        "code": hs.code,
        "description": hs.description,
        "section": hs.section,
        "parent_id": hs.parent_id,
        "level": hs.level,
        "children": list(hs.children.order_by("code")),
    }


@router.get("/sectors", response=list[SectorOut], summary="Border Patrol sectors")
def list_sectors(request: HttpRequest) -> QuerySet[PatrolSector]:
    _may_view(request)
    return PatrolSector.objects.annotate(checkpoint_count=Count("checkpoints")).order_by("code")


@router.get("/checkpoints", response=list[CheckpointOut], summary="Checkpoints")
def list_checkpoints(
    request: HttpRequest, kind: Kind | None = None, sector: str = ""
) -> QuerySet[Checkpoint]:
    """Checkpoints by sector, with the periods they are staffed."""
    _may_view(request)
    periods = Prefetch(
        "active_periods", queryset=CheckpointActivePeriod.objects.order_by("-starts_on")
    )
    checkpoints = Checkpoint.objects.prefetch_related(periods)
    return filter_checkpoints(checkpoints, kind=kind or "", sector=sector)
