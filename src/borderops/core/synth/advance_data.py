"""PAXLST manifests for the synthetic air crossings: the advance data airlines would have sent.

Each flight of the dataset (air crossings grouped by flight number, port and day) becomes
one D05B manifest naming its travellers with the documents they crossed on, so the demo's
flight view shows the same people, lookout hits included, that the crossings record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from borderops.core.formats.paxlst_compose import compose_paxlst
from borderops.core.formats.types import FlightLeg, ManifestTraveller, TravelDocumentRecord
from borderops.core.synth.types import SynthDataset

# Where the synthetic international flights come from; one is picked per flight number.
ORIGIN_AIRPORTS = ("LHR", "FRA", "CDG", "MEX", "NRT", "ICN", "GRU", "MAD", "AMS", "BOG", "DXB")
# Scheduled block time of the synthetic flights, before the crossing time at the port.
BLOCK_TIME = timedelta(hours=9)


@dataclass(frozen=True)
class SyntheticManifest:
    """One flight's manifest: a file name, the EDIFACT text, and how many travellers it has."""

    name: str
    text: str
    flight: str
    travellers: int


def flight_manifests(
    dataset: SynthDataset, *, arrival_airports: Mapping[str, str]
) -> list[SyntheticManifest]:
    """One manifest per synthetic flight arriving at a port that ``arrival_airports`` maps
    (port of entry code → IATA airport code); flights elsewhere are left out."""
    travellers = {row["id"]: row for row in dataset.tables["travellers"].to_pylist()}
    documents = {row["id"]: row for row in dataset.tables["documents"].to_pylist()}
    flights: dict[tuple[str, str, date], list[dict[str, Any]]] = {}
    for crossing in dataset.tables["crossings"].to_pylist():
        if crossing["mode"] != "air" or crossing["port"] not in arrival_airports:
            continue
        key = (crossing["conveyance"], crossing["port"], crossing["crossed_at"].date())
        flights.setdefault(key, []).append(crossing)
    manifests = []
    for (flight, port, day), crossings in sorted(flights.items()):
        arrival = min(crossing["crossed_at"] for crossing in crossings)
        leg = _leg(flight, arrival_airports[port], arrival)
        on_board = [
            _traveller(travellers[c["traveller_id"]], documents.get(c["document_id"]), leg)
            for c in crossings
        ]
        reference = f"{flight}{day:%y%m%d}"
        manifests.append(
            SyntheticManifest(
                name=f"{reference}-{leg.arrival_port}.paxlst.edi",
                text=compose_paxlst(
                    on_board,
                    [leg],
                    sender=f"{flight[:2]}APIS",
                    reference=reference[:14],
                    prepared_at=(arrival - BLOCK_TIME - timedelta(hours=1)).isoformat(),
                ),
                flight=flight,
                travellers=len(on_board),
            )
        )
    return manifests


def _leg(flight: str, arrival_port: str, arrival: datetime) -> FlightLeg:
    digest = int(hashlib.sha256(flight.encode()).hexdigest(), 16)
    return FlightLeg(
        carrier=flight[:2],
        number=flight[2:],
        flight=flight,
        departure_port=ORIGIN_AIRPORTS[digest % len(ORIGIN_AIRPORTS)],
        arrival_port=arrival_port,
        departure_time=(arrival - BLOCK_TIME).isoformat(timespec="minutes"),
        arrival_time=arrival.isoformat(timespec="minutes"),
    )


def _traveller(
    person: dict[str, Any], document: dict[str, Any] | None, leg: FlightLeg
) -> ManifestTraveller:
    code = (document or {}).get("document_code") or "P"
    record = (
        TravelDocumentRecord(
            type=code[:1],
            number=document["document_number"],
            expiry=document["expiry_date"].isoformat() if document["expiry_date"] else None,
            issuer=document["issuing_state"],
        )
        if document
        else None
    )
    return ManifestTraveller(
        role="passenger",
        surname=person["surname"],
        given_names=person["given_names"] or "",
        birth_date=person["birth_date"].isoformat() if person["birth_date"] else None,
        sex=person["sex"] or None,
        nationality=person["nationality"],
        document_type=record.type if record else None,
        document_number=record.number if record else None,
        document_expiry=record.expiry if record else None,
        document_issuer=record.issuer if record else None,
        residence_country=person["nationality"],
        birth_place=None,
        embarkation_port=leg.departure_port,
        debarkation_port=leg.arrival_port,
        documents=(record,) if record else (),
        references=(),
        segment_number=0,
        flight=None,
        departure_port=None,
        arrival_port=None,
        departure_time=None,
        arrival_time=None,
    )
