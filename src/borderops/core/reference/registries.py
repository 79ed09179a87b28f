"""Countries, currencies and airports from the public registries BorderOps ships with.

Countries and currencies come from ``pycountry`` (ISO 3166-1 and ISO 4217); airports from
``airportsdata`` (ICAO-keyed, with IATA codes where assigned). Kosovo is added to the
countries under the user-assigned code ``XK``/``XKX`` that travel documents and the airport
registry use, although ISO 3166-1 does not list it.
"""

from __future__ import annotations

from functools import cache

import airportsdata
import pycountry

from borderops.core.reference.types import AirportRecord, CountryRecord, CurrencyRecord, RowError

AIRPORTS_SOURCE = "airportsdata"
KOSOVO = CountryRecord(
    alpha2="XK", alpha3="XKX", numeric="", name="Kosovo", official_name="Republic of Kosovo"
)
NO_ICAO_CODE = "_"
MAX_AIRPORT_NAME = 200
MAX_CITY = 100


@cache
def countries() -> tuple[CountryRecord, ...]:
    """Every country and territory of ISO 3166-1, plus Kosovo, ordered by alpha-2 code."""
    records = [
        CountryRecord(
            alpha2=country.alpha_2,
            alpha3=country.alpha_3,
            numeric=getattr(country, "numeric", "") or "",
            name=getattr(country, "common_name", None) or country.name,
            official_name=getattr(country, "official_name", "") or "",
        )
        for country in pycountry.countries
    ]
    if all(record.alpha2 != KOSOVO.alpha2 for record in records):
        records.append(KOSOVO)
    return tuple(sorted(records, key=lambda record: record.alpha2))


@cache
def currencies() -> tuple[CurrencyRecord, ...]:
    """Every currency of ISO 4217, ordered by code."""
    records = [
        CurrencyRecord(
            code=currency.alpha_3,
            numeric=getattr(currency, "numeric", "") or "",
            name=currency.name,
        )
        for currency in pycountry.currencies
    ]
    return tuple(sorted(records, key=lambda record: record.code))


def airports() -> tuple[tuple[AirportRecord, ...], tuple[RowError, ...]]:
    """Every airport of the airport registry, ordered by ICAO code, and the entries unfit to load.

    An entry is unfit when its ICAO code is not four letters or digits, its IATA code is not
    three, its name is missing or its coordinates are out of range; the ``line`` of such an
    error is the entry's position in ICAO order. The few entries the registry keeps without
    an ICAO code (keyed ``_`` + IATA code) are left out, since airports are keyed by ICAO code.
    """
    records: list[AirportRecord] = []
    errors: list[RowError] = []
    for position, (icao, entry) in enumerate(sorted(airportsdata.load("ICAO").items()), start=1):
        if icao.startswith(NO_ICAO_CODE):
            continue
        iata = entry["iata"] or ""
        latitude, longitude = float(entry["lat"]), float(entry["lon"])
        reason = ""
        if len(icao) != 4 or not icao.isalnum():
            reason = f"ICAO code {icao!r} is not four letters or digits."
        elif iata and (len(iata) != 3 or not iata.isalnum()):
            reason = f"Airport {icao} has IATA code {iata!r}, which is not three letters."
        elif not entry["name"]:
            reason = f"Airport {icao} has no name."
        elif not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            reason = f"Airport {icao} has coordinates out of range."
        if reason:
            errors.append(RowError(AIRPORTS_SOURCE, position, reason))
            continue
        records.append(
            AirportRecord(
                icao=icao,
                iata=iata,
                name=entry["name"][:MAX_AIRPORT_NAME],
                city=(entry["city"] or "")[:MAX_CITY],
                country=entry["country"] or "",
                latitude=latitude,
                longitude=longitude,
            )
        )
    return tuple(records), tuple(errors)
