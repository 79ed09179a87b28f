"""Advance passenger information: messages received, the flights they announce, and the
travellers expected on them with what screening and the document checks found."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderops.advance.choices import MessageKind, ReceivedThrough, TravellerRole


class AdvanceMessage(models.Model):
    """One PAXLST or PNRGOV message as received; the same content is stored only once."""

    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=10,
        choices=MessageKind.choices,
    )
    sha256 = models.CharField(
        verbose_name=_("SHA-256 of the message"),
        max_length=64,
        unique=True,
        help_text=_("Receiving the same message again changes nothing."),
    )
    message_reference = models.CharField(
        verbose_name=_("message reference"),
        max_length=35,
        blank=True,
    )
    interchange_reference = models.CharField(
        verbose_name=_("interchange reference"),
        max_length=35,
        blank=True,
    )
    sender = models.CharField(
        verbose_name=_("sender"),
        max_length=35,
        blank=True,
    )
    filename = models.CharField(
        verbose_name=_("file name"),
        max_length=255,
        blank=True,
    )
    received_at = models.DateTimeField(
        verbose_name=_("received"),
        default=timezone.now,
    )
    received_through = models.CharField(
        verbose_name=_("received through"),
        max_length=10,
        choices=ReceivedThrough.choices,
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    traveller_count = models.PositiveIntegerField(
        verbose_name=_("travellers"),
        default=0,
    )
    warning = models.CharField(
        verbose_name=_("reading note"),
        max_length=300,
        blank=True,
        help_text=_("A control count or reference that disagreed; the segments were sound."),
    )

    class Meta:
        verbose_name = _("advance message")
        verbose_name_plural = _("advance messages")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.message_reference or self.sha256[:12]}"


class ExpectedFlight(models.Model):
    """A flight announced by advance data, expected at a port of entry."""

    flight = models.CharField(
        verbose_name=_("flight"),
        max_length=12,
        help_text=_("Carrier code and flight number, e.g. AA123."),
    )
    carrier = models.CharField(
        verbose_name=_("carrier"),
        max_length=3,
        blank=True,
    )
    departure_port = models.CharField(
        verbose_name=_("from"),
        max_length=5,
        blank=True,
    )
    arrival_port = models.CharField(
        verbose_name=_("to"),
        max_length=5,
        blank=True,
    )
    departure_time = models.DateTimeField(
        verbose_name=_("scheduled departure"),
        null=True,
        blank=True,
    )
    arrival_time = models.DateTimeField(
        verbose_name=_("scheduled arrival"),
        null=True,
        blank=True,
    )
    service_date = models.DateField(
        verbose_name=_("date"),
        help_text=_("The arrival date, or the departure date when no arrival time is given."),
    )
    port = models.ForeignKey(
        "reference.PortOfEntry",
        verbose_name=_("port of entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expected_flights",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="expected_flights",
        help_text=_("The unit at the port of arrival, or the unit that loaded the message."),
    )

    class Meta:
        verbose_name = _("expected flight")
        verbose_name_plural = _("expected flights")
        ordering = ["-service_date", "flight"]
        constraints = [
            models.UniqueConstraint(
                fields=["flight", "departure_port", "arrival_port", "service_date"],
                name="advance_flight_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.flight} {self.departure_port}→{self.arrival_port} {self.service_date}"


class ExpectedTraveller(models.Model):
    """A passenger or crew member announced on a flight, with screening and document findings."""

    flight = models.ForeignKey(
        ExpectedFlight,
        verbose_name=_("flight"),
        on_delete=models.CASCADE,
        related_name="travellers",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Copied from the flight so that reads are scoped without a join."),
    )
    identity_key = models.CharField(
        verbose_name=_("identity key"),
        max_length=300,
        help_text=_("Normalised role, names, birth date and document: one row per person."),
    )
    role = models.CharField(
        verbose_name=_("role"),
        max_length=10,
        choices=TravellerRole.choices,
    )
    surname = models.CharField(verbose_name=_("surname"), max_length=100)
    given_names = models.CharField(verbose_name=_("given names"), max_length=150, blank=True)
    birth_date = models.DateField(verbose_name=_("date of birth"), null=True, blank=True)
    sex = models.CharField(verbose_name=_("sex"), max_length=1, blank=True)
    nationality = models.CharField(verbose_name=_("nationality"), max_length=3, blank=True)
    document_type = models.CharField(verbose_name=_("document type"), max_length=3, blank=True)
    document_number = models.CharField(
        verbose_name=_("document number"),
        max_length=35,
        blank=True,
        db_index=True,
    )
    document_expiry = models.DateField(verbose_name=_("document expiry"), null=True, blank=True)
    document_issuer = models.CharField(verbose_name=_("issued by"), max_length=3, blank=True)
    embarkation_port = models.CharField(verbose_name=_("embarked at"), max_length=5, blank=True)
    debarkation_port = models.CharField(verbose_name=_("disembarks at"), max_length=5, blank=True)
    record_locator = models.CharField(
        verbose_name=_("booking reference"),
        max_length=20,
        blank=True,
    )
    booking = models.JSONField(
        verbose_name=_("booking details"),
        default=dict,
        blank=True,
        help_text=_("Itinerary, bags, contacts and payment summary from PNRGOV."),
    )
    messages = models.ManyToManyField(
        AdvanceMessage,
        verbose_name=_("announced in"),
        related_name="travellers",
    )
    hits = models.JSONField(
        verbose_name=_("screening hits"),
        default=list,
        blank=True,
    )
    list_versions = models.JSONField(
        verbose_name=_("list versions screened against"),
        default=dict,
        blank=True,
    )
    findings = models.JSONField(
        verbose_name=_("document findings"),
        default=list,
        blank=True,
    )
    referral_advised = models.BooleanField(
        verbose_name=_("referral advised"),
        default=False,
        help_text=_("A hit or a document finding suggests secondary inspection."),
    )
    screened_at = models.DateTimeField(verbose_name=_("screened"), null=True, blank=True)

    class Meta:
        verbose_name = _("expected traveller")
        verbose_name_plural = _("expected travellers")
        ordering = ["flight", "-referral_advised", "surname", "given_names"]
        constraints = [
            models.UniqueConstraint(
                fields=["flight", "identity_key"],
                name="advance_traveller_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.surname}, {self.given_names}".strip(", ")
