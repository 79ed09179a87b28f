"""Write an audit entry for every create, update and delete of a BorderOps record.

This is the one place signals are used: auditing must not depend on every service
remembering to call it, and it changes no business state. Bulk loads bypass model signals,
so loaders record one ``import`` entry with their counts instead.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from borderops.audit.choices import AuditAction
from borderops.audit.models import AuditEntry
from borderops.audit.services import object_type_of, record

# Fields whose values must never be copied into the log.
SECRET_FIELDS = frozenset({"password", "digest"})
# Bookkeeping fields that change on every sign-in or API call; the sign-in itself is logged.
IGNORED_FIELDS = frozenset({"last_login", "last_used_at"})
_PREVIOUS = "_audit_previous_values"


def _is_audited(sender: type[models.Model]) -> bool:
    return sender.__module__.startswith("borderops.") and sender is not AuditEntry


def _values(instance: models.Model) -> dict[str, Any]:
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in SECRET_FIELDS | IGNORED_FIELDS
    }


def _remember_previous(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not _is_audited(sender) or instance.pk is None or kwargs.get("raw"):
        return
    previous = sender._default_manager.filter(pk=instance.pk).values().first()
    setattr(instance, _PREVIOUS, previous)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _on_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if not _is_audited(sender) or kwargs.get("raw"):
        return
    if created:
        record(
            action=AuditAction.CREATE,
            object_type=object_type_of(sender),
            object_id=instance.pk,
            object_repr=str(instance),
        )
        return
    previous: dict[str, Any] | None = getattr(instance, _PREVIOUS, None)
    current = _values(instance)
    changes = {
        name: [_jsonable(previous.get(name)), _jsonable(value)]
        for name, value in current.items()
        if previous is not None and previous.get(name) != value
    }
    secret_changed = previous is not None and any(
        name in previous and previous[name] != getattr(instance, name, None)
        for name in SECRET_FIELDS
    )
    if secret_changed:
        changes["password"] = ["(hidden)", "(changed)"]
    if previous is not None and not changes:
        return
    record(
        action=AuditAction.UPDATE,
        object_type=object_type_of(sender),
        object_id=instance.pk,
        object_repr=str(instance),
        details={"changes": changes},
    )


def _on_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not _is_audited(sender):
        return
    record(
        action=AuditAction.DELETE,
        object_type=object_type_of(sender),
        object_id=instance.pk,
        object_repr=str(instance),
    )


def _on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(
        action=AuditAction.LOGIN,
        object_type="accounts.user",
        object_id=user.pk,
        object_repr=user.get_username(),
    )


def _on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(
            action=AuditAction.LOGOUT,
            object_type="accounts.user",
            object_id=user.pk,
            object_repr=user.get_username(),
        )


def _on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    # Only the username is kept; the password tried never reaches the log.
    record(
        action=AuditAction.LOGIN_FAILED,
        object_type="accounts.user",
        object_repr=str(credentials.get("username", ""))[:150],
    )


def connect() -> None:
    """Attach the recorders to every model (filtered to BorderOps models when called)."""
    user_logged_in.connect(_on_login, dispatch_uid="borderops-audit-login")
    user_logged_out.connect(_on_logout, dispatch_uid="borderops-audit-logout")
    user_login_failed.connect(_on_login_failed, dispatch_uid="borderops-audit-login-failed")
    pre_save.connect(_remember_previous, dispatch_uid="borderops-audit-pre-save")
    post_save.connect(_on_save, dispatch_uid="borderops-audit-post-save")
    post_delete.connect(_on_delete, dispatch_uid="borderops-audit-post-delete")
