from django.db import models
from django.utils.translation import gettext_lazy as _


class ModelSource(models.TextChoices):
    """Where a stored risk model came from."""

    TRAINED = "trained", _("Trained here on the shipments' outcomes")
    UPLOADED = "uploaded", _("Uploaded model file (borderops risk train)")


class Decision(models.TextChoices):
    """What decided an entry's channel once a model applied (the policy of core.risk.policy)."""

    FORCED = "forced", _("A rule forced the channel")
    MODEL = "model", _("Top model score within the port's share")
    RULES = "rules", _("The rule score")
    RANDOM = "random", _("Random compliance sample")
    OVER_CAPACITY = "over_capacity", _("Red, but the port's places were taken")
