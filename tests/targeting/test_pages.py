"""The targeting pages, for each role: editor, scoring, worklist, entry, backtest, compare."""

from __future__ import annotations

import re
from typing import Any

import pytest

from borderops.accounts.permissions import Action, Resource, can
from borderops.audit.models import AuditEntry
from borderops.targeting import services
from borderops.targeting.models import ExaminationResult, RuleSetVersion

pytestmark = pytest.mark.django_db

ROLES = [
    "officer",
    "supervisor",
    "analyst",
    "agent",
    "coordinator",
    "attache",
    "partner",
    "auditor",
    "admin",
]

# Pages, and the permission each needs.
PAGES = [
    ("/targeting/", Action.VIEW, Resource.RULE_SET),
    ("/targeting/rule-sets/new/", Action.ADD, Resource.RULE_SET),
    ("/targeting/score/", Action.ADD, Resource.TARGETING_SCORE),
    ("/targeting/worklist/", Action.VIEW, Resource.TARGETING_SCORE),
]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_pages_the_policy_allows(client: Any, make_user: Any, role: str) -> None:
    user = make_user(role)
    client.force_login(user)

    for url, action, resource in PAGES:
        expected = 200 if can(user, action, resource) else 403
        assert client.get(url).status_code == expected, (role, url)


@pytest.mark.parametrize(("url", "_action", "_resource"), PAGES)
def test_anonymous_visitors_go_to_the_login_page(
    client: Any, db: Any, url: str, _action: Any, _resource: Any
) -> None:
    response = client.get(url)

    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_editor_checks_the_rules_as_they_are_typed(
    client: Any, make_user: Any, rules_yaml: str
) -> None:
    client.force_login(make_user("analyst"))

    broken = client.post(
        "/targeting/validate/",
        {"source": rules_yaml.replace("net_kg > 10000", "net_kgs > 10000")},
        HTTP_HX_REQUEST="true",
    )
    fine = client.post("/targeting/validate/", {"source": rules_yaml}, HTTP_HX_REQUEST="true")

    text = broken.content.decode()
    assert broken.status_code == 200 and "<html" not in text
    assert "HEAVY" in text and "net_kgs" in text and "net_kg" in text
    assert "<td>11</td>" in text  # the line the rule starts on
    assert "No problems" in fine.content.decode()


def test_officers_may_not_use_the_validation_endpoint(client: Any, make_user: Any) -> None:
    client.force_login(make_user("officer"))

    assert client.post("/targeting/validate/", {"source": "name: x"}).status_code == 403


def test_saving_from_the_editor_makes_a_draft_version(
    client: Any, make_user: Any, rules_yaml: str
) -> None:
    client.force_login(make_user("analyst"))

    response = client.post(
        "/targeting/rule-sets/new/", {"source": rules_yaml, "note": "first", "action": "save"}
    )

    version = RuleSetVersion.objects.get()
    assert response.status_code == 302 and response.url == f"/targeting/versions/{version.pk}/"
    page = client.get(response.url).content.decode()
    assert "BANANA-EC" in page and "Draft" in page and "Activate this version" in page


def test_saving_rules_with_a_problem_shows_it_and_stores_nothing(
    client: Any, make_user: Any, rules_yaml: str
) -> None:
    client.force_login(make_user("analyst"))

    response = client.post(
        "/targeting/rule-sets/new/",
        {"source": rules_yaml.replace("weight: 90", "weight: lots"), "action": "save"},
    )

    assert response.status_code == 400
    assert "BANANA-EC" in response.content.decode() and "weight" in response.content.decode()
    assert not RuleSetVersion.objects.exists()


