"""Writing and searching the audit log. Every audited event goes through ``record``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet

from borderops.audit.choices import AuditAction
from borderops.audit.context import Actor, current_actor
from borderops.audit.models import AuditEntry

# The most records one page or response may log as read; pages are paginated well below it.
MAX_IDS_PER_READ = 1000


def object_type_of(model: type[models.Model] | models.Model) -> str:
    """The audit name of a model, e.g. ``crossings.traveller``."""
    return model._meta.label_lower


def record(
    *,
    action: AuditAction,
    object_type: str,
    object_id: str | int = "",
    object_repr: str = "",
    details: Mapping[str, Any] | None = None,
    actor: Actor | None = None,
) -> AuditEntry:
    """Append one entry to the audit log."""
    who = actor or current_actor()
    return AuditEntry.objects.create(
        actor=who.name[:150],
        actor_id=who.user_id,
        actor_role=who.role,
        channel=who.channel,
        method=who.method,
        path=who.path,
        ip_address=who.ip_address,
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
        object_repr=object_repr[:200],
        details=dict(details or {}),
    )


def record_read(
    *,
    records: Iterable[models.Model],
    model: type[models.Model],
    purpose: str = "",
) -> list[AuditEntry]:
    """Log that the current actor was shown these records of personal data.

    One entry per record shown, so that "who has looked at this person?" is a plain indexed
    query; a list page writes its entries in one statement.
    """
    who = current_actor()
    object_type = object_type_of(model)
    items = list(records)[:MAX_IDS_PER_READ]
    details: dict[str, Any] = {"purpose": purpose} if purpose else {}
    if len(items) > 1:
        details["shown_with"] = len(items) - 1
    entries = [
        AuditEntry(
            actor=who.name[:150],
            actor_id=who.user_id,
            actor_role=who.role,
            channel=who.channel,
            method=who.method,
            path=who.path,
            ip_address=who.ip_address,
            action=AuditAction.VIEW,
            object_type=object_type,
            object_id=str(item.pk)[:64],
            object_repr=str(item)[:200],
            details=details,
        )
        for item in items
    ]
    return AuditEntry.objects.bulk_create(entries)


def search_entries(
    *,
    text: str = "",
    actor: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries matching every given criterion, newest first."""
    entries = AuditEntry.objects.all()
    if actor:
        entries = entries.filter(actor__iexact=actor)
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if since:
        entries = entries.filter(at__gte=since)
    if until:
        entries = entries.filter(at__lt=until)
    if text:
        entries = entries.filter(
            Q(object_repr__icontains=text) | Q(path__icontains=text) | Q(actor__icontains=text)
        )
    return entries
