"""How targeting records map onto organisations for the permission layer."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from borderops.accounts.permissions import Resource, register_scope


def _by_shipment_unit(queryset: QuerySet[Any], path: str) -> QuerySet[Any]:
    # Scores and examination results belong to the unit that runs the shipment's port; the
    # same filter serves pages whose queryset is the shipments themselves.
    from borderops.crossings.models import Shipment

    if queryset.model is Shipment:
        return queryset.filter(organisation__path__startswith=path)
    return queryset.filter(shipment__organisation__path__startswith=path)


def register() -> None:
    """Register the scopes of the targeting app's resources (rule sets are national)."""
    register_scope(Resource.TARGETING_SCORE, _by_shipment_unit)
    register_scope(Resource.EXAMINATION, _by_shipment_unit)
