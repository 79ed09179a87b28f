from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "borderops.training"
    label = "training"
    verbose_name = _("International training and technical assistance")

    def ready(self) -> None:
        from borderops.training.scopes import register

        register()
