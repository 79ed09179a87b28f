"""The curated tables shipped with BorderOps: ports, patrol sectors, checkpoints, registries."""

from __future__ import annotations

from importlib.resources import files

import pytest

from borderops.core.reference.patrol import curated_patrol, parse_patrol_tables
from borderops.core.reference.ports import curated_ports, field_office_for
from borderops.core.reference.registries import airports, countries, currencies

USBP_SECTORS = {
    "SDC", "ELC", "YUM", "TCA", "EPT", "BBT", "DRT", "LRT", "RGV", "BLW",
    "SPW", "HVM", "GFN", "DTM", "BUN", "SWB", "HTM", "MIP", "NOL", "RMY",
}  # fmt: skip


def _in_range(latitude: float | None, longitude: float | None) -> bool:
    return (
        latitude is not None
        and longitude is not None
        and -90 <= latitude <= 90
        and (-180 <= longitude <= 180)
    )


def test_curated_port_codes_are_unique_four_digit_codes_with_coordinates() -> None:
    ports = curated_ports()

    codes = [port.code for port in ports]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 4 and code.isdigit() for code in codes)
    assert all(_in_range(port.latitude, port.longitude) for port in ports)


def test_curated_patrol_tables_load_without_errors() -> None:
    assert curated_patrol().errors == ()


def test_the_20_border_patrol_sectors_are_listed_once_each() -> None:
    sectors = curated_patrol().sectors

    assert {sector.code for sector in sectors} == USBP_SECTORS
    assert len(sectors) == 20
    assert all(_in_range(sector.latitude, sector.longitude) for sector in sectors)
    assert all(sector.headquarters for sector in sectors)


def test_every_checkpoint_has_a_listed_sector_a_kind_and_a_place() -> None:
    tables = curated_patrol()

    codes = [checkpoint.code for checkpoint in tables.checkpoints]
    assert len(codes) == len(set(codes))
    assert {checkpoint.sector for checkpoint in tables.checkpoints} <= USBP_SECTORS
    assert {checkpoint.kind for checkpoint in tables.checkpoints} == {"permanent", "tactical"}
    assert all(_in_range(c.latitude, c.longitude) for c in tables.checkpoints)
    assert sum(c.kind == "permanent" for c in tables.checkpoints) >= 24


def test_tactical_checkpoints_have_ordered_active_periods() -> None:
    tactical = [c for c in curated_patrol().checkpoints if c.kind == "tactical"]

    assert tactical
    for checkpoint in tactical:
        assert checkpoint.periods
        starts = [period.starts_on for period in checkpoint.periods]
        assert starts == sorted(starts)
        assert all(p.ends_on is None or p.ends_on >= p.starts_on for p in checkpoint.periods)


@pytest.mark.parametrize("table", ["patrol_sectors.csv", "checkpoints.csv"])
def test_curated_tables_say_their_coordinates_are_approximate(table: str) -> None:
    text = files("borderops.core.reference").joinpath(f"data/{table}").read_text()

    assert text.startswith("#")
    assert "approximate public locations" in text.splitlines()[0] + text.splitlines()[1]


def test_a_checkpoint_naming_an_unknown_sector_is_reported_on_its_physical_line() -> None:
    sectors = ("sectors.csv", ["code,name,border,headquarters,latitude,longitude\n",
                               "SDC,San Diego,US-Mexico,Chula Vista,32.6,-117.1\n"])  # fmt: skip
    checkpoints = (
        "checkpoints.csv",
        [
            "# a comment line\n",
            "code,name,sector,kind,road,latitude,longitude\n",
            "SDC-I5,San Clemente,SDC,permanent,I-5,33.4,-117.6\n",
            "XXX-1,Nowhere,XXX,permanent,I-0,33.4,-117.6\n",
            "SDC-I15,Temecula,SDC,sometimes,I-15,33.4,-117.1\n",
        ],
    )
    periods = ("periods.csv", ["checkpoint,starts_on,ends_on\n", "GONE,2024-01-01,\n"])

    tables = parse_patrol_tables(sectors=sectors, checkpoints=checkpoints, periods=periods)

    assert [(e.path, e.line) for e in tables.errors] == [
        ("checkpoints.csv", 4),
        ("checkpoints.csv", 5),
        ("periods.csv", 2),
    ]
    assert "sector 'XXX'" in tables.errors[0].reason
    assert [c.code for c in tables.checkpoints] == ["SDC-I5"]


def test_countries_include_every_iso_country_and_kosovo() -> None:
    by_code = {country.alpha2: country for country in countries()}

    assert by_code["US"].alpha3 == "USA"
    assert by_code["MX"].name == "Mexico"
    assert by_code["XK"].alpha3 == "XKX"
    assert len(by_code) >= 249


def test_currencies_include_the_dollar_and_the_peso() -> None:
    codes = {currency.code for currency in currencies()}

    assert {"USD", "MXN", "CAD", "EUR"} <= codes


def test_airports_are_keyed_by_icao_code_and_load_without_errors() -> None:
    records, errors = airports()

    by_icao = {airport.icao: airport for airport in records}
    assert errors == ()
    assert by_icao["KLAX"].iata == "LAX"
    assert by_icao["KLAX"].country == "US"
    assert all(len(icao) == 4 for icao in by_icao)


@pytest.mark.parametrize(
    ("code", "office"),
    [("2504", "San Diego"), ("0106", "Boston"), ("3016", "Seattle"), ("5206", "")],
)
def test_field_office_follows_the_district_of_a_land_port(code: str, office: str) -> None:
    assert field_office_for(code) == office
