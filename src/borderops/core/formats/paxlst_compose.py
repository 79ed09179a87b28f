"""Writing a UN/EDIFACT PAXLST D05B manifest from traveller records.

Used by tests (round trips), ``bench/edifact_bench.py`` and the demo to produce manifests
that ``parse_paxlst`` reads back unchanged. Free text is escaped with the release character,
so names such as ``O'NEIL`` survive.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

from borderops.core.formats.types import FlightLeg, ManifestTraveller, Role, TravelDocumentRecord

_SPECIAL = "?:+'"


def _escape(value: str | None) -> str:
    return "".join(f"?{c}" if c in _SPECIAL else c for c in (value or ""))


def _yymmdd(iso: str) -> str:
    return iso[2:4] + iso[5:7] + iso[8:10]


def _stamp(iso: str) -> str:
    """``2007-02-19T15:40`` as DTM format 201 (YYMMDDHHMM)."""
    return _yymmdd(iso) + iso[11:13] + iso[14:16]


def _leg_segments(leg: FlightLeg) -> list[str]:
    segments = [f"TDT+20+{_escape(leg.flight)}+++{_escape(leg.carrier)}"]
    if leg.departure_port:
        segments.append(f"LOC+125+{_escape(leg.departure_port)}")
    if leg.departure_time:
        segments.append(f"DTM+189:{_stamp(leg.departure_time)}:201")
    if leg.arrival_port:
        segments.append(f"LOC+87+{_escape(leg.arrival_port)}")
    if leg.arrival_time:
        segments.append(f"DTM+232:{_stamp(leg.arrival_time)}:201")
    return segments


def _traveller_segments(traveller: ManifestTraveller) -> list[str]:
    qualifier = "FL" if traveller.role == "passenger" else "FM"
    given = ":".join(_escape(part) for part in traveller.given_names.split())
    segments = [f"NAD+{qualifier}+++{_escape(traveller.surname)}" + (f":{given}" if given else "")]
    if traveller.sex:
        segments.append(f"ATT+2++{traveller.sex}")
    if traveller.birth_date:
        segments.append(
            f"DTM+329:{traveller.birth_date[:4]}{traveller.birth_date[5:7]}{traveller.birth_date[8:10]}:102"
        )
    for qualifier_code, port in (
        ("174", traveller.residence_country),
        ("178", traveller.embarkation_port),
        ("179", traveller.debarkation_port),
        ("180", traveller.birth_place),
    ):
        if port:
            segments.append(f"LOC+{qualifier_code}+{_escape(port)}")
    if traveller.nationality:
        segments.append(f"NAT+2+{_escape(traveller.nationality)}")
    segments.extend(f"RFF+{_escape(q)}:{_escape(v)}" for q, v in traveller.references)
    for document in traveller.documents:
        segments.append(f"DOC+{_escape(document.type)}:110:111+{_escape(document.number)}")
        if document.expiry:
            segments.append(f"DTM+36:{document.expiry.replace('-', '')}:102")
        if document.issuer:
            segments.append(f"LOC+91+{_escape(document.issuer)}")
    return segments


def compose_paxlst(
    travellers: Sequence[ManifestTraveller],
    legs: Sequence[FlightLeg],
    *,
    sender: str = "BORDEROPS",
    recipient: str = "AGENCY",
    reference: str = "1",
    prepared_at: str = "2024-01-01T00:00",
    kind: Role = "passenger",
) -> str:
    """A complete interchange (UNA … UNZ) with one PAXLST D05B message, one segment a line.

    Travellers' flight fields are not written: the parser derives them from the legs and
    the debarkation port.
    """
    body = [
        "BGM+" + ("745" if kind == "passenger" else "250"),
        f"NAD+MS+++{_escape(sender)}",
    ]
    for leg in legs:
        body.extend(_leg_segments(leg))
    for traveller in travellers:
        body.extend(_traveller_segments(traveller))
    body.append(f"CNT+{'42' if kind == 'passenger' else '41'}:{len(travellers)}")
    stamp = _stamp(prepared_at)
    message = [f"UNH+{reference}+PAXLST:D:05B:UN:IATA", *body]
    message.append(f"UNT+{len(message) + 1}+{reference}")
    segments = [
        f"UNB+UNOA:4+{_escape(sender)}+{_escape(recipient)}+{stamp[:6]}:{stamp[6:]}+{reference}",
        *message,
        f"UNZ+1+{reference}",
    ]
    return "UNA:+.? '\n" + "".join(f"{segment}'\n" for segment in segments)


_SURNAMES = ("GARCIA", "SMITH", "O'NEIL", "NGUYEN", "MÜLLER", "KOWALSKI", "DUBOIS", "SILVA")
_GIVEN = ("ANA", "JOHN", "MARIA JOSE", "WEI", "ANNA", "PIOTR", "CLAIRE", "JOAO")
_COUNTRIES = ("USA", "MEX", "GBR", "VNM", "DEU", "POL", "FRA", "BRA")


def synthetic_manifest(passengers: int, *, seed: int = 2015) -> str:
    """A D05B manifest of ``passengers`` made-up passengers on one leg (for benchmarks)."""
    rng = random.Random(seed)
    leg = FlightLeg("UA", "988", "UA988", "FRA", "IAD", "2024-03-01T12:20", "2024-03-01T15:05")
    travellers = []
    for index in range(passengers):
        country = rng.choice(_COUNTRIES)
        travellers.append(
            ManifestTraveller(
                role="passenger",
                surname=rng.choice(_SURNAMES),
                given_names=rng.choice(_GIVEN),
                birth_date=date(
                    rng.randint(1940, 2020), rng.randint(1, 12), rng.randint(1, 28)
                ).isoformat(),
                sex=rng.choice(("M", "F", "X")),
                nationality=country,
                document_type="P",
                document_number=f"X{index:08d}",
                document_expiry="2030-06-30",
                document_issuer=country,
                residence_country=country,
                birth_place=None,
                embarkation_port="FRA",
                debarkation_port="IAD",
                documents=(TravelDocumentRecord("P", f"X{index:08d}", "2030-06-30", country),),
                references=(("AVF", f"R{index:05d}"),),
                segment_number=0,
                flight=None,
                departure_port=None,
                arrival_port=None,
                departure_time=None,
                arrival_time=None,
            )
        )
    return compose_paxlst(travellers, [leg], reference=f"{seed}")
