"""Each role's dashboard: the few figures that role looks at first, within its reach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from borderops.accounts.choices import Role
from borderops.accounts.models import Organisation, User
from borderops.accounts.permissions import Action, Resource, can, role_of, scoped
from borderops.audit.choices import AuditAction
from borderops.audit.models import AuditEntry
from borderops.crossings.models import Crossing, Shipment, Traveller
from borderops.reference.models import Checkpoint, Country, PortOfEntry


@dataclass(frozen=True)
class Card:
    """One figure on a dashboard, with where to go for the detail."""

    title: str | Promise
    value: int | str
    url: str = ""
    note: str | Promise = ""


def _operations_cards(user: Any) -> list[Card]:
    cards: list[Card] = []
    if can(user, Action.VIEW, Resource.CROSSING):
        crossings = scoped(user, Resource.CROSSING, Crossing.objects.all())
        latest = crossings.order_by("-crossed_at").values_list("crossed_at", flat=True).first()
        recent = (
            crossings.filter(crossed_at__gte=latest - timedelta(days=1)).count() if latest else 0
        )
        cards.append(
            Card(_("Crossings on record"), crossings.count(), reverse("crossings:crossing-list"))
        )
        cards.append(
            Card(_("Crossings in the last day of data"), recent, reverse("crossings:crossing-list"))
        )
    if can(user, Action.VIEW, Resource.SHIPMENT):
        shipments = scoped(user, Resource.SHIPMENT, Shipment.objects.all())
        cards.append(
            Card(_("Shipments on record"), shipments.count(), reverse("crossings:shipment-list"))
        )
    if can(user, Action.VIEW, Resource.TRAVELLER):
        travellers = scoped(user, Resource.TRAVELLER, Traveller.objects.all())
        cards.append(
            Card(_("Travellers seen"), travellers.count(), reverse("crossings:traveller-list"))
        )
    return cards


def _agent_cards(user: Any) -> list[Card]:
    return [
        Card(_("Checkpoints"), Checkpoint.objects.count(), reverse("reference:checkpoint-list")),
        Card(
            _("Permanent checkpoints"),
            Checkpoint.objects.filter(kind="permanent").count(),
            reverse("reference:checkpoint-list") + "?kind=permanent",
        ),
        Card(_("Map of ports and checkpoints"), "→", reverse("reference:map")),
    ]


def _international_cards(user: Any) -> list[Card]:
    partners = Organisation.objects.filter(kind__in=["partner_administration", "partner_agency"])
    cards = [Card(_("Countries"), Country.objects.count(), reverse("reference:country-list"))]
    if can(user, Action.VIEW, Resource.ORGANISATION):
        cards.append(
            Card(
                _("Partner administrations"),
                partners.count(),
                reverse("accounts:organisation-list"),
            )
        )
    return cards


def _auditor_cards(user: Any) -> list[Card]:
    since = timezone.now() - timedelta(days=1)
    recent = AuditEntry.objects.filter(at__gte=since)
    return [
        Card(
            _("Personal-data reads, last 24 h"),
            recent.filter(action=AuditAction.VIEW).count(),
            reverse("audit:entry-list") + "?action=view",
        ),
        Card(
            _("Failed sign-ins, last 24 h"),
            recent.filter(action=AuditAction.LOGIN_FAILED).count(),
            reverse("audit:entry-list") + "?action=login_failed",
        ),
        Card(
            _("Changes, last 24 h"),
            recent.filter(action__in=["create", "update", "delete"]).count(),
            reverse("audit:entry-list"),
        ),
    ]


def _admin_cards(user: Any) -> list[Card]:
    by_role = dict(User.objects.values_list("role").annotate(n=Count("id")))
    return [
        Card(_("Users"), sum(by_role.values()), reverse("accounts:user-list")),
        Card(
            _("Organisations"), Organisation.objects.count(), reverse("accounts:organisation-list")
        ),
        Card(_("Ports of entry"), PortOfEntry.objects.count(), reverse("reference:port-list")),
        Card(_("Countries"), Country.objects.count(), reverse("reference:country-list")),
    ]


def cards_for(user: Any) -> list[Card]:
    """The dashboard cards for this user's role."""
    role = role_of(user)
    if role in {Role.OFFICER, Role.SUPERVISOR, Role.ANALYST}:
        return _operations_cards(user)
    if role is Role.AGENT:
        return _agent_cards(user)
    if role in {Role.COORDINATOR, Role.ATTACHE, Role.PARTNER}:
        return _international_cards(user)
    if role is Role.AUDITOR:
        return _auditor_cards(user) + _operations_cards(user)
    if role is Role.ADMIN:
        return _admin_cards(user)
    return []
