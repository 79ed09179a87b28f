"""Screening over the API and the web, and the review queue that remembers decisions."""

from __future__ import annotations

import json
from typing import Any

import pytest

from borderops.lookouts.models import ScreeningHit


def _post(client: Any, url: str, body: Any, token: str) -> Any:
    return client.post(
        url,
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_a_listed_person_is_hit_with_an_explanation(
    client: Any, imported: Any, make_user: Any, api_token_for: Any
) -> None:
    token = api_token_for(make_user("officer"))
    response = _post(
        client,
        "/api/screen",
        {"name": "SIDOROV Ivan", "birth_date": "1971-04-12", "nationality": "RU"},
        token,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["list_versions"] == {"lookouts": 1}
    best = body["hits"][0]
    assert (best["list"], best["entry_id"]) == ("lookouts", "L1")
    assert 0 < best["score"] <= 1
    assert best["explanation"]


def test_someone_unlisted_has_no_hits(
    client: Any, imported: Any, make_user: Any, api_token_for: Any
) -> None:
    token = api_token_for(make_user("officer"))
    response = _post(client, "/api/screen", {"name": "Oluwaseun Adebayo-Okafor"}, token)
    assert response.json()["hits"] == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"name": "X", "birth_date": "12/04/1971"}, 422),
        ({"name": "X", "nationality": "Atlantis"}, 422),
        ({"name": "X", "entity_type": "spaceship"}, 422),
        ({"birth_date": "1971"}, 422),
    ],
)
def test_bad_subjects_are_refused_with_a_reason(
    client: Any, imported: Any, make_user: Any, api_token_for: Any, body: Any, status: int
) -> None:
    token = api_token_for(make_user("officer"))
    response = _post(client, "/api/screen", body, token)
    assert response.status_code == status
    assert response.json()["detail"]


def test_screening_needs_a_token_and_a_role_that_screens(
    client: Any, imported: Any, make_user: Any, api_token_for: Any
) -> None:
    assert client.post("/api/screen", data="{}", content_type="application/json").status_code == 401
    token = api_token_for(make_user("coordinator"))
    assert _post(client, "/api/screen", {"name": "X"}, token).status_code == 403


def test_a_batch_returns_results_per_subject_and_refuses_oversized_batches(
    client: Any, imported: Any, make_user: Any, api_token_for: Any
) -> None:
    token = api_token_for(make_user("analyst"))
    body = {
        "subjects": [
            {"id": "a", "name": "Maria Garcia Lopez", "document_number": "G12345678"},
            {"id": "b", "name": "Nobody Special"},
        ]
    }
    response = _post(client, "/api/screen/batch", body, token)
    results = {result["id"]: result for result in response.json()["results"]}
    assert results["a"]["hits"][0]["entry_id"] == "L3"
    assert results["b"]["hits"] == []
    huge = {"subjects": [{"name": "A"}] * 10_001}
    assert _post(client, "/api/screen/batch", huge, token).status_code == 413


def test_a_dismissed_hit_is_not_raised_again_for_the_same_person(
    client: Any, imported: Any, make_user: Any
) -> None:
    analyst = make_user("analyst")
    client.force_login(analyst)
    form = {"name": "Ivan Sidorov", "birth_date": "1971-04-12", "queue_for_review": "on"}
    page = client.post("/screening/", form)
    assert "<code>L1</code>" in page.content.decode()
    hit = ScreeningHit.objects.get(entry_id="L1")
    # a decision needs a reason
    client.post(f"/screening/review/{hit.pk}/decide/", {"decision": "dismissed", "note": " "})
    hit.refresh_from_db()
    assert hit.status == "pending"
    client.post(
        f"/screening/review/{hit.pk}/decide/",
        {"decision": "dismissed", "note": "Different person: passport photo differs"},
    )
    hit.refresh_from_db()
    assert hit.status == "dismissed" and hit.decided_by == analyst
    again = client.post("/screening/", form)
    assert "<code>L1</code>" not in again.content.decode()


def test_officers_see_the_queue_but_cannot_decide(
    client: Any, imported: Any, make_user: Any
) -> None:
    officer = make_user("officer")
    client.force_login(officer)
    client.post(
        "/screening/",
        {"name": "Ivan Sidorov", "birth_date": "1971-04-12", "queue_for_review": "on"},
    )
    hit = ScreeningHit.objects.get(entry_id="L1")
    assert client.get("/screening/review/").status_code == 200
    response = client.post(
        f"/screening/review/{hit.pk}/decide/", {"decision": "confirmed", "note": "looks right"}
    )
    assert response.status_code == 403
