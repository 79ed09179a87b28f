"""Recording what the examination of an entry found."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from borderops.accounts.permissions import signed_in_or_none
from borderops.crossings.models import Shipment
from borderops.targeting.choices import FindingCategory
from borderops.targeting.models import ExaminationResult
from borderops.targeting.services.common import (
    TargetingError,
)
from borderops.targeting.services.scoring import latest_score


def record_examination(
    *,
    shipment: Shipment,
    user: Any,
    finding: bool,
    category: str = "",
    quantity: float | None = None,
    note: str = "",
    examined_at: datetime | None = None,
) -> ExaminationResult:
    """Record what examining an entry found; recording again corrects the earlier result.

    A finding needs its category, no finding has none; quantities are not negative.
    Raises ``TargetingError`` naming the field otherwise.
    """
    category = (category or "").strip()
    if finding and category not in FindingCategory.values:
        raise TargetingError(
            "category: a finding needs its category, one of " + ", ".join(FindingCategory.values)
        )
    if not finding and category:
        raise TargetingError("category: leave it empty when nothing was found.")
    if quantity is not None and quantity < 0:
        raise TargetingError("quantity: must not be negative.")
    selected = latest_score(shipment=shipment)
    result, _created = ExaminationResult.objects.update_or_create(
        shipment=shipment,
        defaults={
            "score": selected,
            "examined_at": examined_at or timezone.now(),
            "finding": finding,
            "category": category,
            "quantity": quantity,
            "note": note.strip(),
            "recorded_by": signed_in_or_none(user),
            "recorded_at": timezone.now(),
        },
    )
    return result
