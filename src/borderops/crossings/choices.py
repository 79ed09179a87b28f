from django.db import models
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    """How a person, conveyance or shipment arrives."""

    LAND = "land", _("Land")
    SEA = "sea", _("Sea")
    AIR = "air", _("Air")
    RAIL = "rail", _("Rail")


class Sex(models.TextChoices):
    """Sex as printed in a travel document's machine-readable zone."""

    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
    UNSPECIFIED = "X", _("Unspecified")


class Violation(models.TextChoices):
    """What a synthetic record really carried or concealed (ground truth)."""

    CONCEALED_NARCOTICS = "concealed_narcotics", _("Concealed narcotics")
    UNREPORTED_CURRENCY = "unreported_currency", _("Unreported currency")
    MISDECLARED_HS = "misdeclared_hs", _("Misdeclared HS code")
    UNDERVALUED = "undervalued", _("Undervalued goods")
    DENIED_PARTY = "denied_party", _("Denied party")
    WANTED_PERSON_ALIAS = "wanted_person_alias", _("Wanted person under an alias")
    FRAUDULENT_DOCUMENT = "fraudulent_document", _("Fraudulent document")
