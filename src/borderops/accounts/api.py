"""API: bearer tokens and the signed-in user."""

from datetime import datetime

from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth import authenticate
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from borderops.accounts import services
from borderops.accounts.lockout import LOCKED_OUT
from borderops.accounts.models import User

router = Router(tags=["auth"])


class Credentials(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str
    expires_at: datetime


class MeOut(Schema):
    username: str
    role: str
    organisation: str | None


class DetailOut(Schema):
    detail: str


@router.post(
    "/token",
    auth=None,
    response={200: TokenOut, 401: DetailOut, 429: DetailOut},
    summary="Exchange a username and password for a bearer token",
)
def obtain_token(request: HttpRequest, credentials: Credentials) -> Status[dict[str, object]]:
    """Send the token back as ``Authorization: Bearer <token>``; it expires after a few hours."""
    try:
        user = authenticate(request, username=credentials.username, password=credentials.password)
    except AxesBackendPermissionDenied:
        return Status(429, {"detail": LOCKED_OUT})
    if not isinstance(user, User):
        return Status(
            401, {"detail": "Unknown username or wrong password, or the account may not sign in."}
        )
    request.user = user
    raw, token = services.issue_token(user=user)
    return Status(200, {"token": raw, "expires_at": token.expires_at})


@router.delete("/token", response={204: None}, summary="Revoke the token used for this request")
def revoke_token(request: HttpRequest) -> Status[None]:
    header = request.headers.get("Authorization", "")
    raw = header.partition(" ")[2].strip()
    if not services.revoke_token(raw=raw):
        raise HttpError(404, "The token is unknown or already revoked.")
    return Status(204, None)


@router.get("/me", response=MeOut, summary="Who the token belongs to")
def me(request: HttpRequest) -> dict[str, object]:
    user = request.user
    assert isinstance(user, User)
    return {
        "username": user.username,
        "role": user.role,
        "organisation": user.organisation.code if user.organisation else None,
    }
