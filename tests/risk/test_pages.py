"""The risk model pages for each role: list, card, activation, measuring, upload, training,
and an entry's model reasons on the targeting entry page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from borderops.accounts.permissions import Action, Resource, can
from borderops.risk import services
from borderops.risk.models import EntryRiskScore, ModelActivation, RiskModelVersion
from borderops.targeting import services as targeting

pytestmark = pytest.mark.django_db

ROLES = ["officer", "supervisor", "analyst", "agent", "coordinator", "auditor", "admin"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_pages_the_policy_allows(
    client: Any, make_user: Any, role: str, stored_model: Any
) -> None:
    user = make_user(role)
    client.force_login(user)
    pages = [
        ("/risk/", Action.VIEW),
        (f"/risk/models/{stored_model.pk}/", Action.VIEW),
        (f"/risk/models/{stored_model.pk}/evaluate/", Action.VIEW),
        ("/risk/models/upload/", Action.ADD),
        ("/risk/models/train/", Action.ADD),
    ]
    for url, action in pages:
        expected = 200 if can(user, action, Resource.RISK_MODEL) else 403
        assert client.get(url).status_code == expected, (role, url)
    activate = client.post(f"/risk/models/{stored_model.pk}/activate/", {"share": "5"})
    assert activate.status_code in (
        (302,) if can(user, Action.CHANGE, Resource.RISK_MODEL) else (403,)
    )


def test_anonymous_visitors_go_to_the_login_page(client: Any, db: Any) -> None:
    response = client.get("/risk/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_list_shows_metrics_and_where_a_model_is_in_force(
    client: Any, make_user: Any, stored_model: Any
) -> None:
    services.activate(version=stored_model, mode="land", share=0.05)
    client.force_login(make_user("analyst"))
    page = client.get("/risk/").content.decode()
    assert "cargo-risk@1" in page and "mode Land (0.05)" in page
    assert f"{stored_model.metric(0.01)['precision']:.3f}" in page


def test_the_card_shows_periods_metrics_drift_and_columns(
    client: Any, make_user: Any, stored_model: Any
) -> None:
    client.force_login(make_user("supervisor"))
    page = client.get(f"/risk/models/{stored_model.pk}/").content.decode()
    for part in ('id="periods"', 'id="card-metrics"', 'id="drift-scores"', "consignee"):
        assert part in page
    assert 'id="activate-form"' not in page  # supervisors read, analysts activate


def test_an_analyst_activates_for_a_port_and_ends_it(
    client: Any, make_user: Any, stored_model: Any
) -> None:
    client.force_login(make_user("analyst"))
    response = client.post(
        f"/risk/models/{stored_model.pk}/activate/", {"port": "2504", "share": "10"}
    )
    assert response.status_code == 302
    activation = ModelActivation.objects.get(active=True)
    assert activation.scope == "port:2504" and activation.share == pytest.approx(0.1)
    page = client.get(response.url).content.decode()
    assert "in force for port 2504" in page
    ended = client.post(f"/risk/activations/{activation.pk}/end/")
    assert ended.status_code == 302
    assert not ModelActivation.objects.filter(active=True).exists()


def test_port_and_mode_together_are_refused_on_the_page(
    client: Any, make_user: Any, stored_model: Any
) -> None:
    client.force_login(make_user("analyst"))
    response = client.post(
        f"/risk/models/{stored_model.pk}/activate/", {"port": "2504", "mode": "sea", "share": "5"}
    )
    assert response.status_code == 400
    assert "a port or a mode, not both" in response.content.decode()
    assert not ModelActivation.objects.exists()


def test_measuring_shows_model_rules_random_and_the_chart(
    client: Any, make_user: Any, stored_model: Any, history: Any, active_rules: Any
) -> None:
    client.force_login(make_user("analyst"))
    page = client.get(
        f"/risk/models/{stored_model.pk}/evaluate/",
        {"date_from": "2026-10-15", "date_to": "2026-10-30", "outcomes": "examinations"},
    ).content.decode()
    assert 'id="evaluation-table"' in page and "test-cargo@1" in page
    assert 'id="overlap"' in page  # the period is inside the training history
    assert 'id="chart-data"' in page and 'data-diagonal="no"' in page


def test_a_supervisor_measures_only_on_one_of_their_ports(
    client: Any, make_user: Any, stored_model: Any, history: Any
) -> None:
    client.force_login(make_user("supervisor"))
    page = client.get(
        f"/risk/models/{stored_model.pk}/evaluate/",
        {"date_from": "2026-10-15", "date_to": "2026-10-30", "outcomes": "examinations"},
    ).content.decode()
    assert "Choose one of your ports." in page and 'id="evaluation-table"' not in page


def test_uploading_a_model_file_stores_it_and_a_wrong_file_is_refused(
    client: Any, make_user: Any, model_content: bytes
) -> None:
    client.force_login(make_user("analyst"))
    wrong = client.post(
        "/risk/models/upload/",
        {"name": "cargo-risk", "file": SimpleUploadedFile("rules.yaml", b"name: x\n")},
    )
    assert wrong.status_code == 400
    assert "rules.yaml: not a risk model file" in wrong.content.decode()
    response = client.post(
        "/risk/models/upload/",
        {"name": "cargo-risk", "file": SimpleUploadedFile("m.zip", model_content), "note": "v1"},
    )
    version = RiskModelVersion.objects.get()
    assert response.status_code == 302 and response.url == f"/risk/models/{version.pk}/"
    assert version.created_by is not None and version.note == "v1"


def test_training_from_the_page_stores_a_version(client: Any, make_user: Any, history: Any) -> None:
    client.force_login(make_user("analyst"))
    response = client.post(
        "/risk/models/train/",
        {
            "name": "cargo-risk",
            "date_from": "2026-09-01",
            "date_to": "2026-10-30",
            "outcomes": "examinations",
            "seed": "2",
        },
    )
    assert response.status_code == 302
    assert RiskModelVersion.objects.get().source == "trained"


def test_the_entry_page_shows_the_model_score_and_its_reasons(
    client: Any, make_user: Any, stored_model: Any, history: Any, active_rules: Any
) -> None:
    services.activate(version=stored_model)
    targeting.score_shipments(date_from=date(2026, 10, 20), date_to=date(2026, 10, 30))
    top = EntryRiskScore.objects.select_related("entry_score").order_by("-margin").first()
    assert top is not None
    shipment = top.entry_score.shipment
    client.force_login(make_user("analyst"))
    page = client.get(f"/targeting/entries/{shipment.pk}/").content.decode()
    assert 'id="model-reasons"' in page and "cargo-risk@1" in page
    assert top.reasons[0]["text"].replace("'", "&#x27;") in page
