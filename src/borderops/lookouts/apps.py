from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LookoutsConfig(AppConfig):
    name = "borderops.lookouts"
    label = "lookouts"
    verbose_name = _("Lookouts and watchlists")

    def ready(self) -> None:
        from borderops.accounts.permissions import (
            Resource,
            organisation_field_scope,
            register_scope,
        )

        register_scope(Resource.HIT_REVIEW, organisation_field_scope("organisation"))
