"""Targeting: rule sets and their versions, scoring runs, the scores they gave each entry, and
what examinations found."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderops.targeting.choices import Channel, FindingCategory, VersionStatus


class RuleSet(models.Model):
    """A named set of targeting rules; its versions hold the rules, one of them in force."""

    name = models.SlugField(
        verbose_name=_("name"),
        max_length=80,
        unique=True,
        help_text=_("The name in the rule set's YAML, e.g. 'cargo-targeting'."),
    )
    created_at = models.DateTimeField(
        verbose_name=_("created"),
        default=timezone.now,
    )

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def active_version(self) -> RuleSetVersion | None:
        """The version in force, if one was activated."""
        return self.versions.filter(status=VersionStatus.ACTIVE).first()

    @property
    def latest_version(self) -> RuleSetVersion | None:
        """The newest version saved, whatever its status."""
        return self.versions.order_by("-number").first()


class RuleSetVersion(models.Model):
    """One saved text of a rule set. Versions are never edited: a change is a new version,
    so every score stays explainable by the exact rules that made it."""

    rule_set = models.ForeignKey(
        RuleSet,
        verbose_name=_("rule set"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(
        verbose_name=_("version"),
        help_text=_("Counted by BorderOps; it replaces the 'version' written in the YAML."),
    )
    source = models.TextField(
        verbose_name=_("rules (YAML)"),
    )
    rule_count = models.PositiveIntegerField(
        verbose_name=_("rules"),
        default=0,
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=10,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
    )
    note = models.CharField(
        verbose_name=_("what changed"),
        max_length=300,
        blank=True,
    )
    created_at = models.DateTimeField(
        verbose_name=_("saved"),
        default=timezone.now,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    activated_at = models.DateTimeField(
        verbose_name=_("activated"),
        null=True,
        blank=True,
    )
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("activated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rule-set version")
        verbose_name_plural = _("rule-set versions")
        ordering = ["rule_set", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "number"],
                name="targeting_version_unique",
            ),
            # Exactly one version of a rule set is in force at a time.
            models.UniqueConstraint(
                fields=["rule_set"],
                condition=Q(status="active"),
                name="targeting_one_active_version",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="targeting_version_number_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """``name@number``, the stamp every score carries."""
        return f"{self.rule_set.name}@{self.number}"


class ScoringRun(models.Model):
    """One scoring of the shipments of a port (or every port) over a day or a date range with
    one rule-set version; its scores are kept as they were given."""

    version = models.ForeignKey(
        RuleSetVersion,
        verbose_name=_("rule-set version"),
        on_delete=models.PROTECT,
        related_name="runs",
    )
    seed = models.IntegerField(
        verbose_name=_("seed of the random sample"),
        default=0,
    )
    port = models.ForeignKey(
        "reference.PortOfEntry",
        verbose_name=_("port of entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when every port was scored."),
    )
    date_from = models.DateField(verbose_name=_("from"))
    date_to = models.DateField(verbose_name=_("to"))
    red_capacity = models.PositiveIntegerField(
        verbose_name=_("red examinations a day per port"),
        null=True,
        blank=True,
        help_text=_("Empty for no limit."),
    )
    started_at = models.DateTimeField(
        verbose_name=_("scored"),
        default=timezone.now,
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    entry_count = models.PositiveIntegerField(verbose_name=_("entries"), default=0)
    red_count = models.PositiveIntegerField(verbose_name=_("red"), default=0)
    yellow_count = models.PositiveIntegerField(verbose_name=_("yellow"), default=0)
    green_count = models.PositiveIntegerField(verbose_name=_("green"), default=0)
    random_count = models.PositiveIntegerField(verbose_name=_("random selections"), default=0)
    over_capacity_count = models.PositiveIntegerField(
        verbose_name=_("over capacity"),
        default=0,
    )

    class Meta:
        verbose_name = _("scoring run")
        verbose_name_plural = _("scoring runs")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_from__lte=models.F("date_to")),
                name="targeting_run_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        scope = self.port_id or "all ports"
        return f"{self.version} {scope} {self.date_from}…{self.date_to}"


class EntryScore(models.Model):
    """The score one run gave one shipment: points, channel, fired rules and why."""

    run = models.ForeignKey(
        ScoringRun,
        verbose_name=_("scoring run"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    shipment = models.ForeignKey(
        "crossings.Shipment",
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="targeting_scores",
    )
    score = models.IntegerField(verbose_name=_("score"))
    channel = models.CharField(
        verbose_name=_("channel"),
        max_length=6,
        choices=Channel.choices,
    )
    random = models.BooleanField(
        verbose_name=_("random selection"),
        default=False,
        help_text=_("Sent to yellow by the random compliance sample, not by its score."),
    )
    over_capacity = models.BooleanField(
        verbose_name=_("over capacity"),
        default=False,
        help_text=_("Scored red, but the port's red examinations for the day were taken."),
    )
    fired = models.JSONField(
        verbose_name=_("rules fired"),
        default=list,
        help_text=_("The ids of the rules that fired, in rule-set order."),
    )

    class Meta:
        verbose_name = _("entry score")
        verbose_name_plural = _("entry scores")
        ordering = ["run", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["run", "shipment"], name="targeting_score_unique"),
            models.CheckConstraint(
                condition=Q(channel__in=["red", "yellow", "green"]),
                name="targeting_score_channel_known",
            ),
        ]
        indexes = [
            models.Index(fields=["shipment", "run"], name="targeting_score_shipment_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.shipment_id}: {self.score} {self.channel}"


class ExaminationResult(models.Model):
    """What the examination of an entry found; recording it again corrects it."""

    shipment = models.OneToOneField(
        "crossings.Shipment",
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="examination",
    )
    score = models.ForeignKey(
        EntryScore,
        verbose_name=_("score that selected it"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    examined_at = models.DateTimeField(
        verbose_name=_("examined"),
        default=timezone.now,
    )
    finding = models.BooleanField(
        verbose_name=_("finding"),
        help_text=_("Something was found: contraband, undervaluation, a wrong code…"),
    )
    category = models.CharField(
        verbose_name=_("category of the finding"),
        max_length=30,
        choices=FindingCategory.choices,
        blank=True,
    )
    quantity = models.FloatField(
        verbose_name=_("quantity"),
        null=True,
        blank=True,
        help_text=_("How much: kilograms, dollars or units, as the category suggests."),
    )
    note = models.TextField(
        verbose_name=_("note"),
        blank=True,
        help_text=_("What was done and found; may name people, so reading it is audited."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(
        verbose_name=_("recorded"),
        default=timezone.now,
    )

    class Meta:
        verbose_name = _("examination result")
        verbose_name_plural = _("examination results")
        ordering = ["-examined_at"]
        constraints = [
            # A finding names its category; no finding has none.
            models.CheckConstraint(
                condition=(Q(finding=True) & ~Q(category="")) | (Q(finding=False) & Q(category="")),
                name="targeting_exam_category_with_finding",
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gte=0),
                name="targeting_exam_quantity_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shipment_id}: {'finding' if self.finding else 'no finding'}"
