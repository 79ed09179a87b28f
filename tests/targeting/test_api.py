"""The targeting API: scoring one entry and a batch, rule sets, worklists, examinations."""

from __future__ import annotations

from typing import Any

import pytest

from borderops.targeting import services
from borderops.targeting.models import EntryScore, ExaminationResult

pytestmark = pytest.mark.django_db


def _post(client: Any, token: str, url: str, body: Any) -> Any:
    return client.post(
        url, data=body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def _get(client: Any, token: str, url: str, **params: Any) -> Any:
    return client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def analyst_token(make_user: Any, api_token_for: Any) -> str:
    return str(api_token_for(make_user("analyst")))


def test_scoring_one_entry_gives_score_channel_fired_rules_and_version(
    client: Any, analyst_token: str, active_rules: Any
) -> None:
    response = _post(
        client,
        analyst_token,
        "/api/targeting/score",
        {"id": "X1", "hs_code": "080390", "origin": "EC", "net_kg": 30000, "gross_kg": 31000},
    )

    assert response.status_code == 200
    assert response.json() == {
        "id": "X1",
        "score": 140,
        "channel": "red",
        "random": False,
        "over_capacity": False,
        "fired": [
            {
                "id": "BANANA-EC",
                "title": "Bananas from Ecuador",
                "category": "narcotics",
                "weight": 90,
            },
            {"id": "HEAVY", "title": "Very heavy consignment", "category": "other", "weight": 50},
        ],
        "rule_set_version": "test-cargo@1",
    }
    assert not EntryScore.objects.exists()


def test_scoring_with_a_named_rule_set(
    client: Any, analyst_token: str, active_rules: Any, rules_yaml: str
) -> None:
    other = services.save_version(
        source=rules_yaml.replace("test-cargo", "other-cargo").replace("weight: 90", "weight: 10"),
        user=None,
    )
    services.activate_version(version=other, user=None)

    named = _post(
        client,
        analyst_token,
        "/api/targeting/score",
        {"hs_code": "080390", "origin": "EC", "rule_set": "test-cargo"},
    )
    default = _post(
        client, analyst_token, "/api/targeting/score", {"hs_code": "080390", "origin": "EC"}
    )

    assert named.json()["score"] == 90 and named.json()["rule_set_version"] == "test-cargo@1"
    # Without a name, the rule set activated last.
    assert default.json()["rule_set_version"] == "other-cargo@1"


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        ({"rule_set": "nonesuch"}, 404, "no rule set named 'nonesuch'"),
        ({"value": -5}, 422, "value"),
        ({"arrival_date": "2026-13-45"}, 422, "arrival_date"),
        ({"origin": "ECU"}, 422, "origin"),
    ],
)
def test_a_bad_request_to_score_is_refused_naming_the_field(
    client: Any, analyst_token: str, active_rules: Any, body: Any, status: int, detail: str
) -> None:
    response = _post(client, analyst_token, "/api/targeting/score", body)

    assert response.status_code == status
    assert detail in str(response.json()["detail"])


def test_scoring_without_an_active_version_is_a_conflict(
    client: Any, analyst_token: str, db: Any
) -> None:
    response = _post(client, analyst_token, "/api/targeting/score", {"hs_code": "080390"})

    assert response.status_code == 409 and "activate one first" in response.json()["detail"]


def test_a_batch_is_scored_in_order(client: Any, analyst_token: str, active_rules: Any) -> None:
    entries = [
        {"id": f"B{i}", "hs_code": "080390" if i % 2 else "851712", "origin": "EC"}
        for i in range(5)
    ]

    response = _post(client, analyst_token, "/api/targeting/score/batch", {"entries": entries})

    assert response.status_code == 200
    body = response.json()
    assert body["rule_set_version"] == "test-cargo@1"
    assert [(r["id"], r["channel"]) for r in body["results"]] == [
        ("B0", "green"),
        ("B1", "red"),
        ("B2", "green"),
        ("B3", "red"),
        ("B4", "green"),
    ]


def test_a_batch_beyond_ten_thousand_entries_is_too_large(
    client: Any, analyst_token: str, active_rules: Any
) -> None:
    entries = [{"id": str(i)} for i in range(10_001)]

    response = _post(client, analyst_token, "/api/targeting/score/batch", {"entries": entries})

    assert response.status_code == 413 and "10,000" in response.json()["detail"]


def test_a_batch_with_a_repeated_id_is_refused_naming_it(
    client: Any, analyst_token: str, active_rules: Any
) -> None:
    response = _post(
        client,
        analyst_token,
        "/api/targeting/score/batch",
        {"entries": [{"id": "A"}, {"id": "B"}, {"id": "A"}]},
    )

    assert response.status_code == 400 and response.json()["detail"].startswith("entries[2].id")


