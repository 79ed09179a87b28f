from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "borderops.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        # Registers the deployment checks that `borderops serve` enforces.
        from borderops import checks  # noqa: F401
