"""Health check, dashboards per role, and the production settings check."""

from __future__ import annotations

from typing import Any

import pytest

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


def test_healthz_reports_the_database(client: Any, db: Any) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_has_a_dashboard(client: Any, make_user: Any, role: str) -> None:
    user = make_user(role)
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert f"{user.get_role_display()} dashboard" in response.content.decode()


def test_officer_dashboard_counts_only_their_ports_crossings(
    client: Any, make_user: Any, make_crossing: Any
) -> None:
    from borderops.portal.dashboards import cards_for

    make_crossing(port="2504")
    make_crossing(port="2304")
    cards = {str(card.title): card.value for card in cards_for(make_user("officer"))}
    assert cards["Crossings on record"] == 1
    cards = {str(card.title): card.value for card in cards_for(make_user("analyst"))}
    assert cards["Crossings on record"] == 2


def test_pages_send_security_headers(client: Any, make_user: Any) -> None:
    client.force_login(make_user("officer"))
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_offer_translations(client: Any, make_user: Any) -> None:
    client.force_login(make_user("officer"))
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response["Content-Language"] == "es"


def _errors(settings: Any, **overrides: Any) -> set[str]:
    from borderops.checks import production_settings

    for name, value in overrides.items():
        setattr(settings, name, value)
    return {error.id for error in production_settings()}


def test_production_settings_refuse_a_missing_secret_key_and_hosts(settings: Any) -> None:
    errors = _errors(
        settings,
        DEMO_MODE=False,
        DEBUG=True,
        SECRET_KEY_CONFIGURED=False,
        ALLOWED_HOSTS=[],
        SESSION_COOKIE_SECURE=False,
    )
    assert errors == {"borderops.E001", "borderops.E002", "borderops.E003", "borderops.E004"}


def test_safe_production_settings_pass(settings: Any) -> None:
    errors = _errors(
        settings,
        DEMO_MODE=False,
        DEBUG=False,
        SECRET_KEY_CONFIGURED=True,
        SECRET_KEY="x" * 64,
        ALLOWED_HOSTS=["borderops.example.gov"],
        SESSION_COOKIE_SECURE=True,
    )
    assert errors == set()


def test_a_demo_installation_is_not_held_to_production_rules(settings: Any) -> None:
    assert _errors(settings, DEMO_MODE=True, SECRET_KEY_CONFIGURED=False, ALLOWED_HOSTS=[]) == set()
