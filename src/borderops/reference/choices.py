from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckpointKind(models.TextChoices):
    """Border Patrol checkpoints are permanent installations or tactical, set up for a period."""

    PERMANENT = "permanent", _("Permanent")
    TACTICAL = "tactical", _("Tactical")


class TrafficSource(models.TextChoices):
    """Where a port's crossing volumes came from."""

    BTS = "bts", _("BTS Border Crossing Entry Data")
