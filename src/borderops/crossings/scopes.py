"""How crossing records map onto organisations for the permission layer."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from borderops.accounts.permissions import Resource, organisation_field_scope, register_scope


def _travellers_seen_under(queryset: QuerySet[Any], path: str) -> QuerySet[Any]:
    # A unit sees a traveller once that person has crossed at one of its ports.
    from borderops.crossings.models import Crossing

    seen = Crossing.objects.filter(traveller=OuterRef("pk"), organisation__path__startswith=path)
    return queryset.filter(Exists(seen))


def register() -> None:
    """Register the scopes of the crossings app's resources."""
    register_scope(Resource.CROSSING, organisation_field_scope("organisation"))
    register_scope(Resource.SHIPMENT, organisation_field_scope("organisation"))
    register_scope(Resource.TRAVELLER, _travellers_seen_under)
