"""Watchlists, their imported versions and entries, and screening hits under review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderops.lookouts.choices import HitStatus, ListFormatChoice


class Watchlist(models.Model):
    """A list subjects are screened against: a sanctions list or one of the agency's own."""

    name = models.SlugField(
        verbose_name=_("name"),
        max_length=60,
        unique=True,
        help_text=_("Stable name hits refer to, e.g. 'ofac-sdn', 'un-sc', 'lookouts'."),
    )
    format = models.CharField(
        verbose_name=_("format"),
        max_length=10,
        choices=ListFormatChoice.choices,
    )
    is_active = models.BooleanField(
        verbose_name=_("screened against"),
        default=True,
        help_text=_("Inactive lists are kept but no longer screened against."),
    )

    class Meta:
        verbose_name = _("watchlist")
        verbose_name_plural = _("watchlists")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def current_version(self) -> ListVersion | None:
        """The version in force: the newest import."""
        return self.versions.order_by("-number").first()


class ListVersion(models.Model):
    """One import of a watchlist; the newest is in force, older ones stay for diffs."""

    watchlist = models.ForeignKey(
        Watchlist,
        verbose_name=_("watchlist"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(verbose_name=_("version"))
    imported_at = models.DateTimeField(verbose_name=_("imported"), default=timezone.now)
    imported_by = models.CharField(verbose_name=_("imported by"), max_length=150)
    source = models.CharField(verbose_name=_("source file"), max_length=500)
    sha256 = models.CharField(
        verbose_name=_("SHA-256 of the source"),
        max_length=64,
        help_text=_("Importing the same content again makes no new version."),
    )
    published = models.CharField(
        verbose_name=_("published"),
        max_length=40,
        blank=True,
        help_text=_("The list's own publication date, when it gives one."),
    )
    entry_count = models.PositiveIntegerField(verbose_name=_("entries"), default=0)

    class Meta:
        verbose_name = _("list version")
        verbose_name_plural = _("list versions")
        ordering = ["watchlist", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["watchlist", "number"], name="lookouts_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.watchlist.name} v{self.number}"


class ListedEntry(models.Model):
    """One entry of a list version, as the loader read it (all fields in ``data``)."""

    version = models.ForeignKey(
        ListVersion,
        verbose_name=_("list version"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    entry_id = models.CharField(
        verbose_name=_("entry id"),
        max_length=100,
        help_text=_("The source list's own identifier (OFAC ent_num, UN DATAID, FtM id)."),
    )
    entity_type = models.CharField(verbose_name=_("entity type"), max_length=20)
    primary_name = models.CharField(verbose_name=_("name"), max_length=500, db_index=True)
    data = models.JSONField(verbose_name=_("entry"))

    class Meta:
        verbose_name = _("listed entry")
        verbose_name_plural = _("listed entries")
        ordering = ["version", "primary_name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "entry_id"], name="lookouts_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.primary_name}"


class ScreeningHit(models.Model):
    """A possible match between a screened subject and a listed entry, for review.

    ``subject_key`` identifies the person screened (normalised name and birth date, or a
    traveller reference) so a dismissal suppresses the same false hit next time.
    """

    created_at = models.DateTimeField(verbose_name=_("found"), default=timezone.now)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="screening_hits",
    )
    subject_key = models.CharField(verbose_name=_("subject key"), max_length=200, db_index=True)
    subject_name = models.CharField(verbose_name=_("subject"), max_length=300)
    subject = models.JSONField(verbose_name=_("subject as screened"))
    version = models.ForeignKey(
        ListVersion,
        verbose_name=_("list version"),
        on_delete=models.PROTECT,
        related_name="hits",
    )
    entry_id = models.CharField(verbose_name=_("entry id"), max_length=100)
    matched_name = models.CharField(verbose_name=_("matched name"), max_length=500)
    score = models.FloatField(verbose_name=_("score"))
    algorithm = models.CharField(verbose_name=_("algorithm"), max_length=40)
    explanation = models.TextField(verbose_name=_("explanation"))
    status = models.CharField(
        verbose_name=_("status"),
        max_length=10,
        choices=HitStatus.choices,
        default=HitStatus.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(verbose_name=_("decided"), null=True, blank=True)
    note = models.TextField(verbose_name=_("reason for the decision"), blank=True)

    class Meta:
        verbose_name = _("screening hit")
        verbose_name_plural = _("screening hits")
        ordering = ["status", "-score", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="lookouts_hit_score_range"
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_by__isnull=False),
                name="lookouts_hit_decision_has_a_decider",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} ~ {self.version.watchlist.name}:{self.entry_id}"
