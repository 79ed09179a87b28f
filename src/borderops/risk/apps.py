from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    """Risk models learned from examination outcomes, activated per port or mode.

    Models and activations are national, like rule sets, so the app registers no
    organisation scope; an entry's model score is read through the entry's targeting score,
    whose scope is the shipment's unit.
    """

    name = "borderops.risk"
    label = "risk"
    verbose_name = _("Risk models")