def test_the_trial_panel_scores_a_sample_without_saving(
    client: Any, make_user: Any, rules_yaml: str, day_of_shipments: Any, day: Any
) -> None:
    client.force_login(make_user("analyst"))

    response = client.post(
        "/targeting/rule-sets/new/",
        {"source": rules_yaml, "action": "test", "day": day.isoformat(), "sample": "10"},
    )

    page = response.content.decode()
    assert response.status_code == 200 and 'id="trial"' in page
    assert "Red: 2" in page and "Yellow: 1" in page and "Green: 3" in page
    assert day_of_shipments["red"].reference in page
    assert not RuleSetVersion.objects.exists()


def test_an_analyst_activates_a_version_and_a_supervisor_may_not(
    client: Any, make_user: Any, rules_yaml: str
) -> None:
    version = services.save_version(source=rules_yaml, user=None)
    client.force_login(make_user("supervisor"))
    assert client.post(f"/targeting/versions/{version.pk}/activate/").status_code == 403

    client.force_login(make_user("analyst"))
    response = client.post(f"/targeting/versions/{version.pk}/activate/")

    version.refresh_from_db()
    assert response.status_code == 302 and version.status == "active"


def test_scoring_a_port_and_day_opens_its_worklist(
    client: Any, make_user: Any, active_rules: Any, day_of_shipments: Any, day: Any
) -> None:
    client.force_login(make_user("analyst"))

    response = client.post("/targeting/score/", {"port": "2504", "date_from": day.isoformat()})

    assert response.status_code == 302
    assert response.url == f"/targeting/worklist/?port=2504&day={day.isoformat()}"
    page = client.get(response.url).content.decode()
    rows = re.findall(r'data-entry="(E\d+)"', page)
    assert rows == [day_of_shipments["red"].reference, day_of_shipments["yellow"].reference]
    assert "Bananas from Ecuador" in page and "Very heavy consignment" in page


def test_scoring_without_an_active_version_says_so(
    client: Any, make_user: Any, day_of_shipments: Any, day: Any
) -> None:
    client.force_login(make_user("analyst"))

    response = client.post("/targeting/score/", {"date_from": day.isoformat()})

    assert response.status_code == 400 and "activate one first" in response.content.decode()


def test_an_officer_may_not_score(client: Any, make_user: Any, day: Any) -> None:
    client.force_login(make_user("officer"))

    assert client.post("/targeting/score/", {"date_from": day.isoformat()}).status_code == 403


def test_an_officer_of_another_port_sees_an_empty_worklist_and_no_entry(
    client: Any,
    make_user: Any,
    active_rules: Any,
    day_of_shipments: Any,
    day: Any,
    organisation_tree: Any,
) -> None:
    services.score_shipments(date_from=day)
    client.force_login(make_user("officer", organisation=organisation_tree["laredo"]))

    page = client.get(f"/targeting/worklist/?port=2504&day={day.isoformat()}")
    entry = client.get(f"/targeting/entries/{day_of_shipments['red'].pk}/")

    # The port is not among the officer's choices, so the form refuses it.
    assert day_of_shipments["red"].reference not in page.content.decode()
    assert entry.status_code == 404


def test_the_entry_page_explains_every_fired_rule_and_is_audited(
    client: Any, make_user: Any, active_rules: Any, day_of_shipments: Any, day: Any
) -> None:
    services.score_shipments(date_from=day)
    officer = make_user("officer")
    client.force_login(officer)
    shipment = day_of_shipments["red"]

    page = client.get(f"/targeting/entries/{shipment.pk}/").content.decode()

    assert "BANANA-EC" in page and "Bananas from Ecuador" in page and "narcotics" in page
    assert "+90" in page and "hs_code LIKE &#x27;0803%&#x27; AND origin = &#x27;EC&#x27;" in page
    assert "test-cargo@1" in page
    assert AuditEntry.objects.filter(
        action="view", object_type="crossings.shipment", object_id=str(shipment.pk)
    ).exists()


