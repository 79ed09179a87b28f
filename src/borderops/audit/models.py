"""The audit log: who did what to which record, when and from where."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderops.audit.choices import AuditAction


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit entries cannot be changed.")

    def delete(self) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One audited event. Entries are written once and never changed or deleted.

    The actor is kept by name and id rather than by foreign key, so the entry still says
    who acted after the account is gone.
    """

    at = models.DateTimeField(
        verbose_name=_("when"),
        default=timezone.now,
        db_index=True,
    )
    actor_id = models.BigIntegerField(
        verbose_name=_("actor id"),
        null=True,
        blank=True,
    )
    actor = models.CharField(
        verbose_name=_("actor"),
        max_length=150,
        db_index=True,
        help_text=_("Username, or 'system:<command>' for batch work."),
    )
    actor_role = models.CharField(
        verbose_name=_("actor role"),
        max_length=20,
        blank=True,
    )
    action = models.CharField(
        verbose_name=_("action"),
        max_length=20,
        choices=AuditAction.choices,
        db_index=True,
    )
    object_type = models.CharField(
        verbose_name=_("record type"),
        max_length=100,
        db_index=True,
        help_text=_("App label and model, e.g. 'crossings.traveller'."),
    )
    object_id = models.CharField(
        verbose_name=_("record id"),
        max_length=64,
        blank=True,
        db_index=True,
    )
    object_repr = models.CharField(
        verbose_name=_("record"),
        max_length=200,
        blank=True,
    )
    details = models.JSONField(
        verbose_name=_("details"),
        default=dict,
        blank=True,
        help_text=_("Changed fields, ids of the records read, counts of an import."),
    )
    channel = models.CharField(
        verbose_name=_("channel"),
        max_length=10,
        blank=True,
        help_text=_("web, api or cli."),
    )
    method = models.CharField(
        verbose_name=_("HTTP method"),
        max_length=10,
        blank=True,
    )
    path = models.CharField(
        verbose_name=_("path"),
        max_length=500,
        blank=True,
    )
    ip_address = models.GenericIPAddressField(
        verbose_name=_("from address"),
        null=True,
        blank=True,
    )

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M:%S}"
        return f"{when} {self.actor} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditLogIsAppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")
