from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvanceConfig(AppConfig):
    name = "borderops.advance"
    label = "advance"
    verbose_name = _("Advance passenger information")

    def ready(self) -> None:
        from borderops.accounts.permissions import (
            Resource,
            organisation_field_scope,
            register_scope,
        )

        register_scope(Resource.ADVANCE_DATA, organisation_field_scope("organisation"))
