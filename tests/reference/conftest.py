"""Fixtures for the reference app: small BTS files and loaded reference data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

BTS_HEADER = "Port Name,State Abbreviation,Port Code,Border,Date,Measure,Value,Location\n"


def _bts_row(
    code: str,
    month: str,
    measure: str,
    value: str,
    *,
    name: str = "Laurier",
    state: str = "WA",
    border: str = "US-Canada Border",
    location: str = "WASHINGTON\n(49.0, -118.22)",
) -> str:
    """One BTS record; its Location spans two physical lines, as in the published file."""
    return f'{name},{state},{code},{border},{month} 12:00:00 AM,{measure},{value},"{location}"\n'


@pytest.fixture
def bts_row() -> Callable[..., str]:
    """Make one BTS record: bts_row(code, "01/01/2019", "Trucks", '"4,556"', name=...)."""
    return _bts_row


@pytest.fixture
def write_bts(tmp_path: Path) -> Callable[..., Path]:
    """Write BTS records (with the published file's BOM) to a file and return its path."""

    def write(*rows: str, name: str = "bts.csv") -> Path:
        path = tmp_path / name
        path.write_text("\ufeff" + BTS_HEADER + "".join(rows), encoding="utf-8")
        return path

    return write


@pytest.fixture
def reference_data(
    db: Any, write_bts: Callable[..., Path], bts_row: Callable[..., str]
) -> dict[str, Any]:
    """Countries, curated ports, built-in HS codes, patrol data and two ports' traffic."""
    from borderops.reference import services

    services.load_countries()
    services.load_curated_ports()
    services.load_hs()
    services.load_sectors_and_checkpoints()
    bts = write_bts(
        bts_row("3016", "11/01/2018", "Trucks", '"1,200"'),
        bts_row("3016", "12/01/2018", "Trucks", '"1,350"'),
        bts_row("3016", "12/01/2018", "Buses", "12"),
        bts_row(
            "2504",
            "12/01/2018",
            "Pedestrians",
            '"926,266"',
            name="San Ysidro",
            state="CA",
            border="US-Mexico Border",
            location="CALIFORNIA\n(32.54, -117.03)",
        ),
    )
    return {"bts": services.load_bts(bts)}


@pytest.fixture
def officer_client(client: Any, make_user: Callable[..., Any]) -> Any:
    """A test client signed in as a port officer."""
    client.force_login(make_user("officer"))
    return client
