"""Forms for the training pages; each hands its cleaned data to a service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borderops.training.choices import (
    Academy,
    AttendanceStatus,
    BudgetCategory,
    Environment,
    FundingSource,
    ProgrammeArea,
    SessionKind,
    Topic,
    VenueType,
)
from borderops.training.models import Course, Instructor


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class CourseForm(forms.Form):
    """A new course for the catalogue."""

    title = forms.CharField(label=_("Title"), max_length=200)
    programme_area = forms.ChoiceField(label=_("Programme area"), choices=ProgrammeArea.choices)
    environment = forms.ChoiceField(label=_("Environment"), choices=Environment.choices)
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    default_days = forms.IntegerField(
        label=_("Default length in days"), initial=5, min_value=1, max_value=60
    )
    classroom_hours = forms.IntegerField(label=_("Classroom hours"), initial=20, min_value=0)
    practical_hours = forms.IntegerField(
        label=_("Practical-exercise hours"), initial=16, min_value=0
    )
    modules = forms.CharField(
        label=_("Curriculum modules"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("One module title per line, in teaching order."),
    )
    prerequisites = forms.CharField(label=_("Prerequisites"), required=False)
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("ISO 639-1 codes separated by commas, e.g. en, es."),
    )

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned data as ``create_course`` takes it."""
        data = dict(self.cleaned_data)
        data["modules"] = _lines(data["modules"])
        data["languages"] = [code.strip() for code in data["languages"].split(",") if code.strip()]
        return data


class DeliveryForm(forms.Form):
    """A new delivery of a catalogue course."""

    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.order_by("title"))
    start_date = forms.DateField(label=_("First day"), widget=DateInput)
    end_date = forms.DateField(
        label=_("Last day"), widget=DateInput, required=False,
        help_text=_("Leave empty to use the course's default length."),
    )  # fmt: skip
    venue_type = forms.ChoiceField(label=_("Venue"), choices=VenueType.choices)
    academy = forms.ChoiceField(
        label=_("Academy"), choices=[("", "—"), *Academy.choices], required=False
    )
    host_country = forms.CharField(
        label=_("Host country"), max_length=2, required=False,
        help_text=_("ISO alpha-2 code, e.g. GT; implied by an academy."),
    )  # fmt: skip
    venue = forms.CharField(label=_("Venue name"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Places"), initial=25, min_value=1)
    funding_source = forms.ChoiceField(
        label=_("Funding source"), choices=[("", "—"), *FundingSource.choices], required=False
    )
    co_delivering_agencies = forms.CharField(
        label=_("Co-delivering agencies"),
        required=False,
        help_text=_("Separated by commas, e.g. DEA, ICE."),
    )


class InstructorAssignForm(forms.Form):
    """An instructor for a delivery: one on record, or a new one by name."""

    instructor = forms.ModelChoiceField(
        label=_("Instructor"), queryset=Instructor.objects.order_by("name"), required=False
    )
    new_name = forms.CharField(
        label=_("or a new instructor's name"), max_length=200, required=False
    )
    new_agency = forms.CharField(label=_("their agency"), max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("instructor") and not data.get("new_name"):
            raise forms.ValidationError(_("Choose an instructor or name a new one."))
        return data


class BudgetLineForm(forms.Form):
    """One category of the budget."""

    category = forms.ChoiceField(label=_("Category"), choices=BudgetCategory.choices)
    estimated = forms.DecimalField(label=_("Estimated (USD)"), min_value=0, decimal_places=2)
    actual = forms.DecimalField(
        label=_("Actual (USD)"), min_value=0, decimal_places=2, required=False
    )


class SessionForm(forms.Form):
    """A session on the timetable."""

    day = forms.DateField(label=_("Day"), widget=DateInput)
    starts_at = forms.TimeField(label=_("Starts"), widget=TimeInput)
    ends_at = forms.TimeField(label=_("Ends"), widget=TimeInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)


class NominationForm(forms.Form):
    """An official nominated for a delivery."""

    surname = forms.CharField(label=_("Surname"), max_length=100)
    given_names = forms.CharField(label=_("Given names"), max_length=150)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DateInput)
    nationality = forms.CharField(
        label=_("Nationality"), max_length=2, help_text=_("ISO alpha-2 code, e.g. MX.")
    )
    agency = forms.CharField(
        label=_("Agency"), max_length=200, required=False,
        help_text=_(
            "Organisation code or name of the nominating partner agency; "
            "partner officials nominate for their own."
        ),
    )  # fmt: skip
    position = forms.CharField(label=_("Position or rank"), max_length=100, required=False)
    security_force = forms.BooleanField(
        label=_("Member of a security force (needs human-rights vetting)"), required=False
    )


class ImportForm(forms.Form):
    """A CSV or XLSX file of nominations."""

    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: surname, given_names, birth_date, nationality, agency, security_force."
        ),
    )


class AttendanceDayForm(forms.Form):
    """Which day of the attendance sheet to show."""

    day = forms.DateField(label=_("Day"), widget=DateInput)


ATTENDANCE_CHOICES = AttendanceStatus.choices
