from __future__ import annotations

from typing import Any

from borderops.advance.models import AdvanceMessage


def _post(client: Any, token: str, text: str, content_type: str = "text/plain") -> Any:
    return client.post(
        "/api/advance/messages",
        data=text,
        content_type=content_type,
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_posting_a_manifest_stores_it_once(
    client: Any,
    make_user: Any,
    api_token_for: Any,
    kennedy: Any,
    lookouts: Any,
    manifest_text: str,
) -> None:
    token = api_token_for(make_user("analyst"))

    first = _post(client, token, manifest_text)
    again = _post(client, token, manifest_text)

    assert first.status_code == 201
    body = first.json()
    assert body["created"] and body["kind"] == "paxlst"
    assert body["travellers"] == 4 and body["referrals"] == 3
    assert [flight["flight"] for flight in body["flights"]] == ["BA117"]
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["message_id"] == body["message_id"]
    assert AdvanceMessage.objects.count() == 1


def test_the_flight_endpoint_gives_hits_and_findings(
    client: Any,
    make_user: Any,
    api_token_for: Any,
    jfk_officer: Any,
    lookouts: Any,
    manifest_text: str,
) -> None:
    flight_id = _post(client, api_token_for(make_user("analyst")), manifest_text).json()["flights"][
        0
    ]["id"]

    response = client.get(
        f"/api/advance/flights/{flight_id}",
        HTTP_AUTHORIZATION=f"Bearer {api_token_for(jfk_officer)}",
    )

    assert response.status_code == 200
    body = response.json()
    travellers = {t["surname"]: t for t in body["travellers"]}
    assert travellers["SIDOROV"]["hits"][0]["entry_id"] == "L1"
    assert travellers["SMITH"]["findings"][0]["rule"] == "document.expired"
    assert travellers["OKAFOR"]["referral_advised"] is False
    assert body["list_versions"] == {"lookouts": lookouts.number}


def test_a_malformed_message_is_a_400_naming_the_segment(
    client: Any,
    make_user: Any,
    api_token_for: Any,
    kennedy: Any,
    lookouts: Any,
    manifest_text: str,
) -> None:
    token = api_token_for(make_user("analyst"))

    response = _post(client, token, manifest_text.replace("DTM+329:800101'", "DTM+329:801301'"))

    assert response.status_code == 400
    assert "segment" in response.json()["detail"]
    assert "nothing was stored" in response.json()["detail"]
    assert not AdvanceMessage.objects.exists()


def test_other_content_types_and_roles_are_refused(
    client: Any,
    make_user: Any,
    api_token_for: Any,
    jfk_officer: Any,
    lookouts: Any,
    manifest_text: str,
) -> None:
    analyst_token = api_token_for(make_user("analyst"))

    assert _post(client, analyst_token, "{}", content_type="application/json").status_code == 415
    assert _post(client, analyst_token, "  ").status_code == 400
    refused = _post(client, api_token_for(jfk_officer), manifest_text)
    assert refused.status_code == 403 and "detail" in refused.json()
    assert (
        client.post(
            "/api/advance/messages", data=manifest_text, content_type="text/plain"
        ).status_code
        == 401
    )


def test_an_officer_lists_only_flights_of_their_port(
    client: Any,
    make_user: Any,
    api_token_for: Any,
    jfk_officer: Any,
    lookouts: Any,
    manifest_text: str,
) -> None:
    _post(client, api_token_for(make_user("analyst")), manifest_text)

    mine = client.get(
        "/api/advance/flights", HTTP_AUTHORIZATION=f"Bearer {api_token_for(jfk_officer)}"
    )
    theirs = client.get(
        "/api/advance/flights", HTTP_AUTHORIZATION=f"Bearer {api_token_for(make_user('officer'))}"
    )

    assert [flight["flight"] for flight in mine.json()["items"]] == ["BA117"]
    assert theirs.json()["items"] == []
