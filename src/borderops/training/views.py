"""Pages of the training wing: catalogue, deliveries with their workflow, nominations,
vetting, the attendance sheet, test results, certificates and the public verification page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from borderops.accounts.access import PermissionRequiredMixin
from borderops.accounts.permissions import Action, Resource, can, require, scoped
from borderops.audit.services import record_read
from borderops.training import documents, services
from borderops.training.choices import (
    AttendanceStatus,
    DeliveryStatus,
    NominationStatus,
    VettingResult,
    VettingState,
)
from borderops.training.errors import TrainingRefused
from borderops.training.forms import (
    AttendanceDayForm,
    BudgetLineForm,
    CourseForm,
    DeliveryForm,
    ImportForm,
    InstructorAssignForm,
    NominationForm,
    SessionForm,
)
from borderops.training.models import (
    Attendance,
    Course,
    CourseDelivery,
    Nomination,
    Person,
    VettingBatch,
)
from borderops.training.services.participants import VettingOutcome


def _nominations_of(request: HttpRequest, delivery: CourseDelivery) -> QuerySet[Nomination]:
    """The delivery's nominations this user may see, ready for display."""
    return (
        scoped(request.user, Resource.NOMINATION, Nomination.objects.filter(delivery=delivery))
        .select_related("person__nationality", "agency", "certificate", "delivery")
        .prefetch_related("vetting_items", "attendance")
        .order_by("person__surname", "person__given_names", "pk")
    )


def _shown(nominations: list[Nomination], purpose: str) -> list[Nomination]:
    """Log the people on these nominations as read by the current user."""
    if nominations:
        record_read(records=[n.person for n in nominations], model=Person, purpose=purpose)
    return nominations


def _refused(request: HttpRequest, error: TrainingRefused) -> None:
    messages.error(request, str(error))


# ---------------------------------------------------------------------------------------------
# Catalogue
# ---------------------------------------------------------------------------------------------


