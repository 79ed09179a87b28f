from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    """Where a rule-set version is in its life: written, in force, or replaced."""

    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    RETIRED = "retired", _("Retired")


class Channel(models.TextChoices):
    """The selectivity channel an entry is sent to."""

    RED = "red", _("Red: physical examination")
    YELLOW = "yellow", _("Yellow: documentary check")
    GREEN = "green", _("Green: release")


class FindingCategory(models.TextChoices):
    """What an examination found (the same list analysts file rules under)."""

    NARCOTICS = "narcotics", _("Narcotics")
    CURRENCY = "currency", _("Currency")
    WEAPONS = "weapons", _("Weapons")
    AMMUNITION = "ammunition", _("Ammunition")
    EXPORT_CONTROL = "export-control", _("Export control")
    MISCLASSIFICATION = "misclassification", _("Misclassification")
    UNDERVALUATION = "undervaluation", _("Undervaluation")
    AGRICULTURE = "agriculture", _("Agriculture")
    INTELLECTUAL_PROPERTY = "intellectual-property", _("Intellectual property")
    FUGITIVE = "fugitive", _("Fugitive")
    IMMIGRATION = "immigration", _("Immigration")
    OTHER = "other", _("Other")


class OutcomeSource(models.TextChoices):
    """What a backtest counts as the known outcomes of history."""

    EXAMINATIONS = "examinations", _("Examination results recorded by officers")
    GROUND_TRUTH = "ground_truth", _("Synthetic ground truth (every entry known)")
