from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetingConfig(AppConfig):
    name = "borderops.targeting"
    label = "targeting"
    verbose_name = _("Targeting")

    def ready(self) -> None:
        from borderops.targeting import scopes

        scopes.register()
