from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.views.generic import ListView

from borderops.accounts.access import PermissionRequiredMixin
from borderops.accounts.permissions import Resource
from borderops.audit.forms import AuditSearchForm
from borderops.audit.models import AuditEntry
from borderops.audit.services import search_entries


class AuditEntryListView(PermissionRequiredMixin, ListView[AuditEntry]):
    """The audit log, searchable by auditors; there is no way to change it from here."""

    resource = Resource.AUDIT_LOG
    model = AuditEntry
    paginate_by = 100
    template_name = "audit/entry_list.html"

    def get_queryset(self) -> QuerySet[AuditEntry]:
        self.form = AuditSearchForm(self.request.GET or None)
        if self.form.is_bound and self.form.is_valid():
            return search_entries(**self.form.cleaned_data)
        if self.form.is_bound:
            return AuditEntry.objects.none()
        return AuditEntry.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(form=self.form, **kwargs)
