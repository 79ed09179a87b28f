"""Putting a version in force for a port, a mode or every port, and which one applies to
an entry: the port's own model first, then the mode's, then every port's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from borderops.accounts.permissions import signed_in_or_none
from borderops.core.risk.score import missing_columns
from borderops.core.targeting.io import ENTRY_SCHEMA
from borderops.crossings.choices import Mode
from borderops.reference.models import PortOfEntry
from borderops.risk.models import ModelActivation, RiskModelVersion
from borderops.risk.services.common import (
    DEFAULT_SHARE,
    MAX_SHARE,
    RiskServiceError,
)
from borderops.risk.services.versions import card_of


def scope_key(*, port: PortOfEntry | None, mode: str) -> str:
    """The scope an activation covers, as stored: ``port:CODE``, ``mode:MODE`` or ``all``."""
    if port is not None and mode:
        raise RiskServiceError("Activate a model for a port or for a mode, not both.")
    if port is not None:
        return f"port:{port.code}"
    if mode:
        if mode not in Mode.values:
            raise RiskServiceError(f"Unknown mode {mode!r}; use one of {', '.join(Mode.values)}.")
        return f"mode:{mode}"
    return "all"


def unusable_columns(version: RiskModelVersion) -> list[str]:
    """The columns the model reads that BorderOps shipments do not have (a model trained on
    another administration's declarations can score files, not this system's entries)."""
    return missing_columns(card_of(version), ENTRY_SCHEMA.names)


def activate(
    *,
    version: RiskModelVersion,
    port: PortOfEntry | None = None,
    mode: str = "",
    share: float = DEFAULT_SHARE,
    user: Any = None,
) -> ModelActivation:
    """Put ``version`` in force for a port, a mode or every entry, ending the model in
    force there before; the next scoring runs there use it."""
    if not 0 < share <= MAX_SHARE:
        raise RiskServiceError(
            f"The share sent to red must be above 0 and at most {MAX_SHARE:.0%}, not {share:.2%}."
        )
    scope = scope_key(port=port, mode=mode)
    missing = unusable_columns(version)
    if missing:
        raise RiskServiceError(
            f"{version.stamp} reads column(s) BorderOps shipments do not have: "
            f"{', '.join(missing)}. Use it with `borderops risk score` on files, or train a "
            "model on this system's shipments."
        )
    now = timezone.now()
    with transaction.atomic():
        for current in ModelActivation.objects.select_for_update().filter(scope=scope, active=True):
            current.active, current.ended_at = False, now
            current.ended_by = signed_in_or_none(user)
            current.save(update_fields=["active", "ended_at", "ended_by"])
        return ModelActivation.objects.create(
            version=version,
            port=port,
            mode=mode,
            scope=scope,
            share=share,
            activated_by=signed_in_or_none(user),
        )


def end_activation(*, activation: ModelActivation, user: Any = None) -> ModelActivation:
    """Take a model out of force for its scope (rules alone decide there again)."""
    if not activation.active:
        raise RiskServiceError("That activation has already ended.")
    activation.active, activation.ended_at = False, timezone.now()
    activation.ended_by = signed_in_or_none(user)
    activation.save(update_fields=["active", "ended_at", "ended_by"])
    return activation


def active_activations() -> list[ModelActivation]:
    """Every activation in force, with its version."""
    return list(ModelActivation.objects.filter(active=True).select_related("version"))


def resolve(
    activations: Sequence[ModelActivation], ports: Sequence[str | None], modes: Sequence[str | None]
) -> list[int | None]:
    """Per entry, the index of the activation that applies: the port's own model first, then
    the mode's, then the one for every port; None where no model is in force."""
    by_scope = {activation.scope: i for i, activation in enumerate(activations)}
    chosen: list[int | None] = []
    for port, mode in zip(ports, modes, strict=True):
        found = by_scope.get(f"port:{port}")
        if found is None:
            found = by_scope.get(f"mode:{mode}")
        if found is None:
            found = by_scope.get("all")
        chosen.append(found)
    return chosen
