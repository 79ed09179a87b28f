"""The reference API: bearer tokens, filters, pagination and 404 details."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

ROUTES = [
    "/api/reference/ports",
    "/api/reference/ports/2504",
    "/api/reference/ports/2504/traffic",
    "/api/reference/countries",
    "/api/reference/airports?q=LAX",
    "/api/reference/hs?prefix=85",
    "/api/reference/hs/8517",
    "/api/reference/sectors",
    "/api/reference/checkpoints",
]


@pytest.fixture
def api(client: Any, make_user: Callable[..., Any], api_token_for: Callable[[Any], str]) -> Any:
    """Get an API path as a signed-in officer, by bearer token."""
    token = api_token_for(make_user("officer"))

    def get(path: str, **params: Any) -> Any:
        return client.get(path, params, headers={"Authorization": f"Bearer {token}"})

    return get


@pytest.mark.parametrize("path", ROUTES)
def test_every_route_needs_a_bearer_token(client: Any, reference_data: Any, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 401


@pytest.mark.parametrize("path", ROUTES)
def test_every_route_answers_a_token_holder(api: Any, reference_data: Any, path: str) -> None:
    response = api(path)

    assert response.status_code == 200


@pytest.mark.parametrize("role", ["agent", "coordinator", "attache", "partner", "auditor", "admin"])
def test_every_role_may_read_reference_data(
    client: Any, make_user: Any, api_token_for: Any, reference_data: Any, role: str
) -> None:
    token = api_token_for(make_user(role))

    response = client.get("/api/reference/ports", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200


def test_unknown_port_is_404_with_a_detail(api: Any, reference_data: Any) -> None:
    for path in ("/api/reference/ports/9999", "/api/reference/ports/9999/traffic"):
        response = api(path)

        assert response.status_code == 404
        assert "9999" in response.json()["detail"]


def test_unknown_hs_code_is_404_with_a_detail(api: Any, reference_data: Any) -> None:
    response = api("/api/reference/hs/123456")

    assert response.status_code == 404
    assert response.json() == {"detail": "No HS code '123456' is loaded."}


def test_ports_are_paginated_and_filtered(api: Any, reference_data: Any) -> None:
    everything = api("/api/reference/ports", limit=5).json()
    by_air = api("/api/reference/ports", mode="air").json()
    by_border = api("/api/reference/ports", border="US-Mexico", q="san").json()

    assert len(everything["items"]) == 5
    assert everything["count"] > 5
    assert by_air["items"] and all("air" in port["modes"] for port in by_air["items"])
    assert {port["code"] for port in by_border["items"]} == {"2504", "2608", "2408"}


def test_an_unknown_mode_is_rejected(api: Any, reference_data: Any) -> None:
    assert api("/api/reference/ports", mode="space").status_code == 422


def test_a_port_is_described_with_its_modes_and_coordinates(api: Any, reference_data: Any) -> None:
    port = api("/api/reference/ports/2504").json()

    assert port == {
        "code": "2504",
        "name": "San Ysidro",
        "modes": ["land"],
        "border": "US-Mexico",
        "state": "CA",
        "latitude": 32.5422,
        "longitude": -117.0297,
        "field_office": "San Diego",
    }


def test_port_traffic_lists_months_latest_first_and_filters_by_measure(
    api: Any, reference_data: Any
) -> None:
    everything = api("/api/reference/ports/3016/traffic").json()
    trucks = api("/api/reference/ports/3016/traffic", measure="trucks", since="2018-12-01").json()

    assert [(row["month"], row["measure"]) for row in everything["items"]] == [
        ("2018-12-01", "Buses"),
        ("2018-12-01", "Trucks"),
        ("2018-11-01", "Trucks"),
    ]
    assert trucks["items"] == [
        {"month": "2018-12-01", "measure": "Trucks", "value": 1350, "source": "bts"}
    ]


def test_countries_search(api: Any, reference_data: Any) -> None:
    found = api("/api/reference/countries", q="MEX").json()

    assert [country["alpha2"] for country in found["items"]] == ["MX"]


def test_airports_search_by_iata_code(api: Any, reference_data: Any) -> None:
    from borderops.reference.services import load_airports

    load_airports()

    found = api("/api/reference/airports", q="LAX").json()

    assert found["items"][0]["icao"] == "KLAX"
    assert found["items"][0]["country"] == "US"


def test_hs_search_by_prefix_and_words(api: Any, reference_data: Any) -> None:
    by_prefix = api("/api/reference/hs", prefix="8517").json()
    by_words = api("/api/reference/hs", q="cigarettes tobacco").json()

    assert [code["code"] for code in by_prefix["items"]] == ["8517", "851713"]
    assert "240220" in {code["code"] for code in by_words["items"]}


def test_hs_code_detail_lists_its_children(api: Any, reference_data: Any) -> None:
    heading = api("/api/reference/hs/93.06").json()

    assert heading["code"] == "9306"
    assert heading["parent"] == "93"
    assert heading["section"] == "XIX"
    assert [child["code"] for child in heading["children"]] == ["930630"]


def test_sectors_with_their_checkpoint_counts(api: Any, reference_data: Any) -> None:
    sectors = {sector["code"]: sector for sector in api("/api/reference/sectors").json()}

    assert len(sectors) == 20
    assert sectors["TCA"]["checkpoints"] >= 6
    assert sectors["RMY"]["checkpoints"] == 0


def test_checkpoints_filter_by_kind_and_carry_their_periods(api: Any, reference_data: Any) -> None:
    tactical = api("/api/reference/checkpoints", kind="tactical", sector="TCA").json()

    assert [c["code"] for c in tactical] == ["TCA-T-SR286"]
    assert tactical[0]["sector"] == "TCA"
    assert tactical[0]["active_periods"] == [
        {"starts_on": "2024-10-07", "ends_on": None},
        {"starts_on": "2024-03-04", "ends_on": "2024-05-31"},
    ]


def test_the_api_documents_every_reference_route(client: Any, db: Any) -> None:
    schema = client.get("/api/openapi.json").json()

    paths = {path for path in schema["paths"] if path.startswith("/api/reference")}
    assert paths == {
        "/api/reference/ports",
        "/api/reference/ports/{code}",
        "/api/reference/ports/{code}/traffic",
        "/api/reference/countries",
        "/api/reference/airports",
        "/api/reference/hs",
        "/api/reference/hs/{code}",
        "/api/reference/sectors",
        "/api/reference/checkpoints",
    }
    port = schema["components"]["schemas"]["PortOut"]["properties"]["code"]
    assert "Four-digit" in port["description"]
