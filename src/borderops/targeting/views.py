"""Pages for targeting: rule sets and their editor, scoring, the worklist, an entry's
explanation and examination, backtests and comparisons."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from borderops.accounts.access import AuditedReadMixin, PermissionRequiredMixin
from borderops.accounts.models import Organisation
from borderops.accounts.permissions import Action, Reach, Resource, can, reach_of, scoped
from borderops.audit.services import record_read
from borderops.core.targeting.types import RuleSetError
from borderops.crossings.models import Shipment
from borderops.reference.models import PortOfEntry
from borderops.targeting import services
from borderops.targeting.choices import OutcomeSource, VersionStatus
from borderops.targeting.forms import (
    ExaminationForm,
    HistoryForm,
    PortDayForm,
    RuleSetSourceForm,
    ScoringForm,
)
from borderops.targeting.models import RuleSet, RuleSetVersion, ScoringRun


def ports_for(user: Any) -> QuerySet[PortOfEntry]:
    """The ports of entry whose shipments the user may see: those run by their unit and the
    units under it, or every port with a unit for national roles."""
    units = Organisation.objects.filter(port__isnull=False)
    if reach_of(user) is not Reach.NATIONAL:
        path = getattr(getattr(user, "organisation", None), "path", "")
        if not path:
            return PortOfEntry.objects.none()
        units = units.filter(path__startswith=path)
    return PortOfEntry.objects.filter(code__in=units.values("port_id")).order_by("code")


# --------------------------------------------------------------------------------------------
# Rule sets, versions and the editor
# --------------------------------------------------------------------------------------------


class RuleSetListView(PermissionRequiredMixin, ListView[RuleSet]):
    """Every rule set with its version in force, and the latest scoring runs."""

    resource = Resource.RULE_SET
    model = RuleSet
    template_name = "targeting/ruleset_list.html"

    def get_queryset(self) -> QuerySet[RuleSet]:
        rule_sets: QuerySet[RuleSet] = super().get_queryset()
        return rule_sets.annotate(
            version_total=Count("versions"),
            active_number=Count("versions", filter=Q(versions__status=VersionStatus.ACTIVE)),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        return super().get_context_data(
            active=RuleSetVersion.objects.filter(status=VersionStatus.ACTIVE).select_related(
                "rule_set"
            ),
            runs=ScoringRun.objects.select_related("version__rule_set", "port")[:10],
            can_write=can(user, Action.ADD, Resource.RULE_SET),
            can_score=can(user, Action.ADD, Resource.TARGETING_SCORE),
            **kwargs,
        )


class RuleSetDetailView(PermissionRequiredMixin, DetailView[RuleSet]):
    """One rule set: its versions, which is in force, and the comparison form."""

    resource = Resource.RULE_SET
    model = RuleSet
    template_name = "targeting/ruleset_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        versions = list(self.object.versions.select_related("created_by", "activated_by"))
        context.update(
            versions=versions,
            can_write=can(user, Action.ADD, Resource.RULE_SET),
            can_activate=can(user, Action.CHANGE, Resource.RULE_SET),
        )
        return context


def _initial_source(request: HttpRequest, rule_set: RuleSet | None) -> str:
    base = request.GET.get("from")
    if base and base.isdigit():
        version = RuleSetVersion.objects.filter(pk=int(base)).first()
        if version is not None:
            return version.source
    latest = rule_set.latest_version if rule_set is not None else None
    if latest is not None:
        return latest.source
    return services.EXAMPLE_RULES.read_text(encoding="utf-8")


class RuleSetEditView(PermissionRequiredMixin, View):
    """The editor: YAML checked as the analyst types, tried on a sample of a day's
    shipments, saved as a new version."""

    resource = Resource.RULE_SET
    action = Action.ADD

    def _rule_set(self, pk: int | None) -> RuleSet | None:
        return get_object_or_404(RuleSet, pk=pk) if pk is not None else None

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        rule_set = self._rule_set(pk)
        latest_day = Shipment.objects.order_by("-arrival_date").values_list(
            "arrival_date", flat=True
        )
        form = RuleSetSourceForm(
            initial={
                "source": _initial_source(request, rule_set),
                "day": latest_day.first(),
                "sample": 200,
            }
        )
        return self._render(request, rule_set, form)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        rule_set = self._rule_set(pk)
        form = RuleSetSourceForm(request.POST)
        if not form.is_valid():
            return self._render(request, rule_set, form, status=400)
        data = form.cleaned_data
        if request.POST.get("action") == "test":
            return self._trial(request, rule_set, form)
        try:
            version = services.save_version(
                source=data["source"], user=request.user, rule_set=rule_set, note=data["note"]
            )
        except RuleSetError as error:
            return self._render(request, rule_set, form, problems=error.problems, status=400)
        messages.success(
            request,
            _("Saved as version %(number)d of %(name)s (a draft until activated).")
            % {"number": version.number, "name": version.rule_set.name},
        )
        return redirect("targeting:version-detail", pk=version.pk)

    def _trial(self, request: HttpRequest, rule_set: RuleSet | None, form: Any) -> HttpResponse:
        data = form.cleaned_data
        if data["day"] is None:
            form.add_error("day", _("Choose the day whose shipments to try the rules on."))
            return self._render(request, rule_set, form, status=400)
        try:
            trial = services.trial_run(
                source=data["source"], day=data["day"], sample=data["sample"] or 200
            )
        except RuleSetError as error:
            return self._render(request, rule_set, form, problems=error.problems, status=400)
        except services.TargetingError as error:
            form.add_error("day", str(error))
            return self._render(request, rule_set, form, status=400)
        return self._render(request, rule_set, form, trial=trial)

    def _render(
        self,
        request: HttpRequest,
        rule_set: RuleSet | None,
        form: Any,
        *,
        problems: Any = None,
        trial: Any = None,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "rule_set": rule_set,
            "form": form,
            "problems": problems,
            "checked": problems is not None,
            "trial": trial,
        }
        return render(request, "targeting/ruleset_edit.html", context, status=status)


class ValidateView(PermissionRequiredMixin, View):
    """The problems of the YAML being typed, as a fragment htmx puts under the editor."""

    resource = Resource.RULE_SET
    action = Action.ADD

    def post(self, request: HttpRequest) -> HttpResponse:
        source = request.POST.get("source", "")
        problems = services.check_source(text=source) if source.strip() else None
        return render(
            request,
            "targeting/_problems.html",
            {"problems": problems or [], "checked": problems is not None},
        )


class VersionDetailView(PermissionRequiredMixin, DetailView[RuleSetVersion]):
    """One version: its rules as checked, its YAML, and activation."""

    resource = Resource.RULE_SET
    model = RuleSetVersion
    template_name = "targeting/version_detail.html"

    def get_queryset(self) -> QuerySet[RuleSetVersion]:
        return super().get_queryset().select_related("rule_set", "created_by", "activated_by")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        try:
            ruleset = services.ruleset_of(self.object)
        except RuleSetError as error:
            ruleset, context["problems"] = None, error.problems
        user = self.request.user
        active = self.object.rule_set.active_version
        context.update(
            ruleset=ruleset,
            active=active,
            can_write=can(user, Action.ADD, Resource.RULE_SET),
            can_activate=can(user, Action.CHANGE, Resource.RULE_SET),
        )
        return context


class ActivateView(PermissionRequiredMixin, View):
    """Put a version in force; the one before it is retired."""

    resource = Resource.RULE_SET
    action = Action.CHANGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        version = get_object_or_404(RuleSetVersion.objects.select_related("rule_set"), pk=pk)
        try:
            services.activate_version(version=version, user=request.user)
        except RuleSetError as error:
            messages.error(request, _("Not activated: %s") % error)
        else:
            messages.success(
                request,
                _("Version %(number)d of %(name)s is now active.")
                % {"number": version.number, "name": version.rule_set.name},
            )
        return redirect("targeting:ruleset-detail", pk=version.rule_set_id)


def _history_form(request: HttpRequest) -> HistoryForm:
    with_truth = can(request.user, Action.VIEW, Resource.GROUND_TRUTH)
    ports = ports_for(request.user)
    if {"date_from", "date_to"} & set(request.GET):
        return HistoryForm(request.GET, ports=ports, with_truth=with_truth)
    last = Shipment.objects.order_by("-arrival_date").values_list("arrival_date", flat=True)
    first = Shipment.objects.order_by("arrival_date").values_list("arrival_date", flat=True)
    initial = {
        "date_from": first.first(),
        "date_to": last.first(),
        "outcomes": OutcomeSource.GROUND_TRUTH if with_truth else OutcomeSource.EXAMINATIONS,
    }
    return HistoryForm(initial=initial, ports=ports, with_truth=with_truth)


def chart_series(*results: Any) -> dict[str, Any]:
    """Detection curves as the chart script reads them: one series per backtest."""
    return {
        "series": [
            {
                "label": result.ruleset,
                "points": [
                    {"x": point.examination_rate, "y": point.detection_rate}
                    for point in result.curve
                ],
            }
            for result in results
        ]
    }


class BacktestView(PermissionRequiredMixin, DetailView[RuleSetVersion]):
    """A version measured on a period of history: per rule, per channel, and a chart of
    detection against examination rate."""

    resource = Resource.RULE_SET
    model = RuleSetVersion
    template_name = "targeting/backtest.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = _history_form(self.request)
        context["form"] = form
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                result = services.backtest_version(
                    version=self.object,
                    date_from=data["date_from"],
                    date_to=data["date_to"],
                    port=data["port"],
                    outcomes=data["outcomes"],
                )
            except (services.TargetingError, RuleSetError) as error:
                context["failure"] = str(error)
            else:
                context.update(result=result, chart=chart_series(result))
        return context


class CompareView(PermissionRequiredMixin, DetailView[RuleSet]):
    """Two versions of a rule set on the same history, before one is activated."""

    resource = Resource.RULE_SET
    model = RuleSet
    template_name = "targeting/compare.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        versions = list(self.object.versions.all())
        form = _history_form(self.request)
        by_pk = {str(version.pk): version for version in versions}
        active = self.object.active_version
        before = by_pk.get(self.request.GET.get("before", "")) or active
        after = by_pk.get(self.request.GET.get("after", "")) or (versions[0] if versions else None)
        context.update(versions=versions, form=form, before=before, after=after)
        if form.is_bound and form.is_valid() and before is not None and after is not None:
            data = form.cleaned_data
            try:
                comparison = services.compare_versions(
                    before=before,
                    after=after,
                    date_from=data["date_from"],
                    date_to=data["date_to"],
                    port=data["port"],
                    outcomes=data["outcomes"],
                )
            except (services.TargetingError, RuleSetError) as error:
                context["failure"] = str(error)
            else:
                rows: list[tuple[Any, Any]] = []
                old_rules = {rule.rule_id: rule for rule in comparison.before.rules}
                for rule in comparison.after.rules:
                    rows.append((old_rules.pop(rule.rule_id, None), rule))
                rows.extend((rule, None) for rule in old_rules.values())
                context.update(
                    comparison=comparison,
                    rule_rows=rows,
                    curve_rows=list(
                        zip(
                            comparison.before.curve,
                            comparison.after.curve,
                            comparison.detection_change,
                            strict=True,
                        )
                    ),
                    chart_series=chart_series(comparison.before, comparison.after),
                    can_activate=can(self.request.user, Action.CHANGE, Resource.RULE_SET),
                )
        return context


# --------------------------------------------------------------------------------------------
# Scoring, the worklist and one entry
# --------------------------------------------------------------------------------------------


class ScoreView(PermissionRequiredMixin, View):
    """Score a port's shipments (or every port's) for a day or a range with the active
    version; the worklist opens when one port and one day were scored."""

    resource = Resource.TARGETING_SCORE
    action = Action.ADD

    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        form = ScoringForm(initial={"date_from": today}, ports=ports_for(request.user))
        return self._render(request, form)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ScoringForm(request.POST, ports=ports_for(request.user))
        if not form.is_valid():
            return self._render(request, form, status=400)
        data = form.cleaned_data
        try:
            run = services.score_shipments(
                date_from=data["date_from"],
                date_to=data["date_to"],
                port=data["port"],
                user=request.user,
                seed=data["seed"] or 0,
                red_capacity=data["red_capacity"],
            )
        except services.TargetingError as error:
            form.add_error(None, str(error))
            return self._render(request, form, status=400)
        messages.success(
            request,
            _(
                "Scored %(entries)d entries with %(version)s: %(red)d red, %(yellow)d yellow, "
                "%(green)d green."
            )
            % {
                "entries": run.entry_count,
                "version": run.version.label,
                "red": run.red_count,
                "yellow": run.yellow_count,
                "green": run.green_count,
            },
        )
        if run.port_id and run.date_from == run.date_to:
            query = f"?port={run.port_id}&day={run.date_from.isoformat()}"
            return redirect(reverse("targeting:worklist") + query)
        return redirect("targeting:ruleset-list")

    def _render(self, request: HttpRequest, form: ScoringForm, status: int = 200) -> HttpResponse:
        try:
            active = services.active_version()
        except services.TargetingError:
            active = None
        return render(
            request, "targeting/score.html", {"form": form, "active": active}, status=status
        )


class WorklistView(PermissionRequiredMixin, View):
    """The scored entries of a port and day: red first, then yellow, with why."""

    resource = Resource.TARGETING_SCORE

    def get(self, request: HttpRequest) -> HttpResponse:
        ports = ports_for(request.user)
        form = PortDayForm(request.GET or None, ports=ports)
        context: dict[str, Any] = {
            "form": form,
            "can_score": can(request.user, Action.ADD, Resource.TARGETING_SCORE),
            "include_green": request.GET.get("green") == "1",
        }
        if form.is_bound and form.is_valid():
            found = services.worklist(
                user=request.user,
                port=form.cleaned_data["port"],
                day=form.cleaned_data["day"],
                include_green=context["include_green"],
            )
            rows = []
            for entry in found.scores:
                fired = services.explain_fired(found.ruleset, entry.fired) if found.ruleset else []
                rows.append((entry, fired))
            context.update(worklist=found, rows=rows)
        return render(request, "targeting/worklist.html", context)


class EntryDetailView(AuditedReadMixin, PermissionRequiredMixin, DetailView[Shipment]):
    """One entry: its latest score with every fired rule explained, and the examination
    result (recorded here by officers)."""

    resource = Resource.TARGETING_SCORE
    model = Shipment
    template_name = "targeting/entry_detail.html"
    audit_purpose = "targeting entry"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        latest = services.latest_score(shipment=self.object)
        explained: list[Any] = []
        if latest is not None:
            ruleset = services.ruleset_of(latest.run.version)
            explained = services.explain_fired(ruleset, latest.fired)
        examination = None
        if can(user, Action.VIEW, Resource.EXAMINATION):
            examination = getattr(self.object, "examination", None)
            if examination is not None:
                # The note may name people: reading it is logged like any personal data.
                record_read(
                    records=[examination], model=type(examination), purpose=self.audit_purpose
                )
        can_record = can(user, Action.ADD, Resource.EXAMINATION)
        form = kwargs.get("form") or (ExaminationForm(initial=_examination_initial(examination)))
        context.update(
            score=latest,
            risk=getattr(latest, "risk", None) if latest is not None else None,
            explained=explained,
            examination=examination,
            can_record=can_record,
            form=form,
        )
        return context


def _examination_initial(examination: Any) -> dict[str, Any]:
    if examination is None:
        return {"finding": "false"}
    return {
        "finding": "true" if examination.finding else "false",
        "category": examination.category,
        "quantity": examination.quantity,
        "note": examination.note,
    }


class ExaminationView(PermissionRequiredMixin, View):
    """Record what the examination of an entry found."""

    resource = Resource.EXAMINATION
    action = Action.ADD

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        shipment = scoped(request.user, Resource.EXAMINATION, Shipment.objects.all()).filter(pk=pk)
        found = shipment.first()
        if found is None:
            raise Http404(_("No such entry among those you may see."))
        form = ExaminationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_examination(
                    shipment=found,
                    user=request.user,
                    finding=bool(data["finding"]),
                    category=data["category"] or "",
                    quantity=data["quantity"],
                    note=data["note"] or "",
                    examined_at=data["examined_at"],
                )
            except services.TargetingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Examination result recorded."))
                return redirect("targeting:entry-detail", pk=found.pk)
        view = EntryDetailView()
        view.setup(request, pk=pk)
        view.object = found
        return render(request, view.template_name, view.get_context_data(form=form), status=400)
