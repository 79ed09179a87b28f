"""Risk models kept in the database: each version's file and card, where it is in force,
and the score it gave each entry of a scoring run."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderops.crossings.choices import Mode
from borderops.risk.choices import Decision, ModelSource


class RiskModelVersion(models.Model):
    """One trained model: the model file itself (kept in the database so a model and the
    scores it gave are backed up and restored together) and its card. Never edited:
    retraining makes a new version, so every score stays explainable by the model that
    gave it."""

    name = models.SlugField(
        verbose_name=_("name"),
        max_length=80,
        help_text=_("What the model is for, e.g. 'cargo-risk'; versions are counted per name."),
    )
    number = models.PositiveIntegerField(verbose_name=_("version"))
    source = models.CharField(
        verbose_name=_("source"),
        max_length=10,
        choices=ModelSource.choices,
    )
    content = models.BinaryField(verbose_name=_("model file"), editable=False)
    sha256 = models.CharField(verbose_name=_("SHA-256 of the file"), max_length=64, unique=True)
    size = models.PositiveIntegerField(verbose_name=_("file size (bytes)"))
    card = models.JSONField(
        verbose_name=_("model card"),
        help_text=_("Label, columns, features, periods, metrics, seed and library versions."),
    )
    label = models.CharField(verbose_name=_("outcome column"), max_length=200)
    trained_from = models.DateField(verbose_name=_("history from"), null=True, blank=True)
    trained_to = models.DateField(verbose_name=_("history to"), null=True, blank=True)
    ruleset = models.CharField(
        verbose_name=_("rule set used as features"),
        max_length=120,
        blank=True,
    )
    note = models.CharField(verbose_name=_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(verbose_name=_("stored"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stored by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("risk model version")
        verbose_name_plural = _("risk model versions")
        ordering = ["name", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["name", "number"], name="risk_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="risk_version_number_positive"),
        ]

    def __str__(self) -> str:
        return self.stamp

    @property
    def stamp(self) -> str:
        """``name@number``, the stamp every model score carries."""
        return f"{self.name}@{self.number}"

    def metric(self, rate: float) -> dict[str, Any] | None:
        """The card's figures at one examination rate (None when the card has none)."""
        for point in self.card.get("metrics", []):
            if abs(float(point["rate"]) - rate) < 1e-9:
                return dict(point)
        return None


class ModelActivation(models.Model):
    """A model version in force for one port of entry, one mode of transport, or every
    entry, with the share of a run's entries it may send to red. Ending an activation keeps
    the row, so the history of what was in force stays on record."""

    version = models.ForeignKey(
        RiskModelVersion,
        verbose_name=_("model version"),
        on_delete=models.PROTECT,
        related_name="activations",
    )
    port = models.ForeignKey(
        "reference.PortOfEntry",
        verbose_name=_("port of entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    mode = models.CharField(
        verbose_name=_("mode"),
        max_length=4,
        choices=Mode.choices,
        blank=True,
    )
    # "port:CODE", "mode:MODE" or "all": one key, so one active model per scope is a plain
    # unique constraint on every database (NULLs would be distinct in a two-column one).
    scope = models.CharField(verbose_name=_("scope"), max_length=40, editable=False)
    share = models.FloatField(
        verbose_name=_("share sent to red by the model"),
        default=0.05,
        help_text=_(
            "Of the entries of a scoring run, the highest model scores sent to red (within "
            "each port's daily capacity)."
        ),
    )
    active = models.BooleanField(verbose_name=_("in force"), default=True)
    activated_at = models.DateTimeField(verbose_name=_("activated"), default=timezone.now)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("activated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ended_at = models.DateTimeField(verbose_name=_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("model activation")
        verbose_name_plural = _("model activations")
        ordering = ["-active", "scope", "-activated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope"], condition=Q(active=True), name="risk_one_model_per_scope"
            ),
            models.CheckConstraint(
                condition=Q(port__isnull=True) | Q(mode=""), name="risk_port_or_mode"
            ),
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=0.5), name="risk_share_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} for {self.scope}"

    @property
    def scope_label(self) -> str:
        """The scope as a person reads it."""
        if self.port_id:
            return str(_("port %(port)s") % {"port": self.port_id})
        if self.mode:
            return str(_("mode %(mode)s") % {"mode": self.get_mode_display()})
        return str(_("every port"))


class EntryRiskScore(models.Model):
    """What the model in force gave one entry of a scoring run: probability, reasons, and
    what decided the entry's channel."""

    entry_score = models.OneToOneField(
        "targeting.EntryScore",
        verbose_name=_("entry score"),
        on_delete=models.CASCADE,
        related_name="risk",
    )
    activation = models.ForeignKey(
        ModelActivation,
        verbose_name=_("activation"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    version = models.ForeignKey(
        RiskModelVersion,
        verbose_name=_("model version"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    probability = models.FloatField(verbose_name=_("probability of a violation"))
    margin = models.FloatField(verbose_name=_("log-odds"))
    reasons = models.JSONField(
        verbose_name=_("reasons"),
        default=list,
        help_text=_("What pushed the score up, strongest first: feature, contribution, text."),
    )
    explained = models.BooleanField(
        verbose_name=_("explained"),
        default=True,
        help_text=_("False when the run was too large to explain entries this low."),
    )
    decided_by = models.CharField(
        verbose_name=_("channel decided by"),
        max_length=14,
        choices=Decision.choices,
    )

    class Meta:
        verbose_name = _("entry model score")
        verbose_name_plural = _("entry model scores")
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=0) & Q(probability__lte=1),
                name="risk_probability_range",
            ),
        ]
        indexes = [models.Index(fields=["version", "decided_by"], name="risk_score_version_idx")]

    def __str__(self) -> str:
        return f"{self.entry_score_id}: {self.probability:.3f} ({self.version_id})"
