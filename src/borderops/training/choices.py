"""The international training wing's vocabulary: programme areas, venues, workflow states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeArea(models.TextChoices):
    """The primary areas in which the agency provides training and technical assistance."""

    ACADEMIES = "academies", _("International law enforcement academies")
    EXPORT_CONTROL = "export_control", _("Export control and border security")
    TRADE_ENFORCEMENT = "trade_enforcement", _("Trade enforcement")
    PRIVATE_SECTOR = "private_sector", _("Private-sector partnership")
    FRAUDULENT_DOCUMENTS = "fraudulent_documents", _("Fraudulent documents and impostors")
    ANTI_CORRUPTION = "anti_corruption", _("Anti-corruption and integrity")


class Topic(models.TextChoices):
    """What a course is about, across programme areas."""

    WMD = "wmd", _("Weapons of mass destruction")
    ANTI_NARCOTICS = "anti_narcotics", _("Anti-narcotics")
    PORT_SECURITY = "port_security", _("Port security")
    INTEGRITY = "integrity", _("Integrity")
    SUPPLY_CHAIN_SECURITY = "supply_chain_security", _("Supply chain security")
    COMMERCIAL_OPERATIONS = "commercial_operations", _("Commercial operations")


class Environment(models.TextChoices):
    """The border environment a course is designed for."""

    LAND = "land", _("Land border")
    SEAPORT = "seaport", _("Seaport")
    RAIL = "rail", _("Rail")
    AIRPORT = "airport", _("Airport")
    GREEN_BORDER = "green_border", _("Green border")


class VenueType(models.TextChoices):
    """Where a course is delivered."""

    ACADEMY = "academy", _("International law enforcement academy")
    FOREIGN_PORT = "foreign_port", _("Foreign port")
    HOME_PORT = "home_port", _("Home port of entry")


class Academy(models.TextChoices):
    """The International Law Enforcement Academies the seed names."""

    BANGKOK = "Bangkok", _("ILEA Bangkok")
    BUDAPEST = "Budapest", _("ILEA Budapest")
    GABORONE = "Gaborone", _("ILEA Gaborone")
    SAN_SALVADOR = "San Salvador", _("ILEA San Salvador")
    GHANA = "Ghana", _("ILEA Ghana")


# The country each academy stands in; a delivery there is hosted by that country.
ACADEMY_COUNTRY: dict[str, str] = {
    Academy.BANGKOK: "TH",
    Academy.BUDAPEST: "HU",
    Academy.GABORONE: "BW",
    Academy.SAN_SALVADOR: "SV",
    Academy.GHANA: "GH",
}


class DeliveryStatus(models.TextChoices):
    """Where a course delivery stands in its approval workflow."""

    DRAFT = "draft", _("Draft")
    PENDING_APPROVAL = "pending_approval", _("Pending approval")
    APPROVED = "approved", _("Approved")
    DELIVERED = "delivered", _("Delivered")
    FINALISED = "finalised", _("Finalised")
    CANCELLED = "cancelled", _("Cancelled")


class FundingSource(models.TextChoices):
    """Who pays for a delivery."""

    INL = "inl", _("State Department (INL)")
    EXBS = "exbs", _("Export Control and Related Border Security (EXBS)")
    DOD = "dod", _("Department of Defense")
    AGENCY = "agency", _("Agency budget")
    HOST = "host", _("Host government")
    OTHER = "other", _("Other")


class BudgetCategory(models.TextChoices):
    """The lines of a delivery's budget."""

    AIRFARE = "airfare", _("Airfare")
    LODGING = "lodging", _("Lodging")
    PER_DIEM = "per_diem", _("Per diem")
    INTERPRETATION = "interpretation", _("Interpretation")
    OTHER = "other", _("Other")


class SessionKind(models.TextChoices):
    """The kind of a timetabled session."""

    CLASSROOM = "classroom", _("Classroom")
    PRACTICAL = "practical", _("Practical exercise")


class NominationStatus(models.TextChoices):
    """Where a nominated official stands for a delivery."""

    NOMINATED = "nominated", _("Nominated")
    ENROLLED = "enrolled", _("Enrolled")
    WAITLISTED = "waitlisted", _("On the waiting list")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class VettingState(models.TextChoices):
    """How far a vetting batch has gone through the human-rights (Leahy) process."""

    SUBMITTED = "submitted", _("Submitted")
    COURTESY_CHECKS = "courtesy_checks", _("Courtesy checks")
    VETTING = "vetting", _("Vetting")
    RESULTS = "results", _("Results")


class VettingResult(models.TextChoices):
    """The outcome of vetting one nominee."""

    APPROVED = "approved", _("Approved")
    SUSPENDED = "suspended", _("Suspended")
    REJECTED = "rejected", _("Rejected")


class VettingStanding(models.TextChoices):
    """A nominee's vetting as it bears on enrolment, relative to the course start."""

    NOT_REQUIRED = "not_required", _("Not required")
    NOT_SUBMITTED = "not_submitted", _("Not submitted")
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    EXPIRED = "expired", _("Approval expires before the course starts")
    SUSPENDED = "suspended", _("Suspended")
    REJECTED = "rejected", _("Rejected")


class AttendanceStatus(models.TextChoices):
    """A participant's attendance on one day."""

    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")
