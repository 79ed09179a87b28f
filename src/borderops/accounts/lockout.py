"""What a locked-out sign-in gets back: JSON for the API, a page for people."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

LOCKED_OUT = (
    "Too many failed sign-ins for this username from your address; try again in 15 minutes."
)


def lockout_response(
    request: HttpRequest, response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The 429 answer django-axes gives once a username is locked out."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": LOCKED_OUT}, status=429)
    return render(request, "portal/lockout.html", status=429)
