"""People, documents, vehicles, crossings and shipments seen at the ports of entry.

Ground truth about synthetic records lives in its own table, readable only by roles that
run exercises, so nothing an officer sees gives the answer away.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borderops.crossings.choices import Mode, Sex, Violation


class Traveller(models.Model):
    """A person who crosses the border. Personal data: every read is audit-logged."""

    reference = models.CharField(
        verbose_name=_("reference"),
        max_length=20,
        unique=True,
        help_text=_("Identifier in the source system or synthetic data set."),
    )
    surname = models.CharField(verbose_name=_("surname"), max_length=100, db_index=True)
    given_names = models.CharField(verbose_name=_("given names"), max_length=150)
    native_name = models.CharField(
        verbose_name=_("name in native script"),
        max_length=200,
        blank=True,
    )
    birth_date = models.DateField(verbose_name=_("date of birth"))
    sex = models.CharField(verbose_name=_("sex"), max_length=1, choices=Sex.choices)
    nationality = models.ForeignKey(
        "reference.Country",
        verbose_name=_("nationality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    birth_place = models.CharField(verbose_name=_("place of birth"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("traveller")
        verbose_name_plural = _("travellers")
        ordering = ["surname", "given_names"]

    def __str__(self) -> str:
        return f"{self.surname}, {self.given_names}"


class TravelDocument(models.Model):
    """A passport, card or visa a traveller presents."""

    reference = models.CharField(verbose_name=_("reference"), max_length=20, unique=True)
    traveller = models.ForeignKey(
        Traveller,
        verbose_name=_("traveller"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    document_code = models.CharField(verbose_name=_("document code"), max_length=2)
    document_number = models.CharField(
        verbose_name=_("document number"), max_length=20, db_index=True
    )
    issuing_state = models.CharField(verbose_name=_("issuing state"), max_length=3)
    issue_date = models.DateField(verbose_name=_("issued"), null=True, blank=True)
    expiry_date = models.DateField(verbose_name=_("expires"))
    mrz = models.TextField(verbose_name=_("machine-readable zone"))

    class Meta:
        verbose_name = _("travel document")
        verbose_name_plural = _("travel documents")
        ordering = ["traveller", "expiry_date"]

    def __str__(self) -> str:
        return f"{self.document_code} {self.issuing_state} {self.document_number}"


class Vehicle(models.Model):
    """A private vehicle or truck that crosses at a land port."""

    reference = models.CharField(verbose_name=_("reference"), max_length=20, unique=True)
    plate = models.CharField(verbose_name=_("plate"), max_length=12, db_index=True)
    plate_region = models.CharField(verbose_name=_("plate region"), max_length=10, blank=True)
    plate_country = models.CharField(verbose_name=_("plate country"), max_length=3, blank=True)
    vin = models.CharField(verbose_name=_("VIN"), max_length=17, blank=True, db_index=True)
    make = models.CharField(verbose_name=_("make"), max_length=40, blank=True)
    model = models.CharField(verbose_name=_("model"), max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(verbose_name=_("year"), null=True, blank=True)
    colour = models.CharField(verbose_name=_("colour"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["plate"]

    def __str__(self) -> str:
        return f"{self.plate} ({self.plate_region} {self.plate_country})".strip()


class Crossing(models.Model):
    """One person arriving at a port of entry, with what they declared at primary."""

    reference = models.CharField(verbose_name=_("reference"), max_length=20, unique=True)
    traveller = models.ForeignKey(
        Traveller,
        verbose_name=_("traveller"),
        on_delete=models.PROTECT,
        related_name="crossings",
    )
    document = models.ForeignKey(
        TravelDocument,
        verbose_name=_("document presented"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="crossings",
    )
    vehicle = models.ForeignKey(
        Vehicle,
        verbose_name=_("vehicle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="crossings",
    )
    port = models.ForeignKey(
        "reference.PortOfEntry",
        verbose_name=_("port of entry"),
        on_delete=models.PROTECT,
        related_name="crossings",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="crossings",
        help_text=_("The unit running the port when the crossing happened; decides who sees it."),
    )
    mode = models.CharField(verbose_name=_("mode"), max_length=4, choices=Mode.choices)
    conveyance = models.CharField(
        verbose_name=_("conveyance"),
        max_length=40,
        blank=True,
        help_text=_("Flight number, vessel or train; empty for vehicles and pedestrians."),
    )
    crossed_at = models.DateTimeField(verbose_name=_("crossed at"), db_index=True)
    currency_declared_usd = models.DecimalField(
        verbose_name=_("currency declared (USD)"),
        max_digits=12,
        decimal_places=2,
        default=0,
    )
    agricultural_declared = models.BooleanField(
        verbose_name=_("agricultural items declared"),
        default=False,
    )

    class Meta:
        verbose_name = _("crossing")
        verbose_name_plural = _("crossings")
        ordering = ["-crossed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(currency_declared_usd__gte=0),
                name="crossings_crossing_currency_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} at {self.port_id}"


class Shipment(models.Model):
    """A customs entry: goods declared for import at a port of entry."""

    reference = models.CharField(verbose_name=_("entry number"), max_length=20, unique=True)
    mode = models.CharField(verbose_name=_("mode"), max_length=4, choices=Mode.choices)
    port = models.ForeignKey(
        "reference.PortOfEntry",
        verbose_name=_("port of entry"),
        on_delete=models.PROTECT,
        related_name="shipments",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="shipments",
    )
    arrival_date = models.DateField(verbose_name=_("arrival date"), db_index=True)
    hs_code = models.CharField(verbose_name=_("HS code"), max_length=10, db_index=True)
    description = models.CharField(verbose_name=_("goods description"), max_length=300)
    value = models.DecimalField(verbose_name=_("declared value"), max_digits=14, decimal_places=2)
    currency = models.CharField(verbose_name=_("currency"), max_length=3)
    gross_kg = models.FloatField(verbose_name=_("gross mass (kg)"))
    net_kg = models.FloatField(verbose_name=_("net mass (kg)"))
    quantity = models.PositiveIntegerField(verbose_name=_("quantity"), null=True, blank=True)
    origin = models.CharField(verbose_name=_("country of origin"), max_length=2)
    export_country = models.CharField(verbose_name=_("country of export"), max_length=2)
    route = models.CharField(verbose_name=_("route"), max_length=200, blank=True)
    shipper = models.CharField(verbose_name=_("shipper"), max_length=200)
    consignee = models.CharField(verbose_name=_("consignee"), max_length=200)
    declarant = models.CharField(verbose_name=_("declarant"), max_length=200, blank=True)
    conveyance = models.CharField(verbose_name=_("conveyance"), max_length=60, blank=True)
    containers = models.CharField(verbose_name=_("containers"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["-arrival_date", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0), name="crossings_shipment_value_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(net_kg__gte=0) & Q(gross_kg__gte=models.F("net_kg")),
                name="crossings_shipment_masses_consistent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.hs_code}"


class GroundTruth(models.Model):
    """What a synthetic record really was, kept apart for exercises and measurement."""

    record_type = models.CharField(verbose_name=_("record type"), max_length=20)
    record_reference = models.CharField(verbose_name=_("record reference"), max_length=20)
    violation = models.CharField(
        verbose_name=_("violation"), max_length=30, choices=Violation.choices
    )
    detail = models.CharField(verbose_name=_("detail"), max_length=300, blank=True)
    quantity = models.FloatField(verbose_name=_("quantity"), null=True, blank=True)
    unit = models.CharField(verbose_name=_("unit"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("ground truth")
        verbose_name_plural = _("ground truth")
        ordering = ["record_type", "record_reference"]
        indexes = [
            models.Index(
                fields=["record_type", "record_reference"], name="crossings_truth_record_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_reference}: {self.violation}"
