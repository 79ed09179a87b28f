from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borderops.crossings.choices import Mode
from borderops.risk.services import DEFAULT_SHARE, MAX_MODEL_BYTES, MAX_SHARE
from borderops.targeting.forms import HistoryForm, PortScopeForm

NAME_HELP = _("What the model is for, e.g. 'cargo-risk': letters, digits, '-' and '_'.")


class UploadForm(forms.Form):
    """A model file written by ``borderops risk train``, stored as a new version."""

    name = forms.SlugField(label=_("Name"), max_length=80, help_text=NAME_HELP)
    file = forms.FileField(label=_("Model file"), help_text=_("The zip that train wrote."))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_MODEL_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s bytes; the most accepted is %(most)s.")
                % {"size": f"{upload.size:,}", "most": f"{MAX_MODEL_BYTES:,}"}
            )
        return upload


class TrainForm(HistoryForm):
    """Learn a model from this system's shipments and their outcomes."""

    name = forms.SlugField(label=_("Name"), max_length=80, help_text=NAME_HELP)
    seed = forms.IntegerField(label=_("Seed"), initial=0, required=False)
    with_rules = forms.BooleanField(
        label=_("Use the active rule set's rules as inputs"), required=False, initial=True
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    field_order = ["name", "date_from", "date_to", "port", "outcomes", "seed", "with_rules"]


class ActivationForm(PortScopeForm):
    """Where a model goes in force, and the share of a run's entries it may send to red."""

    mode = forms.ChoiceField(label=_("or mode"), choices=[("", "—"), *Mode.choices], required=False)
    share = forms.FloatField(
        label=_("Share sent to red (%)"),
        min_value=0.1,
        max_value=MAX_SHARE * 100,
        initial=DEFAULT_SHARE * 100,
        help_text=_(
            "Of the entries of a scoring run, the highest model scores go to red (within "
            "each port's daily capacity)."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("port") is not None and data.get("mode"):
            raise forms.ValidationError(_("Choose a port or a mode, not both."))
        return data
