"""Course deliveries: a course given at a place and time, with its people, money and days."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderops.training.choices import (
    Academy,
    BudgetCategory,
    DeliveryStatus,
    FundingSource,
    SessionKind,
    VenueType,
)


class CourseDelivery(models.Model):
    """One delivery of a catalogue course, at an academy, a foreign port or a home port."""

    course = models.ForeignKey(
        "training.Course",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    start_date = models.DateField(
        verbose_name=_("first day"),
    )
    end_date = models.DateField(
        verbose_name=_("last day"),
    )
    fiscal_year = models.PositiveSmallIntegerField(
        verbose_name=_("fiscal year"),
        db_index=True,
        editable=False,
        help_text=_("October to September, named after the year it ends in; from the first day."),
    )
    host_country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("host country"),
        on_delete=models.PROTECT,
        related_name="training_deliveries",
    )
    venue_type = models.CharField(
        verbose_name=_("venue"),
        max_length=20,
        choices=VenueType.choices,
    )
    # NULL rather than "" because the API says null, and the constraint tests for it.
    academy = models.CharField(  # noqa: DJ001
        verbose_name=_("academy"),
        max_length=20,
        choices=Academy.choices,
        null=True,
        blank=True,
        help_text=_("Only for deliveries at an academy."),
    )
    port = models.ForeignKey(
        "reference.PortOfEntry",
        verbose_name=_("home port of entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_deliveries",
        help_text=_("For a delivery at one of the agency's own ports."),
    )
    venue = models.CharField(
        verbose_name=_("venue name"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the foreign port or facility where the course is held."),
    )
    capacity = models.PositiveSmallIntegerField(
        verbose_name=_("places"),
        default=25,
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.DRAFT,
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("coordinating office"),
        on_delete=models.PROTECT,
        related_name="training_deliveries",
    )
    co_delivering_agencies = models.JSONField(
        verbose_name=_("co-delivering agencies"),
        default=list,
        blank=True,
        help_text=_("Agencies teaching with us, e.g. DEA, ICE."),
    )
    funding_source = models.CharField(
        verbose_name=_("funding source"),
        max_length=20,
        choices=FundingSource.choices,
        blank=True,
    )
    language = models.CharField(
        verbose_name=_("language of instruction"),
        max_length=8,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(
        verbose_name=_("created"),
        default=timezone.now,
    )

    class Meta:
        verbose_name = _("course delivery")
        verbose_name_plural = _("course deliveries")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="training_delivery_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="training_delivery_has_places",
            ),
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values),
                name="training_delivery_status_valid",
            ),
            models.CheckConstraint(
                condition=(Q(venue_type=VenueType.ACADEMY) & Q(academy__in=Academy.values))
                | (~Q(venue_type=VenueType.ACADEMY) & Q(academy__isnull=True)),
                name="training_delivery_academy_only_at_academies",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.host_country_id} · {self.start_date:%Y-%m-%d}"

    @property
    def calendar_days(self) -> list[date]:
        """Every day from the first to the last, inclusive."""
        span = (self.end_date - self.start_date).days
        return [self.start_date + timedelta(days=n) for n in range(span + 1)]

    @property
    def is_locked(self) -> bool:
        """A finalised or cancelled delivery changes no more."""
        return self.status in (DeliveryStatus.FINALISED, DeliveryStatus.CANCELLED)


class Instructor(models.Model):
    """Someone who teaches on deliveries, from the agency or a co-delivering agency."""

    name = models.CharField(
        verbose_name=_("name"),
        max_length=200,
    )
    agency = models.CharField(
        verbose_name=_("agency"),
        max_length=100,
        blank=True,
        help_text=_("E.g. CBP, DEA, ICE."),
    )
    email = models.EmailField(
        verbose_name=_("email"),
        blank=True,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instructor",
    )

    class Meta:
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})" if self.agency else self.name


class DeliveryInstructor(models.Model):
    """An instructor assigned to a delivery; the dates are copied to detect clashes quickly."""

    delivery = models.ForeignKey(
        CourseDelivery,
        verbose_name=_("delivery"),
        on_delete=models.CASCADE,
        related_name="instructor_assignments",
    )
    instructor = models.ForeignKey(
        Instructor,
        verbose_name=_("instructor"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(
        verbose_name=_("role"),
        max_length=60,
        blank=True,
        help_text=_("E.g. lead instructor."),
    )

    class Meta:
        verbose_name = _("instructor assignment")
        verbose_name_plural = _("instructor assignments")
        ordering = ["delivery", "instructor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "instructor"], name="training_instructor_once_per_delivery"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instructor} · {self.delivery}"


class BudgetLine(models.Model):
    """One category of a delivery's budget: what was estimated and what was spent."""

    delivery = models.ForeignKey(
        CourseDelivery,
        verbose_name=_("delivery"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    category = models.CharField(
        verbose_name=_("category"),
        max_length=20,
        choices=BudgetCategory.choices,
    )
    estimated = models.DecimalField(
        verbose_name=_("estimated (USD)"),
        max_digits=12,
        decimal_places=2,
        default=0,
    )
    actual = models.DecimalField(
        verbose_name=_("actual (USD)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty until the costs are known."),
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["delivery", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "category"], name="training_budget_line_per_category"
            ),
            models.CheckConstraint(
                condition=Q(estimated__gte=0) & (Q(actual__isnull=True) | Q(actual__gte=0)),
                name="training_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delivery} · {self.get_category_display()}"


class TimetableSession(models.Model):
    """A classroom or practical session on one day of a delivery."""

    delivery = models.ForeignKey(
        CourseDelivery,
        verbose_name=_("delivery"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    day = models.DateField(
        verbose_name=_("day"),
    )
    starts_at = models.TimeField(
        verbose_name=_("starts"),
    )
    ends_at = models.TimeField(
        verbose_name=_("ends"),
    )
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=20,
        choices=SessionKind.choices,
    )
    title = models.CharField(
        verbose_name=_("title"),
        max_length=200,
    )

    class Meta:
        verbose_name = _("timetable session")
        verbose_name_plural = _("timetable sessions")
        ordering = ["delivery", "day", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="training_session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.starts_at:%H:%M} {self.title}"


class StatusChange(models.Model):
    """One move of a delivery through its workflow: who, when, from what to what."""

    delivery = models.ForeignKey(
        CourseDelivery,
        verbose_name=_("delivery"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(
        verbose_name=_("from"),
        max_length=20,
        choices=DeliveryStatus.choices,
        blank=True,
    )
    to_status = models.CharField(
        verbose_name=_("to"),
        max_length=20,
        choices=DeliveryStatus.choices,
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(
        verbose_name=_("at"),
        default=timezone.now,
    )
    note = models.CharField(
        verbose_name=_("note"),
        max_length=500,
        blank=True,
    )

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["delivery", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"
