"""Bearer-token authentication for the HTTP API."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from borderops.accounts.services import authenticate_token


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>``; the token's user becomes ``request.user``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = authenticate_token(token)
        if user is None:
            return None
        # The permission layer and the audit log read request.user, as for web pages.
        request.user = user
        return user