class CourseListView(PermissionRequiredMixin, ListView[Course]):
    """The course catalogue by programme area."""

    resource = Resource.COURSE
    model = Course
    template_name = "training/course_list.html"

    def get_queryset(self) -> QuerySet[Course]:
        courses: QuerySet[Course] = (
            super().get_queryset().prefetch_related("course_modules__module")
        )
        area = self.request.GET.get("area", "")
        if area:
            courses = courses.filter(programme_area=area)
        return courses.annotate(delivery_total=Count("deliveries")).order_by(
            "programme_area", "title"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from borderops.training.choices import ProgrammeArea

        return super().get_context_data(
            can_add=can(self.request.user, Action.ADD, Resource.COURSE),
            areas=ProgrammeArea.choices,
            area=self.request.GET.get("area", ""),
            **kwargs,
        )


class CourseCreateView(PermissionRequiredMixin, View):
    """Add a course to the catalogue."""

    resource = Resource.COURSE
    action = Action.ADD

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(request, CourseForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CourseForm(request.POST)
        if form.is_valid():
            try:
                course = services.create_course(user=request.user, **form.service_arguments())
            except TrainingRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Course added to the catalogue."))
                return redirect("training:course-detail", pk=course.pk)
        return self._page(request, form, status=400)

    def _page(self, request: HttpRequest, form: CourseForm, status: int = 200) -> HttpResponse:
        return render(
            request,
            "training/form.html",
            {"form": form, "title": _("New course"), "submit": _("Add course")},
            status=status,
        )


class CourseDetailView(PermissionRequiredMixin, DetailView[Course]):
    """One course: modules, hours, prerequisites and its deliveries."""

    resource = Resource.COURSE
    model = Course
    template_name = "training/course_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        deliveries = self.object.deliveries.select_related("host_country").order_by("-start_date")
        return super().get_context_data(
            modules=self.object.module_titles(),
            deliveries=deliveries[:100]
            if can(self.request.user, Action.VIEW, Resource.COURSE_DELIVERY)
            else [],
            can_plan=can(self.request.user, Action.ADD, Resource.COURSE_DELIVERY),
            **kwargs,
        )


# ---------------------------------------------------------------------------------------------
# Deliveries
# ---------------------------------------------------------------------------------------------


class DeliveryListView(PermissionRequiredMixin, ListView[CourseDelivery]):
    """Deliveries, newest first, by fiscal year, status and host country."""

    resource = Resource.COURSE_DELIVERY
    model = CourseDelivery
    paginate_by = 50
    template_name = "training/delivery_list.html"

    def get_queryset(self) -> QuerySet[CourseDelivery]:
        deliveries: QuerySet[CourseDelivery] = (
            super().get_queryset().select_related("course", "host_country")
        )
        params = self.request.GET
        if params.get("fy", "").isdigit():
            deliveries = deliveries.filter(fiscal_year=int(params["fy"]))
        if params.get("status"):
            deliveries = deliveries.filter(status=params["status"])
        if params.get("country"):
            deliveries = deliveries.filter(host_country_id=params["country"].upper())
        return deliveries.annotate(
            enrolled_total=Count("nominations", filter=Q(nominations__status="enrolled"))
        ).order_by("-start_date", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        years = (
            CourseDelivery.objects.order_by("-fiscal_year")
            .values_list("fiscal_year", flat=True)
            .distinct()
        )
        context = super().get_context_data(
            can_add=can(self.request.user, Action.ADD, Resource.COURSE_DELIVERY),
            statuses=DeliveryStatus.choices,
            years=list(years),
            params=self.request.GET,
            **kwargs,
        )
        fy = self.request.GET.get("fy", "")
        if fy.isdigit():
            year = self.get_queryset()
            context["figures"] = {
                "sessions": year.count(),
                "countries": year.values("host_country").distinct().count(),
                "academy": year.filter(venue_type="academy").count(),
            }
        return context


class DeliveryCreateView(PermissionRequiredMixin, View):
    """Plan a delivery as a draft."""

    resource = Resource.COURSE_DELIVERY
    action = Action.ADD

    def get(self, request: HttpRequest) -> HttpResponse:
        initial = {"course": request.GET.get("course")} if request.GET.get("course") else {}
        return self._page(request, DeliveryForm(initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = DeliveryForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                delivery = services.create_delivery(
                    course=data["course"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    venue_type=data["venue_type"],
                    academy=data["academy"] or None,
                    host_country=data["host_country"] or None,
                    venue=data["venue"],
                    capacity=data["capacity"],
                    funding_source=data["funding_source"],
                    co_delivering_agencies=data["co_delivering_agencies"].split(","),
                    user=request.user,
                )
            except TrainingRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Delivery planned as a draft."))
                return redirect("training:delivery-detail", pk=delivery.pk)
        return self._page(request, form, status=400)

    def _page(self, request: HttpRequest, form: DeliveryForm, status: int = 200) -> HttpResponse:
        return render(
            request,
            "training/form.html",
            {"form": form, "title": _("Plan a delivery"), "submit": _("Plan delivery")},
            status=status,
        )


class DeliveryDetailView(PermissionRequiredMixin, DetailView[CourseDelivery]):
    """One delivery: workflow, instructors, budget, timetable, nominations and actions."""

    resource = Resource.COURSE_DELIVERY
    model = CourseDelivery
    template_name = "training/delivery_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        delivery = self.object
        context = super().get_context_data(**kwargs)
        nominations: list[Nomination] = []
        if can(user, Action.VIEW, Resource.NOMINATION):
            nominations = _shown(list(_nominations_of(self.request, delivery)), "delivery view")
        for nomination in nominations:
            nomination.standing = services.vetting_standing(nomination)  # type: ignore[attr-defined]
        can_change = can(user, Action.CHANGE, Resource.COURSE_DELIVERY) and not delivery.is_locked
        context.update(
            moves=[
                (move, DeliveryStatus(move).label)
                for move in services.allowed_moves(delivery=delivery, user=user)
            ]
            if can(user, Action.CHANGE, Resource.COURSE_DELIVERY)
            else [],
            nominations=nominations,
            can_see_nominations=can(user, Action.VIEW, Resource.NOMINATION),
            can_nominate=can(user, Action.ADD, Resource.NOMINATION) and not delivery.is_locked,
            can_manage=can(user, Action.CHANGE, Resource.NOMINATION),
            can_vet=can(user, Action.ADD, Resource.VETTING),
            can_change=can_change,
            instructor_form=InstructorAssignForm() if can_change else None,
            budget_form=BudgetLineForm() if can_change else None,
            session_form=SessionForm() if can_change else None,
            training_days=services.training_days(delivery),
            budget_totals=delivery.budget_lines.aggregate(
                estimated=Sum("estimated"), actual=Sum("actual")
            ),
            enrolled=sum(1 for n in nominations if n.status == NominationStatus.ENROLLED),
            exports=[
                (kind, fmt) for kind in documents.EXPORT_KINDS for fmt in documents.EXPORT_FORMATS
            ],
        )
        return context


class _DeliveryPost(PermissionRequiredMixin, View):
    """A form posted from the delivery page that changes it, then back to the page."""

    resource = Resource.COURSE_DELIVERY
    action = Action.CHANGE

    def delivery(self, pk: int) -> CourseDelivery:
        return get_object_or_404(
            scoped(self.request.user, Resource.COURSE_DELIVERY, CourseDelivery.objects.all()), pk=pk
        )

    def back(self, pk: int) -> HttpResponse:
        return redirect("training:delivery-detail", pk=pk)


class DeliveryStatusView(_DeliveryPost):
    """A workflow button: move the delivery to another status."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            delivery = services.change_status(
                delivery=self.delivery(pk),
                status=request.POST.get("status", ""),
                note=request.POST.get("note", ""),
                user=request.user,
            )
        except TrainingRefused as error:
            _refused(request, error)
        else:
            messages.success(
                request,
                _("The delivery is now %(status)s.") % {"status": delivery.get_status_display()},
            )
        return self.back(pk)


class InstructorAssignView(_DeliveryPost):
    """Assign an instructor, refused with the clashing delivery named."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = InstructorAssignForm(request.POST)
        if not form.is_valid():
            messages.error(
                request,
                " ".join(str(e) for e in form.non_field_errors()) or _("Check the instructor."),
            )
            return self.back(pk)
        try:
            instructor = form.cleaned_data["instructor"] or services.create_instructor(
                name=form.cleaned_data["new_name"],
                agency=form.cleaned_data["new_agency"],
                user=request.user,
            )
            services.assign_instructor(
                delivery=self.delivery(pk), instructor=instructor, user=request.user
            )
        except TrainingRefused as error:
            _refused(request, error)
        else:
            messages.success(
                request, _("%(name)s now teaches on this delivery.") % {"name": instructor}
            )
        return self.back(pk)


class BudgetLineView(_DeliveryPost):
    """Set one budget category."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = BudgetLineForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Check the budget amounts."))
            return self.back(pk)
        try:
            services.set_budget_line(
                delivery=self.delivery(pk), user=request.user, **form.cleaned_data
            )
        except TrainingRefused as error:
            _refused(request, error)
        return self.back(pk)


class SessionAddView(_DeliveryPost):
    """Add a session to the timetable."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = SessionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Check the session's day, times and title."))
            return self.back(pk)
        try:
            services.add_session(delivery=self.delivery(pk), user=request.user, **form.cleaned_data)
        except TrainingRefused as error:
            _refused(request, error)
        return self.back(pk)


# ---------------------------------------------------------------------------------------------
# Nominations
# ---------------------------------------------------------------------------------------------


class NominateView(PermissionRequiredMixin, View):
    """Nominate an official for a delivery."""

    resource = Resource.NOMINATION
    action = Action.ADD

    def _delivery(self, pk: int) -> CourseDelivery:
        require(self.request.user, Action.VIEW, Resource.COURSE_DELIVERY)
        return get_object_or_404(CourseDelivery.objects.select_related("course"), pk=pk)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._page(request, self._delivery(pk), NominationForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        delivery = self._delivery(pk)
        form = NominationForm(request.POST)
        if form.is_valid():
            try:
                services.nominate(delivery=delivery, user=request.user, **form.cleaned_data)
            except TrainingRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Nomination received."))
                return redirect("training:delivery-detail", pk=pk)
        return self._page(request, delivery, form, status=400)

    def _page(
        self,
        request: HttpRequest,
        delivery: CourseDelivery,
        form: NominationForm,
        status: int = 200,
    ) -> HttpResponse:
        return render(
            request,
            "training/form.html",
            {
                "form": form,
                "title": _("Nominate for %(course)s") % {"course": delivery},
                "submit": _("Nominate"),
                "back": reverse("training:delivery-detail", args=[delivery.pk]),
            },
            status=status,
        )


class NominationImportView(PermissionRequiredMixin, View):
    """Import nominations from a spreadsheet: all of them, or none with every bad row listed."""

    resource = Resource.NOMINATION
    action = Action.ADD

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        delivery = get_object_or_404(CourseDelivery, pk=pk)
        return render(request, "training/import.html", {"form": ImportForm(), "delivery": delivery})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        delivery = get_object_or_404(CourseDelivery, pk=pk)
        form = ImportForm(request.POST, request.FILES)
        errors: list[str] = []
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                created = services.import_nominations(
                    delivery=delivery,
                    content=upload.read(),
                    filename=upload.name or "",
                    user=request.user,
                )
            except services.ImportRefused as error:
                errors = error.errors
            else:
                messages.success(request, _("Imported %(n)d nominations.") % {"n": len(created)})
                return redirect("training:delivery-detail", pk=pk)
        return render(
            request,
            "training/import.html",
            {"form": form, "delivery": delivery, "errors": errors},
            status=400,
        )


class NominationActionView(PermissionRequiredMixin, View):
    """Enrol, withdraw or certify one nominee from the delivery or results page."""

    resource = Resource.NOMINATION
    action = Action.VIEW

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        user = request.user
        nomination = get_object_or_404(
            scoped(
                user, Resource.NOMINATION, Nomination.objects.select_related("person", "delivery")
            ),
            pk=pk,
        )
        back = request.POST.get("next") or reverse(
            "training:delivery-detail", args=[nomination.delivery_id]
        )
        if not back.startswith("/training/"):
            back = reverse("training:delivery-detail", args=[nomination.delivery_id])
        try:
            if action == "enrol":
                require(user, Action.CHANGE, Resource.NOMINATION)
                done = services.enrol(nomination=nomination, user=user)
                text = (
                    _("%(person)s is enrolled.")
                    if done.status == NominationStatus.ENROLLED
                    else _("The delivery is full: %(person)s is on the waiting list.")
                )
                messages.success(request, text % {"person": nomination.person})
            elif action == "withdraw":
                if not can(user, Action.ADD, Resource.NOMINATION):
                    require(user, Action.CHANGE, Resource.NOMINATION)
                services.withdraw(nomination=nomination, user=user)
                messages.success(
                    request, _("%(person)s is withdrawn.") % {"person": nomination.person}
                )
            elif action == "certificate":
                require(user, Action.CHANGE, Resource.NOMINATION)
                certificate, _created = services.issue_certificate(nomination=nomination, user=user)
                messages.success(
                    request, _("Certificate %(code)s issued.") % {"code": certificate.code}
                )
            else:
                raise Http404(_("No such action."))
        except TrainingRefused as error:
            _refused(request, error)
        return redirect(back)


# ---------------------------------------------------------------------------------------------
# Attendance, results, exports
# ---------------------------------------------------------------------------------------------


class _ParticipantsPage(PermissionRequiredMixin, View):
    """A page over a delivery's enrolled participants, which shows their personal data."""

    resource = Resource.NOMINATION
    action = Action.VIEW

    def delivery(self, pk: int) -> CourseDelivery:
        require(self.request.user, Action.VIEW, Resource.COURSE_DELIVERY)
        return get_object_or_404(
            CourseDelivery.objects.select_related("course", "host_country"), pk=pk
        )

    def enrolled(self, delivery: CourseDelivery, purpose: str) -> list[Nomination]:
        return _shown(
            [
                n
                for n in _nominations_of(self.request, delivery)
                if n.status == NominationStatus.ENROLLED
            ],
            purpose,
        )


class AttendanceSheetView(_ParticipantsPage):
    """The attendance sheet of one day: each enrolled participant present, absent or excused."""

    def _day(self, request: HttpRequest, delivery: CourseDelivery) -> date:
        form = AttendanceDayForm(request.GET or request.POST)
        if form.is_valid():
            chosen: date = form.cleaned_data["day"]
            return chosen
        today = timezone.localdate()
        return min(max(today, delivery.start_date), delivery.end_date)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        delivery = self.delivery(pk)
        day = self._day(request, delivery)
        participants = self.enrolled(delivery, "attendance sheet")
        marks = {
            a.nomination_id: a.status
            for a in Attendance.objects.filter(nomination__in=participants, day=day)
        }
        rows = [(n, marks.get(n.pk, "")) for n in participants]
        return render(
            request,
            "training/attendance.html",
            {
                "delivery": delivery,
                "day": day,
                "days": delivery.calendar_days,
                "rows": rows,
                "statuses": AttendanceStatus.choices,
                "can_record": can(request.user, Action.CHANGE, Resource.NOMINATION),
            },
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        require(request.user, Action.CHANGE, Resource.NOMINATION)
        delivery = self.delivery(pk)
        day = self._day(request, delivery)
        recorded = 0
        for nomination in _nominations_of(request, delivery):
            status = request.POST.get(f"status-{nomination.pk}", "")
            if not status:
                continue
            try:
                services.record_attendance(
                    delivery=delivery,
                    nomination=nomination,
                    day=day,
                    status=status,
                    user=request.user,
                )
                recorded += 1
            except TrainingRefused as error:
                _refused(request, error)
                break
        else:
            messages.success(
                request, _("Attendance recorded for %(n)d participants.") % {"n": recorded}
            )
        return redirect(f"{reverse('training:attendance', args=[pk])}?day={day.isoformat()}")


class ResultsView(_ParticipantsPage):
    """Pre- and post-test scores with the gain, attendance and certificates."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        delivery = self.delivery(pk)
        days = services.training_days(delivery)
        participants = self.enrolled(delivery, "results")
        rows = [
            (n, sum(1 for a in n.attendance.all() if a.status == "present" and a.day in days))
            for n in participants
        ]
        return render(
            request,
            "training/results.html",
            {
                "delivery": delivery,
                "rows": rows,
                "training_days": len(days),
                "can_record": can(request.user, Action.CHANGE, Resource.NOMINATION),
                "can_certify": delivery.status
                in (DeliveryStatus.DELIVERED, DeliveryStatus.FINALISED),
            },
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        require(request.user, Action.CHANGE, Resource.NOMINATION)
        delivery = self.delivery(pk)
        saved = 0
        for nomination in _nominations_of(request, delivery).filter(
            status=NominationStatus.ENROLLED
        ):
            pre, post = (
                request.POST.get(f"pre-{nomination.pk}", ""),
                request.POST.get(f"post-{nomination.pk}", ""),
            )
            if not pre.strip() and not post.strip():
                continue
            try:
                services.record_scores(
                    nomination=nomination,
                    pre=int(pre) if pre.strip() else None,
                    post=int(post) if post.strip() else None,
                    user=request.user,
                )
                saved += 1
            except ValueError:
                messages.error(request, _("Scores are whole numbers from 0 to 100."))
                break
            except TrainingRefused as error:
                _refused(request, error)
                break
        else:
            messages.success(request, _("Scores saved for %(n)d participants.") % {"n": saved})
        return redirect("training:results", pk=pk)


class ExportView(_ParticipantsPage):
    """A roster, attendance sheet or results as an XLSX or PDF download."""

    def get(self, request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
        if kind not in documents.EXPORT_KINDS or fmt not in documents.EXPORT_FORMATS:
            raise Http404(_("No such export."))
        delivery = self.delivery(pk)
        nominations = _shown(list(_nominations_of(request, delivery)), f"{kind} export")
        sheet = documents.sheet_for(kind=kind, delivery=delivery, nominations=nominations)
        if fmt == "xlsx":
            body = documents.to_xlsx(sheet)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            body, content_type = documents.to_pdf(sheet), "application/pdf"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="delivery-{pk}-{kind}.{fmt}"'
        return response


# ---------------------------------------------------------------------------------------------
# Vetting
# ---------------------------------------------------------------------------------------------


class BatchListView(PermissionRequiredMixin, ListView[VettingBatch]):
    """Vetting batches, newest first."""

    resource = Resource.VETTING
    model = VettingBatch
    paginate_by = 50
    template_name = "training/batch_list.html"

    def get_queryset(self) -> QuerySet[VettingBatch]:
        batches: QuerySet[VettingBatch] = super().get_queryset().select_related("post")
        return batches.annotate(
            item_total=Count("items"), pending_total=Count("items", filter=Q(items__result=""))
        ).order_by("-submitted_at", "-pk")


class BatchCreateView(PermissionRequiredMixin, View):
    """Submit nominees ticked on a delivery page for vetting."""

    resource = Resource.VETTING
    action = Action.ADD

    def post(self, request: HttpRequest) -> HttpResponse:
        ids = [int(value) for value in request.POST.getlist("nomination") if value.isdigit()]
        nominations = list(
            scoped(request.user, Resource.NOMINATION, Nomination.objects.filter(pk__in=ids))
            .select_related("delivery", "person")
            .order_by("pk")
        )
        back = request.POST.get("delivery", "")
        try:
            batch = services.submit_for_vetting(nominations=nominations, user=request.user)
        except TrainingRefused as error:
            _refused(request, error)
            if back.isdigit():
                return redirect("training:delivery-detail", pk=int(back))
            return redirect("training:batch-list")
        messages.success(request, _("Vetting batch %(n)d submitted.") % {"n": batch.pk})
        return redirect("training:batch-detail", pk=batch.pk)


class BatchDetailView(PermissionRequiredMixin, DetailView[VettingBatch]):
    """One vetting batch: its nominees, their results, and moving it on."""

    resource = Resource.VETTING
    model = VettingBatch
    template_name = "training/batch_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        items = list(
            self.object.items.select_related(
                "nomination__person__nationality",
                "nomination__agency",
                "nomination__delivery__course",
            )
        )
        if items:
            record_read(
                records=[i.nomination.person for i in items], model=Person, purpose="vetting batch"
            )
        order = list(VettingState.values)
        following = order.index(self.object.state) + 1
        return super().get_context_data(
            items=items,
            results=VettingResult.choices,
            next_state=VettingState(order[following]) if following < len(order) - 1 else None,
            can_record=can(self.request.user, Action.CHANGE, Resource.VETTING),
            **kwargs,
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        require(request.user, Action.CHANGE, Resource.VETTING)
        batch = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            if request.POST.get("state"):
                services.advance_vetting(
                    batch=batch, state=request.POST["state"], user=request.user
                )
            else:
                outcomes = []
                for item in batch.items.all():
                    result = request.POST.get(f"result-{item.nomination_id}", "")
                    if not result:
                        continue
                    expires = request.POST.get(f"expires-{item.nomination_id}", "")
                    try:
                        expiry = date.fromisoformat(expires) if expires else None
                    except ValueError:
                        expiry = None
                    outcomes.append(VettingOutcome(item.nomination_id, result, expiry))
                services.record_vetting_results(batch=batch, results=outcomes, user=request.user)
                messages.success(request, _("Vetting results recorded."))
        except TrainingRefused as error:
            _refused(request, error)
        return redirect("training:batch-detail", pk=pk)


# ---------------------------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------------------------


class CertificateVerifyView(View):
    """Public: anyone holding a certificate's code can check that it is genuine."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        certificate = services.verify_certificate(code=code)
        if certificate is not None:
            record_read(
                records=[certificate.nomination.person],
                model=Person,
                purpose="certificate verification",
            )
        return render(
            request,
            "training/certificate_verify.html",
            {"certificate": certificate, "code": code},
            status=200 if certificate else 404,
        )


class CertificatePdfView(PermissionRequiredMixin, View):
    """The certificate as a PDF, for the coordinator or the participant's own agency."""

    resource = Resource.NOMINATION

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        certificate = services.verify_certificate(code=code)
        if (
            certificate is None
            or not scoped(
                request.user,
                Resource.NOMINATION,
                Nomination.objects.filter(pk=certificate.nomination_id),
            ).exists()
        ):
            raise Http404(_("No certificate with this code that you may see."))
        record_read(
            records=[certificate.nomination.person], model=Person, purpose="certificate PDF"
        )
        body = documents.certificate_pdf(
            certificate=certificate,
            verify_url=request.build_absolute_uri(
                reverse("training:certificate-verify", args=[certificate.code])
            ),
        )
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="certificate-{certificate.code}.pdf"'
        )
        return response
