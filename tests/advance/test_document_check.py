from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from borderops.advance import services
from borderops.advance.choices import ReceivedThrough
from borderops.core.documents.mrz import make_td3

ARRIVAL = date(2026, 12, 1)


def _mrz(**changes: Any) -> str:
    fields: dict[str, Any] = {
        "issuing_state": "NGA",
        "surname": "OKAFOR",
        "given_names": "GRACE",
        "document_number": "A09876543",
        "nationality": "NGA",
        "birth_date": date(1992, 2, 14),
        "sex": "F",
        "expiry_date": date(2032, 3, 1),
        **changes,
    }
    return "\n".join(make_td3(**fields))


@pytest.fixture
def announced(kennedy: Any, lookouts: Any, manifest_text: str) -> Any:
    return services.receive_message(text=manifest_text, through=ReceivedThrough.API)


def _check(client: Any, token: str, **payload: Any) -> Any:
    return client.post(
        "/api/advance/document-check",
        data={"on": ARRIVAL.isoformat(), **payload},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_a_document_that_agrees_with_its_manifest_has_no_findings(
    client: Any, api_token_for: Any, jfk_officer: Any, announced: Any
) -> None:
    response = _check(client, api_token_for(jfk_officer), mrz=_mrz())

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["findings"] == [] and body["referral_advised"] is False
    assert body["reading"]["valid"] is True
    assert body["announced_traveller_id"] is not None


def test_a_birth_date_that_differs_from_the_manifest_is_found(
    client: Any, api_token_for: Any, jfk_officer: Any, announced: Any
) -> None:
    response = _check(client, api_token_for(jfk_officer), mrz=_mrz(birth_date=date(1992, 2, 15)))

    rules = [finding["rule"] for finding in response.json()["findings"]]
    assert "advance.birth_date_mismatch" in rules


def test_a_stolen_passport_is_referred_whoever_presents_it(
    client: Any, api_token_for: Any, jfk_officer: Any, announced: Any
) -> None:
    mrz = _mrz(
        issuing_state="MEX",
        nationality="MEX",
        surname="PEREZ",
        given_names="JUAN",
        document_number="G12345678",
        sex="M",
        birth_date=date(1970, 1, 1),
    )

    body = _check(client, api_token_for(jfk_officer), mrz=mrz).json()

    assert body["referral_advised"] is True
    assert "document.lost_stolen" in [finding["rule"] for finding in body["findings"]]


def test_a_traveller_missing_from_the_named_flight_manifest_is_referred(
    client: Any, api_token_for: Any, jfk_officer: Any, announced: Any
) -> None:
    flight = announced.flights[0]
    mrz = _mrz(surname="NOBODY", document_number="Z11111111", birth_date=date(1990, 1, 1))

    body = _check(client, api_token_for(jfk_officer), mrz=mrz, flight_id=flight.pk).json()

    assert "advance.not_on_manifest" in [finding["rule"] for finding in body["findings"]]


def test_more_than_one_mrz_is_refused_with_a_reason(
    client: Any, api_token_for: Any, jfk_officer: Any, announced: Any
) -> None:
    response = _check(client, api_token_for(jfk_officer), mrz=_mrz() + "\n\n" + _mrz())

    assert response.status_code == 400 and "exactly one MRZ" in response.json()["detail"]


def test_an_officer_elsewhere_gets_no_advance_comparison(
    client: Any, api_token_for: Any, make_user: Any, announced: Any
) -> None:
    elsewhere = make_user("officer")  # San Ysidro

    body = _check(client, api_token_for(elsewhere), mrz=_mrz(birth_date=date(1992, 2, 15))).json()

    assert body["announced_traveller_id"] is None
    assert body["findings"] == []


def test_the_page_shows_the_verdict_and_reasons(
    client: Any, jfk_officer: Any, announced: Any
) -> None:
    client.force_login(jfk_officer)

    page = client.post(
        "/advance/document-check/",
        {"mrz": _mrz(expiry_date=date(2020, 1, 1)), "on": ARRIVAL.isoformat()},
    ).content.decode()

    assert "Refer to secondary" in page and "document.expired" in page
