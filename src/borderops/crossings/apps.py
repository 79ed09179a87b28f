from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrossingsConfig(AppConfig):
    name = "borderops.crossings"
    label = "crossings"
    verbose_name = _("Crossings")

    def ready(self) -> None:
        from borderops.crossings import scopes

        scopes.register()
