"""What a person sees in a real browser: sign-in, a menu per role, one page per domain."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_signing_in_shows_the_role_dashboard(
    sign_in: Any, make_user: Any, make_crossing: Any
) -> None:
    make_crossing()
    page = sign_in(make_user("officer"))
    assert "Officer dashboard" in page.inner_text("h1")
    assert "Crossings on record" in page.inner_text("main")


def test_wrong_password_stays_on_the_login_page_with_a_message(
    page: Any, live_server: Any, make_user: Any
) -> None:
    officer = make_user("officer")
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", officer.username)
    page.fill("#id_password", "wrong password")
    page.click("button[type=submit]")
    assert "did not match" in page.inner_text("[role=alert]")


def test_each_role_sees_only_its_menu(sign_in: Any, make_user: Any) -> None:
    page = sign_in(make_user("officer"))
    nav = page.inner_text("nav.sidebar")
    assert "Travellers" in nav and "Audit log" not in nav and "Users" not in nav
    page.click("text=Sign out")
    page = sign_in(make_user("auditor"))
    assert "Audit log" in page.inner_text("nav.sidebar")


def test_officer_finds_a_traveller_and_opens_the_record(
    sign_in: Any, make_user: Any, make_crossing: Any
) -> None:
    crossing = make_crossing(surname="OYELARAN")
    page = sign_in(make_user("officer"))
    page.click("nav >> text=Travellers")
    page.fill("input[name=q]", "oyelaran")
    page.click("form.search button")
    page.click("text=OYELARAN")
    assert crossing.traveller.reference in page.inner_text("dl.record")


def test_auditor_sees_who_read_a_traveller(
    sign_in: Any, make_user: Any, make_crossing: Any, live_server: Any
) -> None:
    crossing = make_crossing()
    officer = make_user("officer")
    page = sign_in(officer)
    page.goto(f"{live_server.url}/crossings/travellers/{crossing.traveller.pk}/")
    page.click("text=Sign out")
    page = sign_in(make_user("auditor"))
    page.click("nav >> text=Audit log")
    page.select_option("select[name=action]", "view")
    page.click("form.filters button")
    assert officer.username in page.inner_text("table")


def test_reference_ports_page_lists_ports(sign_in: Any, make_user: Any) -> None:
    page = sign_in(make_user("agent"))
    page.click("nav >> text=Ports of entry")
    assert "San Ysidro" in page.inner_text("main")


def test_map_page_loads_leaflet_with_markers(sign_in: Any, make_user: Any) -> None:
    from borderops.reference.services import load_curated_ports, load_sectors_and_checkpoints

    load_curated_ports()
    load_sectors_and_checkpoints()
    page = sign_in(make_user("agent"))
    page.click("nav >> text=Map")
    page.wait_for_selector(".leaflet-marker-icon, .leaflet-interactive")
    assert page.evaluate("typeof window.L") == "object"


def test_administrator_sees_the_organisation_tree(sign_in: Any, make_user: Any) -> None:
    page = sign_in(make_user("admin"))
    page.click("nav >> text=Organisations")
    assert "San Diego Field Office" in page.inner_text("table")


def test_api_docs_render_from_local_assets(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".swagger-ui .info")
    assert "BorderOps API" in page.inner_text(".swagger-ui .info")


def test_traveller_search_narrows_the_list_as_the_officer_types(
    sign_in: Any, make_user: Any, make_crossing: Any
) -> None:
    make_crossing(surname="OYELARAN")
    make_crossing(surname="KOWALSKI")
    page = sign_in(make_user("officer"))
    page.click("nav >> text=Travellers")
    assert "KOWALSKI" in page.inner_text("#results")
    page.type("input[name=q]", "oyel")
    from playwright.sync_api import expect

    # The page's CSP forbids eval, so wait with Playwright's own polling, not a JS predicate.
    expect(page.locator("#results")).not_to_contain_text("KOWALSKI")
    assert "OYELARAN" in page.inner_text("#results")
    assert "q=oyel" in page.url


def test_analyst_screens_a_subject_and_dismisses_the_false_hit(
    sign_in: Any, make_user: Any, tmp_path: Any
) -> None:
    from borderops.lookouts.services import import_list

    (tmp_path / "lookouts.csv").write_text(
        "id,list,entity_type,name,aliases,birth_date,nationality,document_number,plate,vin,imo,reason\n"
        "L1,wanted_persons,person,Ivan Petrovich SIDOROV,,1971-04-12,RUS,,,,,warrant\n"
    )
    import_list(fmt="csv", path=tmp_path / "lookouts.csv", list_name="lookouts")
    page = sign_in(make_user("analyst"))
    page.click("nav >> text=Screen a subject")
    page.fill("#id_name", "Ivan Sidorov")
    page.fill("#id_birth_date", "1971-04-12")
    page.click("form.filters button")
    assert "L1" in page.inner_text("#hits")
    page.click("nav >> text=Hit review")
    page.select_option("select[name=decision]", "dismissed")
    page.fill("textarea[name=note]", "Different person: birth place differs")
    page.click("form.decision button")
    assert "Decision recorded" in page.inner_text(".messages")
