from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

LOOKOUTS = (
    "id,list,entity_type,name,aliases,birth_date,nationality,document_number,plate,vin,imo,reason\n"
    "L1,wanted_persons,person,Ivan Petrovich SIDOROV,,1971-04-12,RUS,,,,,fugitive warrant\n"
    "L3,lost_stolen_documents,document,Maria GARCIA LOPEZ,,1985-09-30,MEX,G12345678,,,,reported stolen\n"
)


@pytest.fixture
def manifest_text() -> str:
    """BA117 London to New York on 2026-12-01: a wanted man, a stolen passport, an expired
    passport, and one traveller with nothing against her."""
    return (FIXTURES / "ba117.paxlst.edi").read_text(encoding="utf-8")


@pytest.fixture
def kennedy(organisation_tree: dict[str, Any]) -> Any:
    """JFK as a port of entry with its own unit under the agency."""
    from borderops.accounts.choices import OrganisationKind
    from borderops.accounts.services import save_organisation
    from borderops.reference.models import Airport, PortOfEntry

    PortOfEntry.objects.create(
        code="4701",
        name="John F. Kennedy International Airport",
        air=True,
        latitude=40.6413,
        longitude=-73.7781,
    )
    Airport.objects.create(
        icao="KJFK",
        iata="JFK",
        name="John F Kennedy International Airport",
        latitude=40.6398,
        longitude=-73.7789,
    )
    return save_organisation(
        code="port-4701",
        name="Port of JFK",
        kind=OrganisationKind.PORT,
        parent=organisation_tree["agency"],
        port_id="4701",
    )


@pytest.fixture
def lookouts(db: Any, tmp_path: Path) -> Any:
    from borderops.lookouts.services import import_list

    path = tmp_path / "lookouts.csv"
    path.write_text(LOOKOUTS, encoding="utf-8")
    return import_list(fmt="csv", path=path, list_name="lookouts").version


@pytest.fixture
def jfk_officer(make_user: Any, kennedy: Any) -> Any:
    return make_user("officer", organisation=kennedy)
