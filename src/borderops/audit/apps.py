from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "borderops.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from borderops.audit import recorders

        recorders.connect()
