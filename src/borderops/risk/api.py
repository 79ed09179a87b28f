"""API: list risk models with their metrics, read one with its drift, upload a model file,
and put a model in force for a port, a mode or every port (or take it out of force)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.http import HttpRequest
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from borderops.accounts.permissions import Action, Resource, require
from borderops.reference.models import PortOfEntry
from borderops.risk import services
from borderops.risk.choices import ModelSource
from borderops.risk.models import ModelActivation, RiskModelVersion

router = Router(tags=["risk models"])


class MetricOut(Schema):
    rate: float
    examined: int
    found: int
    violations: int
    precision: float | None
    recall: float | None


class ActivationOut(Schema):
    id: int
    model: str
    scope: str
    share: float
    active: bool
    activated_at: datetime
    ended_at: datetime | None


class ModelOut(Schema):
    id: int
    model: str = Field(..., description="name@version, the stamp every model score carries.")
    name: str
    version: int
    source: str
    label: str
    trained_from: date | None
    trained_to: date | None
    rule_set: str | None
    created_at: datetime
    metrics: list[MetricOut] = Field(..., description="On the calibration slice.")
    in_force: list[ActivationOut]


class DriftOut(Schema):
    since: date | None
    until: date | None
    flagged: bool
    score_status: str
    score_index: float | None = Field(None, description="Population stability index.")
    scores: int
    precision_status: str
    precision_expected: float | None
    precision_recent: float | None
    examined: int
    found: int


class ModelDetailOut(ModelOut):
    features: list[str]
    seed: int
    iterations: int
    drift: DriftOut


def _activation(activation: ModelActivation) -> dict[str, Any]:
    return {
        "id": activation.pk,
        "model": activation.version.stamp,
        "scope": activation.scope,
        "share": activation.share,
        "active": activation.active,
        "activated_at": activation.activated_at,
        "ended_at": activation.ended_at,
    }


def _model(version: RiskModelVersion) -> dict[str, Any]:
    """A version from ``services.with_activations_in_force``, as the API gives it."""
    return {
        "id": version.pk,
        "model": version.stamp,
        "name": version.name,
        "version": version.number,
        "source": version.source,
        "label": version.label,
        "trained_from": version.trained_from,
        "trained_to": version.trained_to,
        "rule_set": version.ruleset or None,
        "created_at": version.created_at,
        "metrics": version.card.get("metrics", []),
        # Set by the prefetch of services.with_activations_in_force.
        "in_force": [_activation(a) for a in version.in_force],  # type: ignore[attr-defined]
    }


def _version(model_id: int) -> RiskModelVersion:
    found = services.with_activations_in_force().filter(pk=model_id).first()
    if found is None:
        raise HttpError(404, f"model: there is no risk model {model_id}.")
    return found


@router.get("/models", response=list[ModelOut], summary="Risk model versions with metrics")
def list_models(request: HttpRequest) -> list[dict[str, Any]]:
    require(request.user, Action.VIEW, Resource.RISK_MODEL)
    return [_model(v) for v in services.with_activations_in_force()]


@router.get("/models/{model_id}", response=ModelDetailOut, summary="One model, with drift")
def get_model(request: HttpRequest, model_id: int) -> dict[str, Any]:
    require(request.user, Action.VIEW, Resource.RISK_MODEL)
    version = _version(model_id)
    drift = services.drift_of(version)
    return {
        **_model(version),
        "features": version.card.get("features", []),
        "seed": version.card.get("seed", 0),
        "iterations": version.card.get("iterations", 0),
        "drift": {
            "since": drift.since,
            "until": drift.until,
            "flagged": drift.flagged,
            "score_status": drift.scores.status,
            "score_index": drift.scores.index,
            "scores": drift.scores.scores,
            "precision_status": drift.precision.status,
            "precision_expected": drift.precision.expected,
            "precision_recent": drift.precision.precision,
            "examined": drift.precision.examined,
            "found": drift.precision.found,
        },
    }


@router.post(
    "/models",
    response={201: ModelOut},
    summary="Store a model file written by `borderops risk train`",
    description="multipart/form-data with `name` and `file` (and `note`). 400 says why a "
    "file is refused: not a model, another format version, or already stored.",
)
def upload_model(
    request: HttpRequest,
    name: Form[str],
    file: File[UploadedFile],
    note: Form[str] = "",
) -> Status[dict[str, Any]]:
    require(request.user, Action.ADD, Resource.RISK_MODEL)
    try:
        validate_slug(name)
    except ValidationError:
        raise HttpError(400, "name: use letters, digits, '-' and '_' only.") from None
    if len(name) > 80 or len(note) > 300:
        raise HttpError(400, "name: at most 80 characters; note: at most 300.")
    if file.size is not None and file.size > services.MAX_MODEL_BYTES:
        raise HttpError(400, f"file: larger than {services.MAX_MODEL_BYTES:,} bytes.")
    try:
        version = services.store_model(
            content=file.read(),
            name=name,
            source=ModelSource.UPLOADED,
            note=note,
            user=request.user,
            filename=file.name,
        )
    except services.RiskServiceError as error:
        raise HttpError(400, f"file: {error}") from error
    return Status(201, _model(_version(version.pk)))


class ActivationIn(Schema):
    port: str | None = Field(None, max_length=10, description="A port of entry code.")
    mode: str | None = Field(None, max_length=4, description="land, sea, air or rail.")
    share: float = Field(
        services.DEFAULT_SHARE,
        gt=0,
        le=services.MAX_SHARE,
        description="Share of a scoring run's entries the model sends to red.",
    )


@router.post(
    "/models/{model_id}/activations",
    response={201: ActivationOut},
    summary="Put a model in force for a port, a mode, or every port (neither given)",
)
def activate_model(
    request: HttpRequest, model_id: int, payload: ActivationIn
) -> Status[dict[str, Any]]:
    require(request.user, Action.CHANGE, Resource.RISK_MODEL)
    version = _version(model_id)
    port = None
    if payload.port:
        port = PortOfEntry.objects.filter(code=payload.port).first()
        if port is None:
            raise HttpError(400, f"port: there is no port of entry {payload.port!r}.")
    try:
        activation = services.activate(
            version=version,
            port=port,
            mode=payload.mode or "",
            share=payload.share,
            user=request.user,
        )
    except services.RiskServiceError as error:
        raise HttpError(400, str(error)) from error
    return Status(201, _activation(activation))


@router.post(
    "/activations/{activation_id}/end",
    response=ActivationOut,
    summary="Take a model out of force for its scope",
)
def end_activation(request: HttpRequest, activation_id: int) -> dict[str, Any]:
    require(request.user, Action.CHANGE, Resource.RISK_MODEL)
    activation = ModelActivation.objects.select_related("version").filter(pk=activation_id).first()
    if activation is None:
        raise HttpError(404, f"activation: there is no activation {activation_id}.")
    try:
        services.end_activation(activation=activation, user=request.user)
    except services.RiskServiceError as error:
        raise HttpError(400, str(error)) from error
    return _activation(activation)
