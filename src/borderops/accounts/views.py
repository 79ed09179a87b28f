from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.views.generic import ListView

from borderops.accounts.access import AuditedReadMixin, PermissionRequiredMixin
from borderops.accounts.models import Organisation, User
from borderops.accounts.permissions import Resource


class UserListView(AuditedReadMixin, PermissionRequiredMixin, ListView[User]):
    """Users with their roles and organisations (names are personal data)."""

    resource = Resource.USER
    model = User
    paginate_by = 50
    template_name = "accounts/user_list.html"

    def get_queryset(self) -> QuerySet[User]:
        users = super().get_queryset().select_related("organisation").order_by("username")
        text = self.request.GET.get("q", "").strip()
        if text:
            users = users.filter(Q(username__icontains=text) | Q(last_name__icontains=text))
        role = self.request.GET.get("role", "")
        if role:
            users = users.filter(role=role)
        return users

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from borderops.accounts.choices import Role

        return super().get_context_data(roles=Role.choices, **kwargs)


class OrganisationListView(PermissionRequiredMixin, ListView[Organisation]):
    """The organisation tree, indented by depth."""

    resource = Resource.ORGANISATION
    model = Organisation
    paginate_by = 200
    template_name = "accounts/organisation_list.html"

    def get_queryset(self) -> QuerySet[Organisation]:
        organisations = super().get_queryset().select_related("country", "port")
        text = self.request.GET.get("q", "").strip()
        if text:
            organisations = organisations.filter(Q(name__icontains=text) | Q(code__icontains=text))
        return organisations.order_by("path")
