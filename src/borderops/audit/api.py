"""API: searching the audit log (auditors only)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from borderops.accounts.permissions import Action, Resource, require
from borderops.audit.services import search_entries

router = Router(tags=["audit"])


class AuditEntryOut(Schema):
    id: int
    at: datetime
    actor: str
    actor_role: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    details: dict[str, Any]
    channel: str
    method: str
    path: str
    ip_address: str | None


class AuditFilter(Schema):
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    text: str = ""
    since: datetime | None = None
    until: datetime | None = None


@router.get("/entries", response=list[AuditEntryOut], summary="Search the audit log")
@paginate(LimitOffsetPagination)
def list_entries(request: HttpRequest, filters: Query[AuditFilter]) -> Any:
    require(request.user, Action.VIEW, Resource.AUDIT_LOG)
    return search_entries(**filters.dict())
