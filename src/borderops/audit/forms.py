from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from borderops.audit.choices import AuditAction


class AuditSearchForm(forms.Form):
    """What an auditor can search the log by."""

    actor = forms.CharField(label=_("Actor"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("any")), *AuditAction.choices]
    )
    object_type = forms.CharField(
        label=_("Record type"),
        required=False,
        max_length=100,
        help_text=_("e.g. crossings.traveller"),
    )
    object_id = forms.CharField(label=_("Record id"), required=False, max_length=64)
    text = forms.CharField(label=_("Text"), required=False, max_length=200)
    since = forms.DateTimeField(label=_("From"), required=False)
    until = forms.DateTimeField(label=_("Until"), required=False)

    def clean(self) -> dict[str, object]:
        cleaned: dict[str, object] = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since >= until:  # type: ignore[operator]
            raise forms.ValidationError(_("'From' must be before 'Until'."))
        return cleaned