def test_an_officer_records_an_examination_result(
    client: Any, make_user: Any, active_rules: Any, day_of_shipments: Any, day: Any
) -> None:
    services.score_shipments(date_from=day)
    client.force_login(make_user("officer"))
    shipment = day_of_shipments["red"]

    refused = client.post(
        f"/targeting/entries/{shipment.pk}/examination/", {"finding": "true", "category": ""}
    )
    response = client.post(
        f"/targeting/entries/{shipment.pk}/examination/",
        {"finding": "true", "category": "narcotics", "quantity": "4.2", "note": "In the pallets"},
    )

    assert refused.status_code == 400 and "needs its category" in refused.content.decode()
    assert response.status_code == 302
    result = ExaminationResult.objects.get()
    assert (result.finding, result.category, result.quantity) == (True, "narcotics", 4.2)
    page = client.get(f"/targeting/entries/{shipment.pk}/").content.decode()
    assert "In the pallets" in page and "Correct the result" in page
    assert AuditEntry.objects.filter(
        action="view", object_type="targeting.examinationresult", object_id=str(result.pk)
    ).exists()


def test_an_analyst_may_read_but_not_record_an_examination(
    client: Any, make_user: Any, day_of_shipments: Any
) -> None:
    client.force_login(make_user("analyst"))
    shipment = day_of_shipments["red"]

    page = client.get(f"/targeting/entries/{shipment.pk}/").content.decode()
    response = client.post(f"/targeting/entries/{shipment.pk}/examination/", {"finding": "false"})

    assert "record-examination" not in page
    assert response.status_code == 403


def test_the_backtest_page_shows_tables_and_hands_the_chart_its_data(
    client: Any, make_user: Any, active_rules: Any, day_of_shipments: Any, day: Any
) -> None:
    services.record_examination(
        shipment=day_of_shipments["red"], user=None, finding=True, category="narcotics"
    )
    client.force_login(make_user("analyst"))

    page = client.get(
        f"/targeting/versions/{active_rules.pk}/backtest/",
        {"date_from": day.isoformat(), "date_to": day.isoformat(), "outcomes": "examinations"},
    ).content.decode()

    assert "Per rule" in page and "Per channel" in page and "BANANA-EC" in page
    assert '<script id="chart-data" type="application/json">' in page
    assert "targeting/chart" in page and 'data-chart="chart-data"' in page
    # Under the Content-Security-Policy every script is a file or JSON data.
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_ground_truth_is_offered_to_roles_that_may_see_it(
    client: Any, make_user: Any, active_rules: Any
) -> None:
    analyst = make_user("analyst")
    client.force_login(analyst)

    page = client.get(f"/targeting/versions/{active_rules.pk}/backtest/").content.decode()

    assert can(analyst, Action.VIEW, Resource.GROUND_TRUTH)
    assert 'value="ground_truth"' in page


def test_comparing_two_versions_on_the_compare_page(
    client: Any,
    make_user: Any,
    active_rules: Any,
    day_of_shipments: Any,
    day: Any,
    rules_yaml: str,
) -> None:
    after = services.save_version(source=rules_yaml.replace("weight: 50", "weight: 85"), user=None)
    client.force_login(make_user("analyst"))

    page = client.get(
        f"/targeting/rule-sets/{after.rule_set_id}/compare/",
        {
            "before": active_rules.pk,
            "after": after.pk,
            "date_from": day.isoformat(),
            "date_to": day.isoformat(),
            "outcomes": "ground_truth",
        },
    ).content.decode()

    assert 'id="comparison"' in page and "test-cargo@1" in page and "test-cargo@2" in page
    assert 'id="activate-after"' in page and 'data-chart="chart-compare"' in page


def test_the_menu_has_a_targeting_section_for_those_who_may_use_it(
    client: Any, make_user: Any
) -> None:
    client.force_login(make_user("officer"))
    officer_page = client.get("/").content.decode()
    client.force_login(make_user("analyst"))
    analyst_page = client.get("/").content.decode()

    assert 'data-nav="targeting:worklist"' in officer_page
    assert 'data-nav="targeting:ruleset-list"' not in officer_page
    assert 'data-nav="targeting:score"' in analyst_page
