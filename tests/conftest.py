"""Shared fixtures: users of every role in a small organisation tree, and API clients."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# database access from it in live-server tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_and_unthrottled(settings: Any) -> None:
    settings.AXES_ENABLED = False
    # Real password hashing costs a second per user; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisation_tree(db: Any) -> dict[str, Any]:
    """Agency → San Diego field office → San Ysidro port; Laredo field office beside it."""
    from borderops.accounts.choices import OrganisationKind
    from borderops.accounts.services import save_organisation
    from borderops.reference.models import Country, PortOfEntry

    Country.objects.get_or_create(alpha2="US", defaults={"alpha3": "USA", "name": "United States"})
    Country.objects.get_or_create(alpha2="MX", defaults={"alpha3": "MEX", "name": "Mexico"})
    PortOfEntry.objects.get_or_create(code="2504", defaults={"name": "San Ysidro", "land": True})
    PortOfEntry.objects.get_or_create(code="2304", defaults={"name": "Laredo", "land": True})
    agency = save_organisation(code="agency", name="Agency", kind=OrganisationKind.AGENCY)
    san_diego = save_organisation(
        code="ofo-san-diego",
        name="San Diego Field Office",
        kind=OrganisationKind.FIELD_OFFICE,
        parent=agency,
    )
    san_ysidro = save_organisation(
        code="port-2504",
        name="Port of San Ysidro",
        kind=OrganisationKind.PORT,
        parent=san_diego,
        port_id="2504",
    )
    laredo_fo = save_organisation(
        code="ofo-laredo",
        name="Laredo Field Office",
        kind=OrganisationKind.FIELD_OFFICE,
        parent=agency,
    )
    laredo = save_organisation(
        code="port-2304",
        name="Port of Laredo",
        kind=OrganisationKind.PORT,
        parent=laredo_fo,
        port_id="2304",
    )
    partner = save_organisation(
        code="mx-anam",
        name="Agencia Nacional de Aduanas de México",
        kind=OrganisationKind.PARTNER_ADMINISTRATION,
        country_id="MX",
    )
    return {
        "agency": agency,
        "san_diego": san_diego,
        "san_ysidro": san_ysidro,
        "laredo_fo": laredo_fo,
        "laredo": laredo,
        "partner": partner,
    }


# Where each role's test user works.
HOME_ORGANISATION = {
    "officer": "san_ysidro",
    "supervisor": "san_diego",
    "analyst": "agency",
    "agent": "agency",
    "coordinator": "agency",
    "attache": "agency",
    "partner": "partner",
    "auditor": "agency",
    "admin": "agency",
}

PASSWORD = "correct horse battery staple"


@pytest.fixture
def make_user(organisation_tree: dict[str, Any]) -> Callable[..., Any]:
    """Create a user of a role, at the role's usual organisation unless one is given."""
    from borderops.accounts.services import create_user

    counter = {"n": 0}

    def make(role: str, organisation: Any = None, **extra: Any) -> Any:
        counter["n"] += 1
        return create_user(
            username=extra.pop("username", f"{role}{counter['n']}"),
            password=PASSWORD,
            role=role,
            organisation=organisation or organisation_tree[HOME_ORGANISATION[role]],
            **extra,
        )

    return make


@pytest.fixture
def api_token_for(db: Any) -> Callable[[Any], str]:
    """A fresh bearer token for a user."""
    from borderops.accounts.services import issue_token

    def issue(user: Any) -> str:
        raw, _ = issue_token(user=user)
        return raw

    return issue


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    # The pure core never touches a database; running it again on PostgreSQL proves nothing.
    for item in items:
        if "/tests/core/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.nodb)


@pytest.fixture
def make_crossing(organisation_tree: dict[str, Any]) -> Callable[..., Any]:
    """Create a traveller crossing at a port (2504 San Ysidro unless told otherwise)."""
    from datetime import UTC, date, datetime

    from borderops.crossings.models import Crossing, Traveller

    counter = {"n": 0}
    units = {"2504": organisation_tree["san_ysidro"], "2304": organisation_tree["laredo"]}

    def make(port: str = "2504", surname: str = "GARCIA", **extra: Any) -> Any:
        counter["n"] += 1
        n = counter["n"]
        traveller = extra.pop("traveller", None) or Traveller.objects.create(
            reference=f"T{n:06d}",
            surname=surname,
            given_names="MARIA",
            sex="F",
            birth_date=date(1980, 1, n % 28 + 1),
            nationality_id="MX",
        )
        return Crossing.objects.create(
            reference=f"C{n:06d}",
            traveller=traveller,
            port_id=port,
            organisation=units[port],
            mode="land",
            crossed_at=datetime(2026, 11, 1, 8, n % 60, tzinfo=UTC),
            **extra,
        )

    return make


# --------------------------------------------------------------------------------------------
# Advance passenger information: a manifest for a flight into JFK, and lookouts it hits
# --------------------------------------------------------------------------------------------

ADVANCE_FIXTURES = Path(__file__).parent / "advance" / "fixtures"


LOOKOUTS = (
    "id,list,entity_type,name,aliases,birth_date,nationality,document_number,plate,vin,imo,reason\n"
    "L1,wanted_persons,person,Ivan Petrovich SIDOROV,,1971-04-12,RUS,,,,,fugitive warrant\n"
    "L3,lost_stolen_documents,document,Maria GARCIA LOPEZ,,1985-09-30,MEX,G12345678,,,,reported stolen\n"
)


@pytest.fixture
def manifest_text() -> str:
    """BA117 London to New York on 2026-12-01: a wanted man, a stolen passport, an expired
    passport, and one traveller with nothing against her."""
    return (ADVANCE_FIXTURES / "ba117.paxlst.edi").read_text(encoding="utf-8")


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
