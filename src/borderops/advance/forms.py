from django import forms
from django.utils.translation import gettext_lazy as _

from borderops.advance.services import MAX_MESSAGE_BYTES


class MessageUploadForm(forms.Form):
    """A PAXLST or PNRGOV file to receive."""

    message = forms.FileField(
        label=_("PAXLST or PNRGOV file"),
        help_text=_("UN/EDIFACT text as the carrier sent it, up to 10 MB."),
    )

    def clean_message(self) -> str:
        upload = self.cleaned_data["message"]
        if upload.size > MAX_MESSAGE_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        raw = upload.read()
        try:
            return str(raw.decode("utf-8"))
        except UnicodeDecodeError:
            # EDIFACT level A/B syntax is ASCII; Latin-1 keeps any stray byte readable.
            return str(raw.decode("latin-1"))


class DocumentCheckForm(forms.Form):
    """An MRZ as read at primary, and what the officer knows of the trip."""

    mrz = forms.CharField(
        label=_("Machine-readable zone"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 46, "class": "mrz", "spellcheck": "false"}),
        max_length=400,
        help_text=_("The 2 or 3 lines of the MRZ, as the reader gives them."),
    )
    on = forms.DateField(
        label=_("Inspection date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Today when left empty."),
    )
    stay_until = forms.DateField(
        label=_("Stay until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    flight = forms.IntegerField(
        label=_("Expected flight number in BorderOps"),
        required=False,
        min_value=1,
        help_text=_("Optional: the id shown on the flight view, to compare with its manifest."),
    )
