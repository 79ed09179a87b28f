from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borderops.core.subjects import ENTITY_TYPES, country_alpha2
from borderops.lookouts.choices import HitStatus


class ScreenSubjectForm(forms.Form):
    """One subject to screen ad hoc."""

    name = forms.CharField(label=_("Name"), max_length=500)
    birth_date = forms.RegexField(
        label=_("Date of birth"),
        required=False,
        regex=r"^\d{4}(-\d{2}-\d{2})?$",
        help_text=_("YYYY-MM-DD or YYYY"),
        error_messages={"invalid": _("Use YYYY-MM-DD, or YYYY when only the year is known.")},
    )
    nationality = forms.CharField(
        label=_("Nationality"), required=False, max_length=3, help_text=_("e.g. MX or MEX")
    )
    gender = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", "—"), ("M", _("Male")), ("F", _("Female"))]
    )
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=40)
    entity_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", "—")] + [(t, t) for t in ENTITY_TYPES]
    )
    queue_for_review = forms.BooleanField(
        label=_("Put hits in the review queue"), required=False, initial=True
    )

    def clean_nationality(self) -> str | None:
        value: str = self.cleaned_data.get("nationality") or ""
        if not value:
            return None
        alpha2 = country_alpha2(value)
        if alpha2 is None:
            raise forms.ValidationError(_("Not an ISO 3166 alpha-2 or alpha-3 country code."))
        return alpha2


class HitDecisionForm(forms.Form):
    """An analyst's decision on a hit, with the reason."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(HitStatus.CONFIRMED, _("Confirm")), (HitStatus.DISMISSED, _("Dismiss"))],
    )
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean_note(self) -> Any:
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(_("Say why: a decision needs a reason."))
        return note
