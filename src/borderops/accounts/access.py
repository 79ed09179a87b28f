"""View mixins that put every page behind the permission layer and the audit log."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Page
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponseBase

from borderops.accounts.permissions import Action, Resource, require, scoped
from borderops.audit.services import record_read


class PermissionRequiredMixin(LoginRequiredMixin):
    """Anonymous users go to the login page; others need the role's permission.

    Subclasses name the ``resource`` and ``action``; querysets are narrowed to what the
    user's organisation may see.
    """

    resource: ClassVar[Resource]
    action: ClassVar[Action] = Action.VIEW

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not hasattr(self, "resource"):
            raise ImproperlyConfigured(f"{type(self).__name__} must name its resource.")
        require(request.user, self.action, self.resource)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        queryset: QuerySet[Any] = super().get_queryset()  # type: ignore[misc]
        return scoped(self.request.user, self.resource, queryset, self.action)  # type: ignore[attr-defined]


class AuditedReadMixin:
    """Log every record of personal data a list or detail page shows."""

    audit_purpose: ClassVar[str] = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        shown: list[Model] = []
        page = context.get("page_obj")
        if isinstance(page, Page):
            shown = list(page.object_list)
        elif context.get("object") is not None:
            shown = [context["object"]]
        elif context.get("object_list") is not None:
            shown = list(context["object_list"])
        if shown:
            record_read(records=shown, model=type(shown[0]), purpose=self.audit_purpose)
        return context
