"""Roles and organisation kinds, as the agency names them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user does in the agency; it decides which resources they may use."""

    OFFICER = "officer", _("Officer")
    SUPERVISOR = "supervisor", _("Supervisor")
    ANALYST = "analyst", _("Targeting analyst")
    AGENT = "agent", _("Patrol agent")
    COORDINATOR = "coordinator", _("Training coordinator")
    ATTACHE = "attache", _("Attaché")
    PARTNER = "partner", _("Partner official")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("Administrator")


class OrganisationKind(models.TextChoices):
    """Where an organisation sits in the agency's tree, or that it is a partner abroad."""

    AGENCY = "agency", _("Agency")
    FIELD_OFFICE = "field_office", _("Field office")
    PORT = "port", _("Port of entry")
    SECTOR = "sector", _("Patrol sector")
    UNIT = "unit", _("Unit")
    OFFICE = "office", _("Headquarters office")
    POST = "post", _("Post abroad")
    PARTNER_ADMINISTRATION = "partner_administration", _("Partner administration")
    PARTNER_AGENCY = "partner_agency", _("Partner agency")
