from django.db import models
from django.utils.translation import gettext_lazy as _


class ListFormatChoice(models.TextChoices):
    """The file formats a watchlist is imported from."""

    OFAC_CSV = "ofac-csv", _("OFAC legacy CSV (folder)")
    OFAC_XML = "ofac-xml", _("OFAC XML (sdnList)")
    UN_XML = "un-xml", _("UN Security Council consolidated XML")
    FTM = "ftm", _("FollowTheMoney JSON lines")
    CSV = "csv", _("Agency lookout CSV")


class HitStatus(models.TextChoices):
    """Where a screening hit stands in review."""

    PENDING = "pending", _("Pending review")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed as a false hit")
