"""How training records map onto organisations for the permission layer.

Courses and deliveries are not personal data and every role that may see them sees them
all (a supervisor approves deliveries run by another office). Nominations belong to the
nominating agency, so a partner official sees their own agency's only; a post also sees the
nominees it vets. Vetting batches belong to the post that runs them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from borderops.accounts.permissions import Resource, organisation_field_scope, register_scope


def _nominations_under(queryset: QuerySet[Any], path: str) -> QuerySet[Any]:
    from borderops.training.models import VettingItem

    vetted_here = VettingItem.objects.filter(
        nomination=OuterRef("pk"), batch__post__path__startswith=path
    )
    return queryset.filter(Q(agency__path__startswith=path) | Exists(vetted_here))


def register() -> None:
    """Register the scopes of the training app's resources."""
    register_scope(Resource.NOMINATION, _nominations_under)
    register_scope(Resource.VETTING, organisation_field_scope("post"))
