"""Pages for risk models: the list with metrics and drift, a model's card and activations,
measuring it on history against the rules and random selection, uploading and training."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from borderops.accounts.access import PermissionRequiredMixin
from borderops.accounts.permissions import Action, Reach, Resource, can, reach_of
from borderops.core.risk import RATES
from borderops.crossings.models import Shipment
from borderops.risk import services
from borderops.risk.choices import ModelSource
from borderops.risk.forms import ActivationForm, TrainForm, UploadForm
from borderops.risk.models import ModelActivation, RiskModelVersion
from borderops.targeting.choices import OutcomeSource
from borderops.targeting.forms import HistoryForm
from borderops.targeting.views import ports_for


class ModelListView(PermissionRequiredMixin, ListView[RiskModelVersion]):
    """Every model version: what it learned from, precision at each examination rate, where
    it is in force and whether it has drifted."""

    resource = Resource.RISK_MODEL
    model = RiskModelVersion
    template_name = "risk/model_list.html"
    context_object_name = "versions"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[RiskModelVersion]:
        return services.with_activations_in_force(super().get_queryset())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = []
        for version in context["versions"]:
            drift = services.drift_of(version) if version.in_force else None
            rows.append(
                {
                    "version": version,
                    "metrics": [version.metric(rate) for rate in RATES],
                    "drift": drift,
                }
            )
        context.update(rows=rows, rates=RATES, can_add=_can_add(self.request))
        return context


def _can_add(request: HttpRequest) -> bool:
    return can(request.user, Action.ADD, Resource.RISK_MODEL)


class ModelDetailView(PermissionRequiredMixin, DetailView[RiskModelVersion]):
    """One version's card: periods, features, column typing, metrics on the calibration
    slice, where it is in force (and the history of that), and drift."""

    resource = Resource.RISK_MODEL
    model = RiskModelVersion
    template_name = "risk/model_detail.html"
    context_object_name = "version"

    def get_queryset(self) -> QuerySet[RiskModelVersion]:
        return super().get_queryset().defer("content")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        version = self.object
        card = services.card_of(version)
        user = self.request.user
        context.update(
            card=card,
            periods=list(card.periods.items()),
            typing=sorted(card.typing.kinds.items()),
            ignored=sorted(card.typing.ignored.items()),
            activations=version.activations.select_related(
                "port", "activated_by", "ended_by"
            ).order_by("-active", "-activated_at"),
            drift=services.drift_of(version),
            unusable=services.unusable_columns(version),
            can_change=can(user, Action.CHANGE, Resource.RISK_MODEL),
            form=kwargs.get("form") or ActivationForm(ports=ports_for(user)),
        )
        return context


class ActivateView(PermissionRequiredMixin, View):
    """Put a version in force for a port, a mode or every port."""

    resource = Resource.RISK_MODEL
    action = Action.CHANGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        version = get_object_or_404(RiskModelVersion.objects.defer("content"), pk=pk)
        form = ActivationForm(request.POST, ports=ports_for(request.user))
        if form.is_valid():
            data = form.cleaned_data
            try:
                activation = services.activate(
                    version=version,
                    port=data["port"],
                    mode=data["mode"] or "",
                    share=data["share"] / 100,
                    user=request.user,
                )
            except services.RiskServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("%(model)s is in force for %(scope)s.")
                    % {"model": version.stamp, "scope": activation.scope_label},
                )
                return redirect("risk:model-detail", pk=version.pk)
        view = ModelDetailView()
        view.setup(request, pk=pk)
        view.object = version
        return render(request, view.template_name, view.get_context_data(form=form), status=400)


class EndActivationView(PermissionRequiredMixin, View):
    """Take a model out of force for its scope."""

    resource = Resource.RISK_MODEL
    action = Action.CHANGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        activation = get_object_or_404(ModelActivation.objects.select_related("version"), pk=pk)
        try:
            services.end_activation(activation=activation, user=request.user)
        except services.RiskServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(model)s is no longer in force for %(scope)s; the rules decide there.")
                % {"model": activation.version.stamp, "scope": activation.scope_label},
            )
        return redirect("risk:model-detail", pk=activation.version_id)


def _period_initial(request: HttpRequest) -> dict[str, Any]:
    with_truth = can(request.user, Action.VIEW, Resource.GROUND_TRUTH)
    dates = Shipment.objects.order_by("arrival_date").values_list("arrival_date", flat=True)
    return {
        "date_from": dates.first(),
        "date_to": dates.reverse().first(),
        "outcomes": OutcomeSource.GROUND_TRUTH if with_truth else OutcomeSource.EXAMINATIONS,
    }


def _needs_own_port(request: HttpRequest, form: Any) -> bool:
    """Units see figures of their own ports only: a non-national user must pick one."""
    if reach_of(request.user) is Reach.NATIONAL or form.cleaned_data.get("port") is not None:
        return False
    form.add_error("port", _("Choose one of your ports."))
    return True


class EvaluateView(PermissionRequiredMixin, DetailView[RiskModelVersion]):
    """A version measured on a period of history: precision and recall at each examination
    rate, against the active rule set alone and random selection, with a chart."""

    resource = Resource.RISK_MODEL
    model = RiskModelVersion
    template_name = "risk/evaluate.html"
    context_object_name = "version"

    def get_queryset(self) -> QuerySet[RiskModelVersion]:
        return super().get_queryset().defer("content")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        request = self.request
        ports = ports_for(request.user)
        with_truth = can(request.user, Action.VIEW, Resource.GROUND_TRUTH)
        if {"date_from", "date_to"} & set(request.GET):
            form = HistoryForm(request.GET, ports=ports, with_truth=with_truth)
        else:
            form = HistoryForm(initial=_period_initial(request), ports=ports, with_truth=with_truth)
        context["form"] = form
        if form.is_bound and form.is_valid() and not _needs_own_port(request, form):
            data = form.cleaned_data
            try:
                evaluation = services.evaluate_version(
                    version=self.object,
                    date_from=data["date_from"],
                    date_to=data["date_to"],
                    port=data["port"],
                    outcomes=data["outcomes"],
                )
            except services.RiskServiceError as error:
                context["failure"] = str(error)
            else:
                context.update(
                    evaluation=evaluation,
                    chart=services.chart_series(
                        evaluation, self.object.stamp, _("random selection")
                    ),
                )
        return context


class UploadView(PermissionRequiredMixin, View):
    """Store a model file written by ``borderops risk train`` as a new version."""

    resource = Resource.RISK_MODEL
    action = Action.ADD

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "risk/upload.html", {"form": UploadForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                version = services.store_model(
                    content=upload.read(),
                    name=form.cleaned_data["name"],
                    source=ModelSource.UPLOADED,
                    note=form.cleaned_data["note"],
                    user=request.user,
                    filename=upload.name,
                )
            except services.RiskServiceError as error:
                form.add_error("file", str(error))
            else:
                messages.success(request, _("Stored as %(model)s.") % {"model": version.stamp})
                return redirect("risk:model-detail", pk=version.pk)
        return render(request, "risk/upload.html", {"form": form}, status=400)


class TrainView(PermissionRequiredMixin, View):
    """Learn a model from this system's shipments of a period and their outcomes."""

    resource = Resource.RISK_MODEL
    action = Action.ADD

    def _form(self, request: HttpRequest, data: Any = None) -> TrainForm:
        ports = ports_for(request.user)
        with_truth = can(request.user, Action.VIEW, Resource.GROUND_TRUTH)
        if data is not None:
            return TrainForm(data, ports=ports, with_truth=with_truth)
        initial = {**_period_initial(request), "name": services.DEMO_MODEL, "with_rules": True}
        return TrainForm(initial=initial, ports=ports, with_truth=with_truth)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "risk/train.html", {"form": self._form(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self._form(request, request.POST)
        if form.is_valid() and not _needs_own_port(request, form):
            data = form.cleaned_data
            try:
                version = services.train_from_history(
                    name=data["name"],
                    date_from=data["date_from"],
                    date_to=data["date_to"],
                    port=data["port"],
                    outcomes=data["outcomes"],
                    seed=data["seed"] or 0,
                    with_rules=bool(data["with_rules"]),
                    note=data["note"] or "",
                    user=request.user,
                )
            except services.RiskServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Trained and stored as %(model)s.") % {"model": version.stamp}
                )
                return redirect("risk:model-detail", pk=version.pk)
        return render(request, "risk/train.html", {"form": form}, status=400)
