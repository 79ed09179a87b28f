"""The HTTP API: one NinjaAPI, with a thin router per app, all behind bearer tokens."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from borderops.accounts.api import router as auth_router
from borderops.accounts.auth import BearerToken
from borderops.advance.api import router as advance_router
from borderops.audit.api import router as audit_router
from borderops.crossings.api import router as crossings_router
from borderops.lookouts.api import router as screening_router
from borderops.reference.api import router as reference_router
from borderops.risk.api import router as risk_router
from borderops.targeting.api import router as targeting_router
from borderops.training.api import router as training_router

api = NinjaAPI(
    title="BorderOps API",
    version="1",
    description=(
        "Screening, targeting, inspections and international assistance for a border agency. "
        "Obtain a token with POST /api/auth/token and send it as `Authorization: Bearer <token>`."
    ),
    auth=BearerToken(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(error) or "You may not do this."}, status=403
    )


api.add_router("/auth", auth_router)
api.add_router("/reference", reference_router)
api.add_router("/crossings", crossings_router)
api.add_router("/audit", audit_router)
api.add_router("/screen", screening_router)
api.add_router("/advance", advance_router)
api.add_router("/training", training_router)
api.add_router("/targeting", targeting_router)
api.add_router("/risk", risk_router)
