from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from borderops.audit.context import serving


class AuditContextMiddleware:
    """Make the request's user the actor of everything audited while it is handled."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with serving(request):
            return self.get_response(request)
