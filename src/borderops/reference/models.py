"""Reference data shared by both wings: countries, currencies, ports, airports, HS codes,
patrol sectors and checkpoints, and monthly crossing volumes at the ports."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borderops.reference.choices import CheckpointKind, TrafficSource


class Country(models.Model):
    """A country or territory as ISO 3166-1 lists it."""

    alpha2 = models.CharField(
        verbose_name=_("alpha-2 code"),
        max_length=2,
        primary_key=True,
    )
    alpha3 = models.CharField(
        verbose_name=_("alpha-3 code"),
        max_length=3,
        unique=True,
    )
    numeric = models.CharField(
        verbose_name=_("numeric code"),
        max_length=3,
        blank=True,
    )
    name = models.CharField(
        verbose_name=_("name"),
        max_length=100,
    )
    official_name = models.CharField(
        verbose_name=_("official name"),
        max_length=200,
        blank=True,
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Currency(models.Model):
    """A currency as ISO 4217 lists it."""

    code = models.CharField(
        verbose_name=_("code"),
        max_length=3,
        primary_key=True,
    )
    numeric = models.CharField(
        verbose_name=_("numeric code"),
        max_length=3,
        blank=True,
    )
    name = models.CharField(
        verbose_name=_("name"),
        max_length=100,
    )

    class Meta:
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class PortOfEntry(models.Model):
    """A place where people, conveyances and goods lawfully enter and are inspected."""

    code = models.CharField(
        verbose_name=_("port code"),
        max_length=4,
        primary_key=True,
        help_text=_("Four-digit CBP port code: district (2 digits) and port (2 digits)."),
    )
    name = models.CharField(
        verbose_name=_("name"),
        max_length=120,
    )
    land = models.BooleanField(verbose_name=_("land"), default=False)
    sea = models.BooleanField(verbose_name=_("sea"), default=False)
    air = models.BooleanField(verbose_name=_("air"), default=False)
    rail = models.BooleanField(verbose_name=_("rail"), default=False)
    border = models.CharField(
        verbose_name=_("border or coast"),
        max_length=30,
        blank=True,
        help_text=_("US-Canada, US-Mexico, Coast or Interior."),
    )
    state = models.CharField(
        verbose_name=_("state"),
        max_length=2,
        blank=True,
    )
    latitude = models.FloatField(verbose_name=_("latitude"), null=True, blank=True)
    longitude = models.FloatField(verbose_name=_("longitude"), null=True, blank=True)
    field_office = models.CharField(
        verbose_name=_("field office"),
        max_length=60,
        blank=True,
    )

    class Meta:
        verbose_name = _("port of entry")
        verbose_name_plural = _("ports of entry")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{4}$"),
                name="reference_port_code_four_digits",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="reference_port_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="reference_port_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def modes(self) -> list[str]:
        """The modes of transport this port handles."""
        return [mode for mode in ("land", "sea", "air", "rail") if getattr(self, mode)]


class PortTraffic(models.Model):
    """Inbound crossings counted at a port in one month, by measure (e.g. Trucks)."""

    port = models.ForeignKey(
        PortOfEntry,
        verbose_name=_("port of entry"),
        on_delete=models.CASCADE,
        related_name="traffic",
    )
    month = models.DateField(
        verbose_name=_("month"),
        help_text=_("First day of the month counted."),
    )
    measure = models.CharField(
        verbose_name=_("measure"),
        max_length=40,
    )
    value = models.PositiveBigIntegerField(
        verbose_name=_("count"),
    )
    source = models.CharField(
        verbose_name=_("source"),
        max_length=10,
        choices=TrafficSource.choices,
        default=TrafficSource.BTS,
    )

    class Meta:
        verbose_name = _("port traffic")
        verbose_name_plural = _("port traffic")
        ordering = ["port", "month", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["port", "month", "measure"],
                name="reference_port_traffic_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.port_id} {self.month:%Y-%m} {self.measure}: {self.value}"


class Airport(models.Model):
    """An airport, keyed by its ICAO code, from the airportsdata package."""

    icao = models.CharField(
        verbose_name=_("ICAO code"),
        max_length=4,
        primary_key=True,
    )
    iata = models.CharField(
        verbose_name=_("IATA code"),
        max_length=3,
        blank=True,
        db_index=True,
    )
    name = models.CharField(verbose_name=_("name"), max_length=200)
    city = models.CharField(verbose_name=_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="airports",
    )
    latitude = models.FloatField(verbose_name=_("latitude"))
    longitude = models.FloatField(verbose_name=_("longitude"))

    class Meta:
        verbose_name = _("airport")
        verbose_name_plural = _("airports")
        ordering = ["icao"]

    def __str__(self) -> str:
        return f"{self.iata or self.icao} {self.name}"


class HsCode(models.Model):
    """A chapter, heading or subheading of the Harmonized System nomenclature."""

    code = models.CharField(
        verbose_name=_("HS code"),
        max_length=10,
        primary_key=True,
    )
    description = models.TextField(verbose_name=_("description"))
    section = models.CharField(
        verbose_name=_("section"),
        max_length=5,
        blank=True,
        help_text=_("Roman numeral I–XXI."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    level = models.PositiveSmallIntegerField(
        verbose_name=_("level"),
        help_text=_("Number of digits: 2 chapter, 4 heading, 6 subheading."),
    )

    class Meta:
        verbose_name = _("HS code")
        verbose_name_plural = _("HS codes")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{2,10}$"),
                name="reference_hs_code_digits",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.description[:60]}"


class PatrolSector(models.Model):
    """A Border Patrol sector: the stretch of border between the ports that one chief covers."""

    code = models.CharField(
        verbose_name=_("code"),
        max_length=5,
        primary_key=True,
    )
    name = models.CharField(verbose_name=_("name"), max_length=100)
    border = models.CharField(verbose_name=_("border or coast"), max_length=30)
    headquarters = models.CharField(verbose_name=_("headquarters"), max_length=100, blank=True)
    latitude = models.FloatField(verbose_name=_("latitude"), null=True, blank=True)
    longitude = models.FloatField(verbose_name=_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("patrol sector")
        verbose_name_plural = _("patrol sectors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Checkpoint(models.Model):
    """A Border Patrol traffic checkpoint inland from the border, permanent or tactical."""

    code = models.CharField(
        verbose_name=_("code"),
        max_length=20,
        primary_key=True,
    )
    name = models.CharField(verbose_name=_("name"), max_length=120)
    sector = models.ForeignKey(
        PatrolSector,
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        related_name="checkpoints",
    )
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=10,
        choices=CheckpointKind.choices,
    )
    road = models.CharField(verbose_name=_("road"), max_length=60, blank=True)
    latitude = models.FloatField(verbose_name=_("latitude"))
    longitude = models.FloatField(verbose_name=_("longitude"))

    class Meta:
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        ordering = ["sector", "name"]

    def __str__(self) -> str:
        return self.name


class CheckpointActivePeriod(models.Model):
    """A period during which a (usually tactical) checkpoint is staffed."""

    checkpoint = models.ForeignKey(
        Checkpoint,
        verbose_name=_("checkpoint"),
        on_delete=models.CASCADE,
        related_name="active_periods",
    )
    starts_on = models.DateField(verbose_name=_("from"))
    ends_on = models.DateField(
        verbose_name=_("until"),
        null=True,
        blank=True,
        help_text=_("Empty while the checkpoint remains active."),
    )

    class Meta:
        verbose_name = _("active period")
        verbose_name_plural = _("active periods")
        ordering = ["checkpoint", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="reference_checkpoint_period_ordered",
            ),
            models.UniqueConstraint(
                fields=["checkpoint", "starts_on"],
                name="reference_checkpoint_period_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.checkpoint_id} from {self.starts_on} until {self.ends_on or '…'}"
