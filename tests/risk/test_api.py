"""The risk model API: list with metrics, one model with drift, upload, activation."""

from __future__ import annotations

from typing import Any

import pytest

from borderops.risk.models import ModelActivation, RiskModelVersion

pytestmark = pytest.mark.django_db


def _auth(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def analyst_token(make_user: Any, api_token_for: Any) -> str:
    return str(api_token_for(make_user("analyst")))


def test_the_list_gives_metrics_and_where_each_model_is_in_force(
    client: Any, analyst_token: str, stored_model: Any
) -> None:
    response = client.get("/api/risk/models", **_auth(analyst_token))
    assert response.status_code == 200
    (model,) = response.json()
    assert model["model"] == "cargo-risk@1" and model["label"] == "violation"
    assert [m["rate"] for m in model["metrics"]] == [0.01, 0.02, 0.05, 0.1]
    assert model["in_force"] == []


def test_one_model_comes_with_features_and_drift(
    client: Any, analyst_token: str, stored_model: Any
) -> None:
    body = client.get(f"/api/risk/models/{stored_model.pk}", **_auth(analyst_token)).json()
    assert body["features"] and body["drift"]["score_status"] == "too_little_data"
    assert client.get("/api/risk/models/999", **_auth(analyst_token)).status_code == 404


def test_uploading_and_activating_through_the_api(
    client: Any, analyst_token: str, model_content: bytes, organisation_tree: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    created = client.post(
        "/api/risk/models",
        {"name": "cargo-risk", "file": SimpleUploadedFile("m.zip", model_content)},
        **_auth(analyst_token),
    )
    assert created.status_code == 201, created.content
    model_id = created.json()["id"]
    again = client.post(
        "/api/risk/models",
        {"name": "cargo-risk", "file": SimpleUploadedFile("m.zip", model_content)},
        **_auth(analyst_token),
    )
    assert again.status_code == 400 and "already stored" in again.json()["detail"]
    activated = client.post(
        f"/api/risk/models/{model_id}/activations",
        {"port": "2504", "share": 0.1},
        content_type="application/json",
        **_auth(analyst_token),
    )
    assert activated.status_code == 201
    assert activated.json()["scope"] == "port:2504" and activated.json()["active"]
    ended = client.post(
        f"/api/risk/activations/{activated.json()['id']}/end", **_auth(analyst_token)
    )
    assert ended.status_code == 200 and not ended.json()["active"]
    assert not ModelActivation.objects.filter(active=True).exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"port": "9999"}, "no port of entry '9999'"),
        ({"mode": "boat"}, "Unknown mode"),
    ],
)
def test_bad_activations_answer_400_saying_why(
    client: Any, analyst_token: str, stored_model: Any, body: Any, message: str
) -> None:
    response = client.post(
        f"/api/risk/models/{stored_model.pk}/activations",
        body,
        content_type="application/json",
        **_auth(analyst_token),
    )
    assert response.status_code == 400 and message in response.json()["detail"]


def test_a_share_out_of_range_is_refused_by_the_schema(
    client: Any, analyst_token: str, stored_model: Any
) -> None:
    response = client.post(
        f"/api/risk/models/{stored_model.pk}/activations",
        {"share": 0.9},
        content_type="application/json",
        **_auth(analyst_token),
    )
    assert response.status_code == 422


@pytest.mark.parametrize(("role", "status"), [("officer", 403), ("supervisor", 200)])
def test_roles_read_as_the_policy_says_and_only_analysts_change(
    client: Any, make_user: Any, api_token_for: Any, stored_model: Any, role: str, status: int
) -> None:
    token = str(api_token_for(make_user(role)))
    assert client.get("/api/risk/models", **_auth(token)).status_code == status
    response = client.post(
        f"/api/risk/models/{stored_model.pk}/activations",
        {},
        content_type="application/json",
        **_auth(token),
    )
    assert response.status_code == 403
    assert RiskModelVersion.objects.count() == 1


def test_without_a_token_the_api_answers_401(client: Any, db: Any) -> None:
    assert client.get("/api/risk/models").status_code == 401


def test_the_worklist_gives_each_entry_its_model_score_and_reasons(
    client: Any, analyst_token: str, stored_model: Any, history: Any, active_rules: Any
) -> None:
    from borderops.risk import services
    from borderops.targeting import services as targeting

    services.activate(version=stored_model, share=0.2)
    targeting.score_shipments(date_from=history[-1].arrival_date)
    body = client.get(
        "/api/targeting/worklist",
        {"port": "2504", "day": history[-1].arrival_date.isoformat(), "green": "true"},
        **_auth(analyst_token),
    ).json()
    assert body["entries"]
    assert all(0 <= e["model_score"] <= 1 for e in body["entries"])
    assert any(e["model_reasons"] for e in body["entries"])
