"""The navigation menu: each entry names the permission it needs, so roles see only theirs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from borderops.accounts.permissions import Action, Resource, can


@dataclass(frozen=True)
class NavItem:
    """A link in the menu, shown to users who may perform ``action`` on ``resource``."""

    label: str | Promise
    url_name: str
    resource: Resource
    action: Action = Action.VIEW
    section: str | Promise = ""


MENU: list[NavItem] = [
    NavItem(
        _("Screen a subject"), "screening:screen", Resource.SCREENING, Action.ADD, _("Screening")
    ),
    NavItem(_("Hit review"), "screening:review", Resource.HIT_REVIEW, section=_("Screening")),
    NavItem(_("Watchlists"), "lookouts:watchlist-list", Resource.WATCHLIST, section=_("Screening")),
    NavItem(
        _("Check a document"),
        "advance:document-check",
        Resource.SCREENING,
        Action.ADD,
        _("Screening"),
    ),
    NavItem(
        _("Expected flights"),
        "advance:flight-list",
        Resource.ADVANCE_DATA,
        section=_("Operations"),
    ),
    NavItem(
        _("Travellers"), "crossings:traveller-list", Resource.TRAVELLER, section=_("Operations")
    ),
    NavItem(_("Crossings"), "crossings:crossing-list", Resource.CROSSING, section=_("Operations")),
    NavItem(_("Shipments"), "crossings:shipment-list", Resource.SHIPMENT, section=_("Operations")),
    NavItem(_("Worklist"), "targeting:worklist", Resource.TARGETING_SCORE, section=_("Targeting")),
    NavItem(_("Rule sets"), "targeting:ruleset-list", Resource.RULE_SET, section=_("Targeting")),
    NavItem(_("Risk models"), "risk:model-list", Resource.RISK_MODEL, section=_("Targeting")),
    NavItem(
        _("Score shipments"),
        "targeting:score",
        Resource.TARGETING_SCORE,
        Action.ADD,
        _("Targeting"),
    ),
    NavItem(
        _("Course catalogue"), "training:course-list", Resource.COURSE, section=_("International")
    ),
    NavItem(
        _("Course deliveries"),
        "training:delivery-list",
        Resource.COURSE_DELIVERY,
        section=_("International"),
    ),
    NavItem(_("Vetting"), "training:batch-list", Resource.VETTING, section=_("International")),
    NavItem(_("Ports of entry"), "reference:port-list", Resource.REFERENCE, section=_("Reference")),
    NavItem(_("Map"), "reference:map", Resource.REFERENCE, section=_("Reference")),
    NavItem(
        _("Patrol sectors"), "reference:sector-list", Resource.REFERENCE, section=_("Reference")
    ),
    NavItem(
        _("Checkpoints"), "reference:checkpoint-list", Resource.REFERENCE, section=_("Reference")
    ),
    NavItem(_("Countries"), "reference:country-list", Resource.REFERENCE, section=_("Reference")),
    NavItem(_("Airports"), "reference:airport-list", Resource.REFERENCE, section=_("Reference")),
    NavItem(_("HS codes"), "reference:hs-list", Resource.REFERENCE, section=_("Reference")),
    NavItem(
        _("Organisations"),
        "accounts:organisation-list",
        Resource.ORGANISATION,
        section=_("Administration"),
    ),
    NavItem(_("Users"), "accounts:user-list", Resource.USER, section=_("Administration")),
    NavItem(_("Audit log"), "audit:entry-list", Resource.AUDIT_LOG, section=_("Administration")),
]


def menu_for(user: Any) -> list[dict[str, Any]]:
    """The menu sections and links this user may use, in display order."""
    sections: dict[str, list[dict[str, str]]] = {}
    for item in MENU:
        if can(user, item.action, item.resource):
            sections.setdefault(str(item.section), []).append(
                {"label": str(item.label), "url": reverse(item.url_name), "name": item.url_name}
            )
    return [{"title": title, "items": items} for title, items in sections.items()]
