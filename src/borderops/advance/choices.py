from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    """The advance data messages airlines send before a flight arrives."""

    PAXLST = "paxlst", _("PAXLST passenger or crew manifest (API)")
    PNRGOV = "pnrgov", _("PNRGOV passenger name records")


class ReceivedThrough(models.TextChoices):
    """How a message reached the system."""

    WEB = "web", _("Uploaded on the web")
    API = "api", _("Sent to the API")
    FOLDER = "folder", _("Picked up from the watched folder")


class TravellerRole(models.TextChoices):
    """Whether someone on a flight is a passenger or a member of the crew."""

    PASSENGER = "passenger", _("Passenger")
    CREW = "crew", _("Crew")
