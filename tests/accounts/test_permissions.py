"""The permission matrix: role × resource × action, then the same rules over HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from borderops.accounts.permissions import Action, Resource, can, scoped

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

# What each role may do, written out by hand so the test does not restate the policy table.
# v = view, a = add, c = change, d = delete, - = nothing.
EXPECTED = """
resource      officer supervisor analyst agent coordinator attache partner auditor admin
reference     v       v          v       v     v           v       v       v       vacd
traffic       v       v          v       v     -           -       -       v       vacd
traveller     v       vc         v       -     -           -       -       v       -
crossing      vac     vacd       v       -     -           -       -       v       -
shipment      v       vc         vc      -     -           -       -       v       -
ground_truth  -       v          v       -     -           -       -       v       -
audit_log     -       -          -       -     -           -       -       v       -
user          -       v          -       -     -           -       -       v       vacd
organisation  -       v          -       -     v           v       -       v       vacd
watchlist     v       v          vac     -     -           -       -       v       -
screening     a       a          a       a     -           -       -       -       -
hit_review    v       vc         vc      -     -           -       -       v       -
advance_data  v       v          va      -     -           -       -       v       -
rule_set      -       v          vac     -     -           -       -       v       -
targeting_score v     v          va      -     -           -       -       v       -
examination   vac     vac        v       -     -           -       -       v       -
risk_model    -       v          vac     -     -           -       -       v       -
course        -       v          -       -     vac         v       v       v       v
course_delivery -      vc         -       -     vac         v       v       v       vc
nomination    -       -          -       -     vac         v       va      v       -
vetting       -       -          -       -     vac         vac     -       v       -
"""
LETTERS = {"v": Action.VIEW, "a": Action.ADD, "c": Action.CHANGE, "d": Action.DELETE}


def _matrix() -> list[tuple[str, Resource, Action, bool]]:
    lines = [line.split() for line in EXPECTED.strip().splitlines()]
    header, rows = lines[0][1:], lines[1:]
    cases = []
    for resource_name, *cells in rows:
        for role, cell in zip(header, cells, strict=True):
            for letter, action in LETTERS.items():
                cases.append((role, Resource(resource_name), action, letter in cell))
    return cases


def test_the_matrix_covers_every_role_and_resource() -> None:
    cases = _matrix()
    assert {role for role, *_ in cases} == set(ROLES)
    assert {resource for _, resource, *_ in cases} == set(Resource)


@pytest.mark.parametrize(("role", "resource", "action", "allowed"), _matrix())
def test_role_may_act_on_resource_exactly_as_the_matrix_says(
    make_user: Any, role: str, resource: Resource, action: Action, allowed: bool
) -> None:
    # given a user of the role
    user = make_user(role)
    # when/then
    assert can(user, action, resource) is allowed


def test_anonymous_and_inactive_users_may_do_nothing(make_user: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    inactive = make_user("admin", is_demo_account=False)
    inactive.is_active = False
    for resource in Resource:
        assert not can(AnonymousUser(), Action.VIEW, resource)
        assert not can(inactive, Action.VIEW, resource)


def test_officer_sees_only_crossings_at_their_own_port(make_user: Any, make_crossing: Any) -> None:
    from borderops.crossings.models import Crossing

    # given crossings at San Ysidro and at Laredo
    here = make_crossing(port="2504")
    there = make_crossing(port="2304")
    # when an officer of San Ysidro lists crossings
    visible = scoped(make_user("officer"), Resource.CROSSING, Crossing.objects.all())
    # then only San Ysidro's are there
    assert list(visible) == [here]
    assert there not in visible


def test_supervisor_sees_the_ports_under_their_field_office(
    make_user: Any, make_crossing: Any, organisation_tree: dict[str, Any]
) -> None:
    from borderops.crossings.models import Crossing, Traveller

    here = make_crossing(port="2504")
    there = make_crossing(port="2304")
    supervisor = make_user("supervisor")  # San Diego field office
    assert list(scoped(supervisor, Resource.CROSSING, Crossing.objects.all())) == [here]
    travellers = scoped(supervisor, Resource.TRAVELLER, Traveller.objects.all())
    assert list(travellers) == [here.traveller]
    laredo_supervisor = make_user("supervisor", organisation=organisation_tree["laredo_fo"])
    assert list(scoped(laredo_supervisor, Resource.CROSSING, Crossing.objects.all())) == [there]


def test_national_roles_see_every_port(make_user: Any, make_crossing: Any) -> None:
    from borderops.crossings.models import Crossing

    make_crossing(port="2504")
    make_crossing(port="2304")
    for role in ("analyst", "auditor"):
        assert scoped(make_user(role), Resource.CROSSING, Crossing.objects.all()).count() == 2


def test_user_without_an_organisation_sees_nothing_scoped(
    make_user: Any, make_crossing: Any
) -> None:
    from borderops.crossings.models import Crossing

    make_crossing()
    officer = make_user("officer")
    officer.organisation = None
    assert not scoped(officer, Resource.CROSSING, Crossing.objects.all()).exists()


# Pages, the resource each needs, and whether it shows personal data.
PAGES = [
    ("/crossings/travellers/", Resource.TRAVELLER),
    ("/crossings/", Resource.CROSSING),
    ("/crossings/shipments/", Resource.SHIPMENT),
    ("/reference/ports/", Resource.REFERENCE),
    ("/accounts/users/", Resource.USER),
    ("/accounts/organisations/", Resource.ORGANISATION),
    ("/audit/", Resource.AUDIT_LOG),
    ("/lookouts/", Resource.WATCHLIST),
    ("/screening/review/", Resource.HIT_REVIEW),
    ("/advance/", Resource.ADVANCE_DATA),
    ("/targeting/", Resource.RULE_SET),
    ("/targeting/worklist/", Resource.TARGETING_SCORE),
    ("/risk/", Resource.RISK_MODEL),
    ("/training/", Resource.COURSE),
    ("/training/deliveries/", Resource.COURSE_DELIVERY),
    ("/training/vetting/", Resource.VETTING),
]


@pytest.mark.parametrize("role", ROLES)
def test_pages_answer_each_role_as_the_policy_says(client: Any, make_user: Any, role: str) -> None:
    user = make_user(role)
    client.force_login(user)
    for url, resource in PAGES:
        response = client.get(url)
        expected = 200 if can(user, Action.VIEW, resource) else 403
        assert response.status_code == expected, (role, url, response.status_code)
    # running a screening is an "add", not a "view"
    expected = 200 if can(user, Action.ADD, Resource.SCREENING) else 403
    assert client.get("/screening/").status_code == expected


@pytest.mark.parametrize(("url", "_resource"), PAGES)
def test_anonymous_page_requests_go_to_the_login_page(
    client: Any, db: Any, url: str, _resource: Any
) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


API = [
    ("/api/crossings/travellers", Resource.TRAVELLER),
    ("/api/crossings/crossings", Resource.CROSSING),
    ("/api/crossings/shipments", Resource.SHIPMENT),
    ("/api/audit/entries", Resource.AUDIT_LOG),
]


@pytest.mark.parametrize("role", ROLES)
def test_api_answers_each_role_as_the_policy_says(
    client: Any, make_user: Any, api_token_for: Any, role: str
) -> None:
    user = make_user(role)
    headers = {"Authorization": f"Bearer {api_token_for(user)}"}
    for url, resource in API:
        response = client.get(url, headers=headers)
        expected = 200 if can(user, Action.VIEW, resource) else 403
        assert response.status_code == expected, (role, url, response.content)
        if expected == 403:
            assert "detail" in response.json()


@pytest.mark.parametrize(("url", "_resource"), API)
def test_api_without_a_token_is_401(client: Any, db: Any, url: str, _resource: Any) -> None:
    response = client.get(url)
    assert response.status_code == 401


def test_menu_shows_each_role_only_what_it_may_use(client: Any, make_user: Any) -> None:
    client.force_login(make_user("officer"))
    page = client.get("/").content.decode()
    assert 'data-nav="crossings:traveller-list"' in page
    assert 'data-nav="audit:entry-list"' not in page
    client.force_login(make_user("auditor"))
    assert 'data-nav="audit:entry-list"' in client.get("/").content.decode()


def test_django_admin_is_for_administrators_only(client: Any, make_user: Any) -> None:
    supervisor = make_user("supervisor")
    supervisor.is_staff = True
    supervisor.save()
    client.force_login(supervisor)
    assert client.get("/admin/").status_code == 302
    client.force_login(make_user("admin"))
    assert client.get("/admin/").status_code == 200
