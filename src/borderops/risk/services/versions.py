"""Model versions: storing a file (read whole first), loading it once per process, and
training one on this system's shipments and their outcomes."""

from __future__ import annotations

import functools
import hashlib
from datetime import date
from typing import Any

import pyarrow as pa
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch, QuerySet

from borderops.accounts.permissions import signed_in_or_none
from borderops.core.risk import (
    ModelCard,
    RiskModel,
    RiskModelError,
    load_model,
    model_bytes,
    train_model,
)
from borderops.reference.models import PortOfEntry
from borderops.risk.choices import ModelSource
from borderops.risk.models import ModelActivation, RiskModelVersion
from borderops.risk.services.common import (
    LABEL,
    MAX_MODEL_BYTES,
    TRAINING_EXCLUDED,
    RiskServiceError,
)
from borderops.targeting.choices import OutcomeSource


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def store_model(
    *,
    content: bytes,
    name: str,
    source: ModelSource | str,
    note: str = "",
    user: Any = None,
    filename: str | None = None,
) -> RiskModelVersion:
    """Keep a model file as the next version of ``name``, after reading it whole (a file
    that cannot be scored with is refused here, not at the first scoring run)."""
    if not content:
        raise RiskServiceError("The model file is empty.")
    if len(content) > MAX_MODEL_BYTES:
        raise RiskServiceError(
            f"The model file is {len(content):,} bytes; the most accepted is {MAX_MODEL_BYTES:,}."
        )
    try:
        model = load_model(content, name=filename or "the model file")
    except RiskModelError as error:
        raise RiskServiceError(str(error)) from None
    digest = hashlib.sha256(content).hexdigest()
    existing = RiskModelVersion.objects.filter(sha256=digest).first()
    if existing is not None:
        raise RiskServiceError(f"This model file is already stored, as {existing.stamp}.")
    card = model.card
    periods = card.periods
    try:
        with transaction.atomic():
            latest = RiskModelVersion.objects.filter(name=name).aggregate(n=Max("number"))["n"]
            version = RiskModelVersion.objects.create(
                name=name,
                number=(latest or 0) + 1,
                source=source,
                content=content,
                sha256=digest,
                size=len(content),
                card=card.to_json(),
                label=card.label,
                trained_from=_day(periods["fit"].first) if "fit" in periods else None,
                trained_to=(
                    _day(periods["calibration"].last) if "calibration" in periods else None
                ),
                ruleset=card.ruleset or "",
                note=note,
                created_by=signed_in_or_none(user),
            )
    except IntegrityError:
        # Two analysts storing the same name at once: the database kept the numbering sound.
        raise RiskServiceError(
            f"Another version of {name!r} was stored at the same moment; try again."
        ) from None
    return version


def card_of(version: RiskModelVersion) -> ModelCard:
    """The version's model card as the core reads it."""
    return ModelCard.from_json(version.card)


@functools.lru_cache(maxsize=8)
def _model_by_digest(digest: str) -> RiskModel:
    content = RiskModelVersion.objects.values_list("content", flat=True).get(sha256=digest)
    return load_model(bytes(content), name=digest[:12])


def model_of(version: RiskModelVersion) -> RiskModel:
    """The version's model, loaded once per process (a version's file never changes)."""
    return _model_by_digest(version.sha256)


def labelled_history(
    *,
    date_from: date,
    date_to: date,
    port: PortOfEntry | None,
    outcomes: OutcomeSource | str,
) -> pa.Table:
    """The shipments of a period with a known outcome, as entries with a 0/1 ``violation``
    column: every shipment for the synthetic ground truth, the examined ones otherwise."""
    from borderops.targeting.services import TargetingError, history_with_outcomes

    try:
        entries, known = history_with_outcomes(
            date_from=date_from, date_to=date_to, port=port, outcomes=outcomes
        )
    except TargetingError as error:
        raise RiskServiceError(str(error)) from None
    found = dict(
        zip(known.column("id").to_pylist(), known.column("finding").to_pylist(), strict=True)
    )
    ids = entries.column("id").to_pylist()
    examined = pa.array([entry_id in found for entry_id in ids])
    labelled = entries.filter(examined)
    if labelled.num_rows == 0:
        raise RiskServiceError(
            "None of those shipments has a recorded examination result; record results, "
            "choose a longer period, or use the synthetic ground truth in a demo."
        )
    label = [int(bool(found[entry_id])) for entry_id in labelled.column("id").to_pylist()]
    return labelled.append_column(LABEL, pa.array(label, pa.int64()))


def active_rules_text() -> str | None:
    """The YAML of the rule-set version in force, whose rules become model inputs."""
    from borderops.targeting.services import TargetingError, active_version

    try:
        return active_version().source
    except TargetingError:
        return None


def train_from_history(
    *,
    name: str,
    date_from: date,
    date_to: date,
    port: PortOfEntry | None = None,
    outcomes: OutcomeSource | str = OutcomeSource.EXAMINATIONS,
    seed: int = 0,
    with_rules: bool = True,
    note: str = "",
    user: Any = None,
) -> RiskModelVersion:
    """Learn a model from the shipments of a period and their outcomes, and store it as the
    next version of ``name``. With ``with_rules`` the active rule set's score, fired rules
    and derived features are inputs too."""
    table = labelled_history(date_from=date_from, date_to=date_to, port=port, outcomes=outcomes)
    ruleset_text = active_rules_text() if with_rules else None
    try:
        model = train_model(
            table,
            label=LABEL,
            id_column="id",
            date_column="arrival_date",
            exclude=TRAINING_EXCLUDED,
            seed=seed,
            ruleset_text=ruleset_text,
        )
    except RiskModelError as error:
        raise RiskServiceError(str(error)) from None
    return store_model(
        content=model_bytes(model),
        name=name,
        source=ModelSource.TRAINED,
        note=note or f"trained on {date_from}…{date_to}",
        user=user,
    )


def with_activations_in_force(
    queryset: QuerySet[RiskModelVersion] | None = None,
) -> QuerySet[RiskModelVersion]:
    """Versions without their file, each with ``in_force``: its activations in force (one
    query for all of them, not one per version)."""
    active = ModelActivation.objects.filter(active=True).select_related("port", "version")
    versions = RiskModelVersion.objects.all() if queryset is None else queryset
    return versions.defer("content").prefetch_related(
        Prefetch("activations", queryset=active, to_attr="in_force")
    )
