"""Bearer tokens: issue, use, expire, revoke, and the limits on who may have one."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.utils import timezone

PASSWORD = "correct horse battery staple"  # as in tests/conftest.py


def _obtain(client: Any, username: str, password: str = PASSWORD) -> Any:
    return client.post(
        "/api/auth/token",
        data=json.dumps({"username": username, "password": password}),
        content_type="application/json",
    )


def test_a_user_exchanges_username_and_password_for_a_working_token(
    client: Any, make_user: Any
) -> None:
    officer = make_user("officer")
    response = _obtain(client, officer.username)
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json() == {
        "username": officer.username,
        "role": "officer",
        "organisation": "port-2504",
    }


def test_wrong_password_is_401_with_a_detail(client: Any, make_user: Any) -> None:
    officer = make_user("officer")
    response = _obtain(client, officer.username, "not the password")
    assert response.status_code == 401
    assert "password" in response.json()["detail"]


def test_only_the_digest_of_a_token_is_stored(client: Any, make_user: Any) -> None:
    from borderops.accounts.models import ApiToken

    token = _obtain(client, make_user("officer").username).json()["token"]
    stored = ApiToken.objects.get()
    assert stored.digest != token
    assert stored.digest == ApiToken.digest_of(token)


def test_an_expired_token_is_refused(client: Any, make_user: Any, api_token_for: Any) -> None:
    from borderops.accounts.models import ApiToken

    raw = api_token_for(make_user("officer"))
    ApiToken.objects.update(
        created_at=timezone.now() - timedelta(days=2), expires_at=timezone.now() - timedelta(days=1)
    )
    assert client.get("/api/auth/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_a_revoked_token_is_refused(client: Any, make_user: Any, api_token_for: Any) -> None:
    raw = api_token_for(make_user("officer"))
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.delete("/api/auth/token", headers=headers).status_code == 204
    assert client.get("/api/auth/me", headers=headers).status_code == 401


def test_a_made_up_token_is_refused(client: Any, db: Any) -> None:
    response = client.get("/api/auth/me", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401


def test_demo_accounts_are_refused_outside_demo_mode(
    client: Any, make_user: Any, settings: Any, api_token_for: Any
) -> None:
    # given a demo account on an installation that is not in demo mode
    settings.DEMO_MODE = False
    demo_officer = make_user("officer", is_demo_account=True)
    # then it can neither get a token, nor use one it had, nor sign in to the web
    assert _obtain(client, demo_officer.username).status_code == 401
    old = api_token_for(demo_officer)
    assert client.get("/api/auth/me", headers={"Authorization": f"Bearer {old}"}).status_code == 401
    assert not client.login(username=demo_officer.username, password=PASSWORD)


def test_demo_accounts_work_in_demo_mode(client: Any, make_user: Any, settings: Any) -> None:
    settings.DEMO_MODE = True
    demo_officer = make_user("officer", is_demo_account=True)
    assert _obtain(client, demo_officer.username).status_code == 200
    assert client.login(username=demo_officer.username, password=PASSWORD)


def test_repeated_failures_lock_the_username_out(
    client: Any, make_user: Any, settings: Any
) -> None:
    # given login throttling on, with a limit of three
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    officer = make_user("officer")
    for _ in range(3):
        _obtain(client, officer.username, "wrong")
    # then even the right password is refused for a while, with a reason
    response = _obtain(client, officer.username)
    assert response.status_code == 429
    assert "15 minutes" in response.json()["detail"]
    web = client.post("/login/", {"username": officer.username, "password": PASSWORD})
    assert web.status_code in {403, 429}


def test_web_login_and_logout(client: Any, make_user: Any) -> None:
    officer = make_user("officer")
    response = client.post("/login/", {"username": officer.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/logout/")
    assert client.get("/").status_code == 302


def test_openapi_document_and_docs_are_served(client: Any, db: Any) -> None:
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/auth/token" in schema["paths"]
    assert client.get("/api/docs").status_code == 200
