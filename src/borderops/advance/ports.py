"""Which port of entry serves an airport, and which airport a port of entry serves."""

from __future__ import annotations

import math
from typing import Any

from borderops.reference.models import Airport, PortOfEntry

# An airport is served by the air port of entry nearest to it, within this distance.
PORT_RADIUS_KM = 60.0


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
