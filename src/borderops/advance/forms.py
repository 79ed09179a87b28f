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
