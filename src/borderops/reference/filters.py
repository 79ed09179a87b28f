"""The searches and filters over reference data that pages and the API share."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from borderops.core.reference.ports import MODES
from borderops.reference.choices import CheckpointKind
from borderops.reference.models import Airport, Checkpoint, Country, HsCode, PortOfEntry


def filter_ports(
    ports: QuerySet[PortOfEntry],
    *,
    text: str = "",
    mode: str = "",
    border: str = "",
    field_office: str = "",
    state: str = "",
) -> QuerySet[PortOfEntry]:
    """Ports whose code starts with or whose name contains ``text``, with the given mode etc."""
    if text:
        ports = ports.filter(Q(code__startswith=text) | Q(name__icontains=text))
    if mode in MODES:
        ports = ports.filter(**{mode: True})
    if border:
        ports = ports.filter(border__iexact=border)
    if field_office:
        ports = ports.filter(field_office__iexact=field_office)
    if state:
        ports = ports.filter(state__iexact=state)
    return ports.order_by("code")


def search_countries(countries: QuerySet[Country], *, text: str = "") -> QuerySet[Country]:
    """Countries whose name contains ``text`` or whose alpha-2 or alpha-3 code it is."""
    if text:
        countries = countries.filter(
            Q(name__icontains=text)
            | Q(official_name__icontains=text)
            | Q(alpha2__iexact=text)
            | Q(alpha3__iexact=text)
        )
    return countries.order_by("name")


def search_airports(
    airports: QuerySet[Airport], *, text: str = "", country: str = ""
) -> QuerySet[Airport]:
    """Airports matching an IATA or ICAO code, or a name, city or country containing ``text``.

    When searching, airports with an IATA code (those travellers name) come first.
    """
    airports = airports.select_related("country")
    if country:
        airports = airports.filter(country_id=country.upper())
    if not text:
        return airports.order_by("icao")
    airports = airports.filter(
        Q(iata__iexact=text)
        | Q(icao__iexact=text)
        | Q(name__icontains=text)
        | Q(city__icontains=text)
        | Q(country__name__icontains=text)
        | Q(country__alpha2__iexact=text)
    )
    return airports.order_by("-iata", "icao")


def search_hs(codes: QuerySet[HsCode], *, text: str = "", prefix: str = "") -> QuerySet[HsCode]:
    """HS codes starting with ``prefix`` whose description holds every word of ``text``.

    A ``text`` that is only a code (``8517`` or ``8517.13``) searches by code instead.
    """
    prefix = prefix.replace(".", "").strip()
    if prefix:
        codes = codes.filter(code__startswith=prefix)
    words = text.split()
    if len(words) == 1 and words[0].replace(".", "").isdigit():
        return codes.filter(code__startswith=words[0].replace(".", "")).order_by("code")
    for word in words:
        codes = codes.filter(description__icontains=word)
    return codes.order_by("code")


def filter_checkpoints(
    checkpoints: QuerySet[Checkpoint], *, kind: str = "", sector: str = ""
) -> QuerySet[Checkpoint]:
    """Checkpoints of a kind (permanent or tactical) and of a sector, by sector and name."""
    if kind in CheckpointKind.values:
        checkpoints = checkpoints.filter(kind=kind)
    if sector:
        checkpoints = checkpoints.filter(sector_id=sector.upper())
    return checkpoints.select_related("sector").order_by("sector__name", "kind", "name")
