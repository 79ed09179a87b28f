"""Participants: the officials partner agencies nominate, their vetting, attendance, test
scores, certificates and what they went on to teach."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderops.training.choices import (
    AttendanceStatus,
    NominationStatus,
    VettingResult,
    VettingState,
)


class Person(models.Model):
    """A foreign official with the identity data vetting needs; nominated once per delivery."""

    surname = models.CharField(
        verbose_name=_("surname"),
        max_length=100,
    )
    given_names = models.CharField(
        verbose_name=_("given names"),
        max_length=150,
    )
    birth_date = models.DateField(
        verbose_name=_("date of birth"),
    )
    nationality = models.ForeignKey(
        "reference.Country",
        verbose_name=_("nationality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="training_people",
        help_text=_("The partner agency the official serves in, as last nominated."),
    )
    position = models.CharField(
        verbose_name=_("position or rank"),
        max_length=100,
        blank=True,
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["surname", "given_names"]
        constraints = [
            models.UniqueConstraint(
                fields=["surname", "given_names", "birth_date", "nationality"],
                name="training_person_identity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.surname}, {self.given_names}"


class Nomination(models.Model):
    """A partner agency's nomination of one official for one delivery, and how it went."""

    delivery = models.ForeignKey(
        "training.CourseDelivery",
        verbose_name=_("delivery"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    agency = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("nominating agency"),
        on_delete=models.PROTECT,
        related_name="training_nominations",
        help_text=_("Who nominated; partner officials see their own agency's nominations."),
    )
    security_force = models.BooleanField(
        verbose_name=_("member of a security force"),
        default=False,
        help_text=_("Security-force members must pass human-rights vetting before training."),
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.NOMINATED,
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    nominated_at = models.DateTimeField(
        verbose_name=_("nominated"),
        default=timezone.now,
    )
    enrolled_at = models.DateTimeField(
        verbose_name=_("enrolled"),
        null=True,
        blank=True,
    )
    waitlisted_at = models.DateTimeField(
        verbose_name=_("on the waiting list since"),
        null=True,
        blank=True,
        help_text=_("The waiting list is served first come, first served."),
    )
    withdrawn_at = models.DateTimeField(
        verbose_name=_("withdrawn"),
        null=True,
        blank=True,
    )
    pre_score = models.PositiveSmallIntegerField(
        verbose_name=_("pre-test score"),
        null=True,
        blank=True,
    )
    post_score = models.PositiveSmallIntegerField(
        verbose_name=_("post-test score"),
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["delivery", "person__surname", "person__given_names"]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "person"], name="training_nomination_once_per_delivery"
            ),
            models.CheckConstraint(
                condition=Q(status__in=NominationStatus.values),
                name="training_nomination_status_valid",
            ),
            models.CheckConstraint(
                condition=(Q(pre_score__isnull=True) | Q(pre_score__lte=100))
                & (Q(post_score__isnull=True) | Q(post_score__lte=100)),
                name="training_nomination_scores_range",
            ),
            models.CheckConstraint(
                condition=~Q(status=NominationStatus.WAITLISTED) | Q(waitlisted_at__isnull=False),
                name="training_nomination_waitlist_has_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.delivery}"

    @property
    def gain(self) -> int | None:
        """Post-test minus pre-test score, once both are known."""
        if self.pre_score is None or self.post_score is None:
            return None
        return self.post_score - self.pre_score


class VettingBatch(models.Model):
    """Nominees a post submits together for human-rights vetting, and where that stands."""

    post = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("post"),
        on_delete=models.PROTECT,
        related_name="vetting_batches",
        help_text=_("The embassy post that runs the vetting."),
    )
    state = models.CharField(
        verbose_name=_("state"),
        max_length=20,
        choices=VettingState.choices,
        default=VettingState.SUBMITTED,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(
        verbose_name=_("submitted"),
        default=timezone.now,
    )
    state_changed_at = models.DateTimeField(
        verbose_name=_("state changed"),
        default=timezone.now,
    )

    class Meta:
        verbose_name = _("vetting batch")
        verbose_name_plural = _("vetting batches")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=VettingState.values),
                name="training_vetting_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Vetting batch')} {self.pk} · {self.post}"


class VettingItem(models.Model):
    """One nominee in a vetting batch, with the result once it comes back."""

    batch = models.ForeignKey(
        VettingBatch,
        verbose_name=_("batch"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="vetting_items",
    )
    result = models.CharField(
        verbose_name=_("result"),
        max_length=20,
        choices=VettingResult.choices,
        blank=True,
    )
    expires = models.DateField(
        verbose_name=_("approval expires"),
        null=True,
        blank=True,
        help_text=_("An approval that expires before the course starts blocks enrolment."),
    )
    recorded_at = models.DateTimeField(
        verbose_name=_("result recorded"),
        null=True,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("result recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("vetting item")
        verbose_name_plural = _("vetting items")
        ordering = ["batch", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "nomination"], name="training_vetting_once_per_batch"
            ),
            models.CheckConstraint(
                condition=Q(result="") | Q(result__in=VettingResult.values),
                name="training_vetting_result_valid",
            ),
            models.CheckConstraint(
                condition=~Q(result=VettingResult.APPROVED) | Q(expires__isnull=False),
                name="training_vetting_approval_expires",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch} · {self.nomination.person}"


class Attendance(models.Model):
    """Whether an enrolled participant was present on one day of the delivery."""

    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    day = models.DateField(
        verbose_name=_("day"),
    )
    status = models.CharField(
        verbose_name=_("attendance"),
        max_length=10,
        choices=AttendanceStatus.choices,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(
        verbose_name=_("recorded"),
        default=timezone.now,
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["nomination", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "day"], name="training_attendance_once_a_day"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AttendanceStatus.values),
                name="training_attendance_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination.person} {self.day:%Y-%m-%d} {self.status}"


class Certificate(models.Model):
    """A certificate of completion, checked by anyone at a public URL with its code."""

    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    code = models.CharField(
        verbose_name=_("verification code"),
        max_length=32,
        unique=True,
    )
    issued_at = models.DateTimeField(
        verbose_name=_("issued"),
        default=timezone.now,
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    days_present = models.PositiveSmallIntegerField(
        verbose_name=_("days present"),
    )
    training_days = models.PositiveSmallIntegerField(
        verbose_name=_("training days"),
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.code


class TrainerFollowUp(models.Model):
    """A graduate of train-the-trainer who went on to teach: what, where, to how many."""

    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("graduate"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    taught_on = models.DateField(
        verbose_name=_("taught on"),
    )
    course_title = models.CharField(
        verbose_name=_("what was taught"),
        max_length=200,
    )
    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(
        verbose_name=_("place"),
        max_length=200,
        blank=True,
    )
    participants = models.PositiveIntegerField(
        verbose_name=_("participants taught"),
        default=0,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("train-the-trainer follow-up")
        verbose_name_plural = _("train-the-trainer follow-ups")
        ordering = ["-taught_on"]

    def __str__(self) -> str:
        return f"{self.nomination.person} · {self.course_title} · {self.taught_on:%Y-%m-%d}"
