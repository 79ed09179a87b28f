"""Pages for screening: ad-hoc screening and the queue of hits awaiting review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from borderops.accounts.access import AuditedReadMixin, PermissionRequiredMixin
from borderops.accounts.permissions import Action, Resource, can, require, scoped
from borderops.core.subjects import SubjectRow
from borderops.lookouts import services
from borderops.lookouts.choices import HitStatus
from borderops.lookouts.forms import HitDecisionForm, ScreenSubjectForm
from borderops.lookouts.models import ScreeningHit


class ScreenSubjectView(PermissionRequiredMixin, View):
    """Screen one subject against every list in force and show the explained hits."""

    resource = Resource.SCREENING
    action = Action.ADD

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "lookouts/screen.html", {"form": ScreenSubjectForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        from borderops.core.subjects import subject_from_row

        form = ScreenSubjectForm(request.POST)
        context: dict[str, Any] = {"form": form}
        if form.is_valid():
            data = form.cleaned_data
            subject = subject_from_row(
                SubjectRow(
                    id="adhoc",
                    name=data["name"],
                    birth_date=data["birth_date"] or None,
                    nationality=data["nationality"],
                    gender=data["gender"] or None,
                    document_number=data["document_number"] or None,
                    entity_type=data["entity_type"] or None,
                )
            )
            outcome = services.screen_subjects(
                subjects=[subject], user=request.user, for_review=data["queue_for_review"]
            )
            context.update(
                screened=True,
                hits=[(hit, hit.explanation) for hit in outcome.hits],
                list_versions=outcome.list_versions,
                unusable=outcome.unusable,
            )
        return render(request, "lookouts/screen.html", context)


class ReviewQueueView(AuditedReadMixin, PermissionRequiredMixin, ListView[ScreeningHit]):
    """Hits of the user's units, pending first, each with its explanation."""

    resource = Resource.HIT_REVIEW
    model = ScreeningHit
    paginate_by = 50
    template_name = "lookouts/review_queue.html"

    def get_queryset(self) -> QuerySet[ScreeningHit]:
        hits = super().get_queryset().select_related("version__watchlist", "decided_by")
        status = self.request.GET.get("status", HitStatus.PENDING)
        if status in HitStatus.values:
            hits = hits.filter(status=status)
        return hits

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            statuses=HitStatus.choices,
            status=self.request.GET.get("status", HitStatus.PENDING),
            decision_form=HitDecisionForm(),
            can_decide=can(self.request.user, Action.CHANGE, Resource.HIT_REVIEW),
            **kwargs,
        )


class DecideHitView(PermissionRequiredMixin, View):
    """Confirm or dismiss one hit."""

    resource = Resource.HIT_REVIEW
    action = Action.CHANGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        require(request.user, Action.CHANGE, Resource.HIT_REVIEW)
        hit = get_object_or_404(
            scoped(request.user, Resource.HIT_REVIEW, ScreeningHit.objects.all(), Action.CHANGE),
            pk=pk,
        )
        form = HitDecisionForm(request.POST)
        if not form.is_valid():
            problems = [str(error) for errors in form.errors.values() for error in errors]
            messages.error(request, " ".join(problems))
            return redirect("screening:review")
        try:
            services.decide_hit(
                hit=hit,
                decision=form.cleaned_data["decision"],
                user=request.user,
                note=form.cleaned_data["note"],
            )
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Decision recorded for %(hit)s.") % {"hit": hit})
        return redirect("screening:review")
