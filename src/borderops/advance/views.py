"""Pages for advance passenger information: flights expected, one flight's travellers, upload."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from borderops.accounts.access import PermissionRequiredMixin
from borderops.accounts.permissions import Action, Resource, can, scoped
from borderops.advance import services
from borderops.advance.choices import ReceivedThrough
from borderops.advance.forms import DocumentCheckForm, MessageUploadForm
from borderops.advance.models import ExpectedFlight, ExpectedTraveller
from borderops.audit.services import record_read


class FlightListView(PermissionRequiredMixin, ListView[ExpectedFlight]):
    """Flights announced by advance data, newest first, with how many travellers to refer."""

    resource = Resource.ADVANCE_DATA
    model = ExpectedFlight
    paginate_by = 50
    template_name = "advance/flight_list.html"

    def get_queryset(self) -> QuerySet[ExpectedFlight]:
        flights: QuerySet[ExpectedFlight] = super().get_queryset().select_related("port")
        text = self.request.GET.get("q", "").strip().upper()
        if text:
            flights = flights.filter(
                Q(flight__icontains=text) | Q(departure_port=text) | Q(arrival_port=text)
            )
        return flights.annotate(
            traveller_total=Count("travellers"),
            referral_total=Count("travellers", filter=Q(travellers__referral_advised=True)),
        ).order_by("-service_date", "flight", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            can_upload=can(self.request.user, Action.ADD, Resource.ADVANCE_DATA),
            query=self.request.GET.get("q", ""),
            **kwargs,
        )


class FlightDetailView(PermissionRequiredMixin, DetailView[ExpectedFlight]):
    """One flight: every traveller with their screening hits and document findings."""

    resource = Resource.ADVANCE_DATA
    model = ExpectedFlight
    template_name = "advance/flight_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        travellers: QuerySet[ExpectedTraveller] = scoped(
            self.request.user,
            Resource.ADVANCE_DATA,
            ExpectedTraveller.objects.filter(flight=self.object),
        )
        if self.request.GET.get("show") == "referrals":
            travellers = travellers.filter(referral_advised=True)
        shown = list(travellers)
        if shown:
            record_read(records=shown, model=ExpectedTraveller, purpose="flight view")
        context.update(
            travellers=shown,
            referral_total=sum(1 for traveller in shown if traveller.referral_advised),
            show=self.request.GET.get("show", "all"),
        )
        return context


class MessageUploadView(PermissionRequiredMixin, View):
    """Receive a PAXLST or PNRGOV file: the flight view opens when it was stored."""

    resource = Resource.ADVANCE_DATA
    action = Action.ADD

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "advance/upload.html", {"form": MessageUploadForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = MessageUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = request.FILES.get("message")
            try:
                outcome = services.receive_message(
                    text=form.cleaned_data["message"],
                    through=ReceivedThrough.WEB,
                    user=request.user,
                    filename=str(getattr(upload, "name", "") or ""),
                )
            except services.MessageRejected as error:
                form.add_error("message", _("Rejected, nothing was stored: %s") % error)
            else:
                if outcome.created and outcome.message.warning:
                    messages.warning(request, _("Read despite: %s") % outcome.message.warning)
                if outcome.created:
                    messages.success(
                        request,
                        _("Received %(travellers)d travellers; %(referrals)d advised for referral.")
                        % {"travellers": outcome.travellers, "referrals": outcome.referrals},
                    )
                else:
                    messages.info(request, _("This message was already received; nothing changed."))
                if len(outcome.flights) == 1:
                    return redirect("advance:flight-detail", pk=outcome.flights[0].pk)
                return redirect("advance:flight-list")
        return render(request, "advance/upload.html", {"form": form}, status=400)


class DocumentCheckView(PermissionRequiredMixin, View):
    """Read an MRZ at primary and run every document check, with the advance data known."""

    resource = Resource.SCREENING
    action = Action.ADD

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "advance/document_check.html", {"form": DocumentCheckForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = DocumentCheckForm(request.POST)
        context: dict[str, Any] = {"form": form}
        if form.is_valid():
            data = form.cleaned_data
            flight = None
            if data["flight"]:
                flight = (
                    scoped(request.user, Resource.ADVANCE_DATA, ExpectedFlight.objects.all())
                    .filter(pk=data["flight"])
                    .first()
                )
                if flight is None or not can(request.user, Action.VIEW, Resource.ADVANCE_DATA):
                    form.add_error("flight", _("No such flight among those you may see."))
            if not form.errors:
                try:
                    outcome = services.check_presented_document(
                        mrz=data["mrz"],
                        on=data["on"] or timezone.localdate(),
                        stay_until=data["stay_until"],
                        flight=flight,
                        user=request.user,
                    )
                except ValueError as error:
                    form.add_error("mrz", str(error))
                else:
                    context.update(outcome=outcome, reading=outcome.reading.to_json())
        return render(request, "advance/document_check.html", context)
