from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borderops.reference.models import PortOfEntry
from borderops.targeting.choices import FindingCategory, OutcomeSource
from borderops.targeting.services import MAX_SOURCE_CHARS


class RuleSetSourceForm(forms.Form):
    """A rule set's YAML as the analyst edits it, and how to try it on a sample."""

    source = forms.CharField(
        label=_("Rules (YAML)"),
        max_length=MAX_SOURCE_CHARS,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 28, "cols": 100, "spellcheck": "false", "class": "rules-source"}
        ),
        help_text=_(
            "name, version, channels, random_sample and rules; each rule has id, title, "
            "category, when (a true/false SQL expression), weight."
        ),
    )
    note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
    )
    day = forms.DateField(
        label=_("Try on the shipments of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sample = forms.IntegerField(
        label=_("Sample size"),
        min_value=1,
        max_value=5000,
        initial=200,
        required=False,
    )


def port_choices(ports: Any) -> list[tuple[str, str]]:
    """Select options for ports of entry: code and name."""
    return [(port.code, f"{port.code} {port.name}") for port in ports]


class PortDayForm(forms.Form):
    """A port of entry and a day (the worklist's filter)."""

    port = forms.ChoiceField(label=_("Port of entry"))
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, ports: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["port"].choices = port_choices(ports)  # type: ignore[attr-defined]

    def clean_port(self) -> PortOfEntry:
        return PortOfEntry.objects.get(code=self.cleaned_data["port"])


class PortScopeForm(forms.Form):
    """A port of entry, or every port when left empty; a date range, when the form has one,
    must not end before it starts."""

    port = forms.ChoiceField(label=_("Port of entry"), required=False)

    def __init__(self, *args: Any, ports: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["port"].choices = [  # type: ignore[attr-defined]
            ("", _("Every port")),
            *port_choices(ports),
        ]

    def clean_port(self) -> PortOfEntry | None:
        code = self.cleaned_data.get("port")
        return PortOfEntry.objects.get(code=code) if code else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self.add_error("date_to", _("The end is before the start."))
        return data


class ScoringForm(PortScopeForm):
    """What to score with the active version: a port or every port, a day or a range."""

    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty for one day."),
    )
    red_capacity = forms.IntegerField(
        label=_("Red examinations a day per port"),
        min_value=0,
        required=False,
        help_text=_("Empty for no limit."),
    )
    seed = forms.IntegerField(label=_("Seed of the random sample"), initial=0, required=False)

    field_order = ["port", "date_from", "date_to", "red_capacity", "seed"]


class HistoryForm(PortScopeForm):
    """The history a backtest or a comparison runs over."""

    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    outcomes = forms.ChoiceField(
        label=_("Known outcomes"),
        choices=OutcomeSource.choices,
        initial=OutcomeSource.EXAMINATIONS,
    )

    field_order = ["date_from", "date_to", "port", "outcomes"]

    def __init__(
        self, *args: Any, ports: Any = (), with_truth: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, ports=ports, **kwargs)
        if not with_truth:
            self.fields["outcomes"].choices = [  # type: ignore[attr-defined]
                (OutcomeSource.EXAMINATIONS.value, OutcomeSource.EXAMINATIONS.label)
            ]


class ExaminationForm(forms.Form):
    """What the examination of an entry found."""

    finding = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("false", _("No finding")), ("true", _("Finding"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(
        label=_("Category of the finding"),
        choices=[("", "—"), *FindingCategory.choices],
        required=False,
    )
    quantity = forms.FloatField(
        label=_("Quantity"),
        min_value=0,
        required=False,
        help_text=_("Kilograms, dollars or units, as the category suggests."),
    )
    examined_at = forms.DateTimeField(
        label=_("Examined"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Now when left empty."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("finding") and not data.get("category"):
            self.add_error("category", _("A finding needs its category."))
        if data.get("finding") is False and data.get("category"):
            self.add_error("category", _("Leave the category empty when nothing was found."))
        return data
