"""Pages for travellers, crossings and shipments. Every page showing a person is audited."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.views.generic import DetailView, ListView

from borderops.accounts.access import AuditedReadMixin, PermissionRequiredMixin
from borderops.accounts.permissions import Action, Resource, can, scoped
from borderops.crossings.models import Crossing, GroundTruth, Shipment, Traveller


def _truth_for(user: Any, record_type: str, reference: str) -> list[GroundTruth]:
    # Ground truth is for exercises: shown only to roles that run them, and only on records
    # those users can already see.
    if not can(user, Action.VIEW, Resource.GROUND_TRUTH):
        return []
    return list(GroundTruth.objects.filter(record_type=record_type, record_reference=reference))


class TravellerListView(AuditedReadMixin, PermissionRequiredMixin, ListView[Traveller]):
    """Travellers seen at the user's ports, searchable by name or document number."""

    resource = Resource.TRAVELLER
    model = Traveller
    paginate_by = 50
    template_name = "crossings/traveller_list.html"
    audit_purpose = "traveller search"

    def get_queryset(self) -> QuerySet[Traveller]:
        travellers = super().get_queryset().select_related("nationality")
        text = self.request.GET.get("q", "").strip()
        if text:
            travellers = travellers.filter(
                Q(surname__icontains=text)
                | Q(given_names__icontains=text)
                | Q(documents__document_number__iexact=text)
            ).distinct()
        return travellers.order_by("surname", "given_names", "pk")


class TravellerDetailView(AuditedReadMixin, PermissionRequiredMixin, DetailView[Traveller]):
    """One traveller: identity, documents and the crossings the user may see."""

    resource = Resource.TRAVELLER
    model = Traveller
    template_name = "crossings/traveller_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        traveller = self.object
        crossings = scoped(
            self.request.user, Resource.CROSSING, traveller.crossings.select_related("port")
        )
        return super().get_context_data(
            documents=traveller.documents.all(),
            crossings=crossings,
            truth=_truth_for(self.request.user, "traveller", traveller.reference),
            **kwargs,
        )


class CrossingListView(PermissionRequiredMixin, ListView[Crossing]):
    """Crossings at the user's ports, newest first, filterable by port, mode and day."""

    resource = Resource.CROSSING
    model = Crossing
    paginate_by = 50
    template_name = "crossings/crossing_list.html"

    def get_queryset(self) -> QuerySet[Crossing]:
        crossings = super().get_queryset().select_related("port", "traveller", "vehicle")
        port = self.request.GET.get("port", "").strip()
        if port:
            crossings = crossings.filter(port_id=port)
        mode = self.request.GET.get("mode", "").strip()
        if mode:
            crossings = crossings.filter(mode=mode)
        day = self.request.GET.get("day", "").strip()
        if day:
            crossings = crossings.filter(crossed_at__date=day)
        return crossings.order_by("-crossed_at", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # The list names the travellers, so it is a read of personal data.
        from borderops.audit.services import record_read

        page = context["page_obj"]
        record_read(
            records=[crossing.traveller for crossing in page.object_list],
            model=Traveller,
            purpose="crossing list",
        )
        return context


class CrossingDetailView(AuditedReadMixin, PermissionRequiredMixin, DetailView[Crossing]):
    """One crossing with the traveller, document and vehicle."""

    resource = Resource.CROSSING
    model = Crossing
    template_name = "crossings/crossing_detail.html"

    def get_queryset(self) -> QuerySet[Crossing]:
        return super().get_queryset().select_related("port", "traveller", "document", "vehicle")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            truth=_truth_for(self.request.user, "crossing", self.object.reference), **kwargs
        )


class ShipmentListView(PermissionRequiredMixin, ListView[Shipment]):
    """Customs entries at the user's ports, filterable by HS code prefix, origin and port."""

    resource = Resource.SHIPMENT
    model = Shipment
    paginate_by = 50
    template_name = "crossings/shipment_list.html"

    def get_queryset(self) -> QuerySet[Shipment]:
        shipments = super().get_queryset().select_related("port")
        hs = self.request.GET.get("hs", "").strip()
        if hs:
            shipments = shipments.filter(hs_code__startswith=hs)
        origin = self.request.GET.get("origin", "").strip().upper()
        if origin:
            shipments = shipments.filter(origin=origin)
        port = self.request.GET.get("port", "").strip()
        if port:
            shipments = shipments.filter(port_id=port)
        return shipments.order_by("-arrival_date", "reference")


class ShipmentDetailView(PermissionRequiredMixin, DetailView[Shipment]):
    """One customs entry with its parties, route and containers."""

    resource = Resource.SHIPMENT
    model = Shipment
    template_name = "crossings/shipment_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            truth=_truth_for(self.request.user, "shipment", self.object.reference), **kwargs
        )