@pytest.mark.parametrize("role", ["officer", "supervisor", "auditor", "coordinator"])
def test_only_roles_that_run_scoring_may_score(
    client: Any, make_user: Any, api_token_for: Any, active_rules: Any, role: str
) -> None:
    token = api_token_for(make_user(role))

    response = _post(client, token, "/api/targeting/score", {"hs_code": "080390"})

    assert response.status_code == 403 and "detail" in response.json()


def test_scoring_without_a_token_is_401(client: Any, db: Any) -> None:
    response = client.post("/api/targeting/score", data={}, content_type="application/json")

    assert response.status_code == 401


def test_rule_sets_are_listed_with_their_versions(
    client: Any, analyst_token: str, active_rules: Any, rules_yaml: str
) -> None:
    services.save_version(source=rules_yaml + "\n", user=None)

    response = _get(client, analyst_token, "/api/targeting/rule-sets")

    assert response.status_code == 200
    [rule_set] = response.json()
    assert rule_set["name"] == "test-cargo" and rule_set["active_version"] == 1
    assert [(v["number"], v["status"]) for v in rule_set["versions"]] == [
        (2, "draft"),
        (1, "active"),
    ]


def test_the_worklist_of_a_port_and_day(
    client: Any,
    make_user: Any,
    api_token_for: Any,
    active_rules: Any,
    day_of_shipments: Any,
    day: Any,
    organisation_tree: Any,
) -> None:
    run = services.score_shipments(date_from=day)
    officer = api_token_for(make_user("officer"))
    elsewhere = api_token_for(make_user("officer", organisation=organisation_tree["laredo"]))

    mine = _get(client, officer, "/api/targeting/worklist", port="2504", day=day.isoformat())
    theirs = _get(client, elsewhere, "/api/targeting/worklist", port="2504", day=day.isoformat())
    unknown = _get(client, officer, "/api/targeting/worklist", port="9999", day=day.isoformat())
    undated = _get(client, officer, "/api/targeting/worklist", port="2504")

    assert mine.status_code == 200
    body = mine.json()
    assert body["run_id"] == run.pk and body["rule_set_version"] == "test-cargo@1"
    assert [(e["entry"], e["channel"]) for e in body["entries"]] == [
        (day_of_shipments["red"].reference, "red"),
        (day_of_shipments["yellow"].reference, "yellow"),
    ]
    assert body["entries"][0]["fired"][0]["title"] == "Bananas from Ecuador"
    assert theirs.status_code == 200 and theirs.json()["entries"] == []
    assert unknown.status_code == 404 and unknown.json()["detail"].startswith("port:")
    assert undated.status_code == 422 and "day" in str(undated.json()["detail"])


def test_an_officer_records_an_examination_through_the_api(
    client: Any, make_user: Any, api_token_for: Any, day_of_shipments: Any
) -> None:
    token = api_token_for(make_user("officer"))
    reference = day_of_shipments["red"].reference

    response = _post(
        client,
        token,
        "/api/targeting/examinations",
        {"entry": reference, "finding": True, "category": "narcotics", "quantity": 3.5},
    )

    assert response.status_code == 201
    assert response.json()["entry"] == reference and response.json()["category"] == "narcotics"
    assert ExaminationResult.objects.get().quantity == 3.5


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        ({"finding": True}, 400, "category:"),
        ({"finding": False, "category": "narcotics"}, 400, "category:"),
        ({"finding": True, "category": "narcotics", "quantity": -1}, 422, "quantity"),
        ({"category": "narcotics"}, 422, "finding"),
    ],
)
def test_an_inconsistent_examination_is_refused_naming_the_field(
    client: Any,
    make_user: Any,
    api_token_for: Any,
    day_of_shipments: Any,
    body: Any,
    status: int,
    detail: str,
) -> None:
    token = api_token_for(make_user("officer"))

    response = _post(
        client,
        token,
        "/api/targeting/examinations",
        {"entry": day_of_shipments["red"].reference, **body},
    )

    assert response.status_code == status and detail in str(response.json()["detail"])
    assert not ExaminationResult.objects.exists()


def test_examinations_of_another_ports_entries_or_by_analysts_are_refused(
    client: Any, make_user: Any, api_token_for: Any, day_of_shipments: Any
) -> None:
    body = {"entry": day_of_shipments["laredo_red"].reference, "finding": False}

    other_port = _post(
        client, api_token_for(make_user("officer")), "/api/targeting/examinations", body
    )
    analyst = _post(
        client, api_token_for(make_user("analyst")), "/api/targeting/examinations", body
    )

    assert other_port.status_code == 404 and other_port.json()["detail"].startswith("entry:")
    assert analyst.status_code == 403
    assert not ExaminationResult.objects.exists()
