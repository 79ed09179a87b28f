"""API: score one entry or a batch with the rule set in force, read rule sets and a port's
worklist, and record examination results."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from borderops.accounts.permissions import Action, Resource, require, scoped
from borderops.core.targeting.types import RuleSetError
from borderops.crossings.models import Shipment
from borderops.reference.models import PortOfEntry
from borderops.targeting import services
from borderops.targeting.models import RuleSet, RuleSetVersion

router = Router(tags=["targeting"])


class EntryIn(Schema):
    id: str = Field("entry", min_length=1, max_length=60, description="Entry number.")
    mode: str | None = Field(None, max_length=10, description="sea, air, land, rail, post.")
    port: str | None = Field(None, max_length=10, description="Port of entry code.")
    arrival_date: date | None = None
    hs_code: str | None = Field(None, max_length=12)
    description: str | None = Field(None, max_length=500)
    value: float | None = Field(None, ge=0, description="Declared value.")
    currency: str | None = Field(None, max_length=3)
    gross_kg: float | None = Field(None, ge=0)
    net_kg: float | None = Field(None, ge=0)
    quantity: int | None = Field(None, ge=0)
    origin: str | None = Field(None, max_length=2, description="ISO 3166 alpha-2.")
    export_country: str | None = Field(None, max_length=2)
    route: str | None = Field(None, max_length=500, description="Places joined by ';'.")
    shipper: str | None = Field(None, max_length=300)
    consignee: str | None = Field(None, max_length=300)
    declarant: str | None = Field(None, max_length=300)
    conveyance: str | None = Field(None, max_length=60)
    containers: str | None = Field(None, max_length=500, description="Joined by ';'.")


class ScoreIn(EntryIn):
    rule_set: str | None = Field(
        None, description="Name of the rule set; the one activated last when left out."
    )


class BatchIn(Schema):
    entries: list[EntryIn] = Field(..., description="Up to 10,000 entries.")
    rule_set: str | None = None


class FiredOut(Schema):
    id: str
    title: str
    category: str
    weight: int


class ScoreOut(Schema):
    id: str
    score: int
    channel: str
    random: bool
    over_capacity: bool
    fired: list[FiredOut]
    rule_set_version: str


class BatchOut(Schema):
    rule_set_version: str
    results: list[ScoreOut]


def _version(name: str | None) -> RuleSetVersion:
    try:
        return services.active_version(name)
    except services.TargetingError as error:
        status = 404 if name and not RuleSet.objects.filter(name=name).exists() else 409
        raise HttpError(status, str(error)) from error


def _score(entries: list[EntryIn], name: str | None) -> tuple[str, list[dict[str, Any]]]:
    version = _version(name)
    try:
        scored = services.score_entries(
            entries=[entry.dict() for entry in entries], version=version
        )
    except RuleSetError as error:
        raise HttpError(409, f"The rule set {version.label} cannot run: {error}") from error
    except services.TargetingError as error:
        raise HttpError(413, str(error)) from error
    label = version.label
    return label, [
        {
            "id": entry.id,
            "score": entry.score,
            "channel": entry.channel,
            "random": entry.random,
            "over_capacity": entry.over_capacity,
            "fired": [
                {"id": r.id, "title": r.title, "category": r.category, "weight": r.weight}
                for r in entry.fired
            ],
            "rule_set_version": label,
        }
        for entry in scored
    ]


@router.post(
    "/score",
    response=ScoreOut,
    summary="Score one entry",
    description=(
        "The canonical entry fields as JSON (missing ones are empty); `rule_set` names the "
        "rule set, by default the one activated last. Nothing is stored. 404 for an unknown "
        "rule set, 409 when it has no active version, 422 naming a malformed field."
    ),
)
def score_one(request: HttpRequest, payload: ScoreIn) -> dict[str, Any]:
    require(request.user, Action.ADD, Resource.TARGETING_SCORE)
    entry = EntryIn(**payload.dict(exclude={"rule_set"}))
    return _score([entry], payload.rule_set)[1][0]


@router.post(
    "/score/batch",
    response=BatchOut,
    summary="Score a batch of up to 10,000 entries",
    description=(
        "`entries` in one JSON list, each with a unique `id`; results come in the same order. "
        "413 beyond 10,000 entries, 400 when an id repeats."
    ),
)
def score_batch(request: HttpRequest, payload: BatchIn) -> dict[str, Any]:
    require(request.user, Action.ADD, Resource.TARGETING_SCORE)
    if len(payload.entries) > services.MAX_BATCH_ENTRIES:
        raise HttpError(
            413, f"entries: send at most {services.MAX_BATCH_ENTRIES:,} entries at a time."
        )
    if not payload.entries:
        raise HttpError(400, "entries: send at least one entry.")
    seen: dict[str, int] = {}
    for position, entry in enumerate(payload.entries):
        if entry.id in seen:
            raise HttpError(
                400,
                f"entries[{position}].id: {entry.id!r} is also entry {seen[entry.id]}; "
                "ids are unique in a batch.",
            )
        seen[entry.id] = position
    label, results = _score(payload.entries, payload.rule_set)
    return {"rule_set_version": label, "results": results}


class VersionOut(Schema):
    number: int
    status: str
    rule_count: int
    note: str
    created_at: datetime
    activated_at: datetime | None


class RuleSetOut(Schema):
    name: str
    active_version: int | None
    versions: list[VersionOut]


@router.get("/rule-sets", response=list[RuleSetOut], summary="Rule sets and their versions")
def list_rule_sets(request: HttpRequest) -> list[dict[str, Any]]:
    require(request.user, Action.VIEW, Resource.RULE_SET)
    listed = []
    for rule_set in RuleSet.objects.prefetch_related("versions"):
        versions = sorted(rule_set.versions.all(), key=lambda v: -v.number)
        active = next((v.number for v in versions if v.status == "active"), None)
        listed.append({"name": rule_set.name, "active_version": active, "versions": versions})
    return listed


class WorklistEntryOut(Schema):
    entry: str
    shipment_id: int
    hs_code: str
    origin: str
    score: int
    channel: str
    random: bool
    over_capacity: bool
    fired: list[FiredOut]
    model_score: float | None = Field(
        None, description="Probability of a violation from the risk model in force, if any."
    )
    model_reasons: list[str] = Field(default_factory=list, description="Strongest first.")


class WorklistOut(Schema):
    port: str
    day: date
    run_id: int | None
    rule_set_version: str | None
    entries: list[WorklistEntryOut]


@router.get(
    "/worklist",
    response=WorklistOut,
    summary="The scored entries of a port and day, red first, then yellow",
    description="Green entries too with `green=true`. Only entries of ports you may see.",
)
def get_worklist(request: HttpRequest, port: str, day: date, green: bool = False) -> Any:
    require(request.user, Action.VIEW, Resource.TARGETING_SCORE)
    found_port = PortOfEntry.objects.filter(code=port).first()
    if found_port is None:
        raise HttpError(404, f"port: there is no port of entry {port!r}.")
    found = services.worklist(user=request.user, port=found_port, day=day, include_green=green)
    entries = []
    for entry in found.scores:
        fired = services.explain_fired(found.ruleset, entry.fired) if found.ruleset else []
        entries.append(
            {
                "entry": entry.shipment.reference,
                "shipment_id": entry.shipment_id,
                "hs_code": entry.shipment.hs_code,
                "origin": entry.shipment.origin,
                "score": entry.score,
                "channel": entry.channel,
                "random": entry.random,
                "over_capacity": entry.over_capacity,
                "fired": [
                    {"id": r.id, "title": r.title, "category": r.category, "weight": r.weight}
                    for r in fired
                ],
                **_model_part(entry),
            }
        )
    return {
        "port": found_port.code,
        "day": day,
        "run_id": found.run.pk if found.run else None,
        "rule_set_version": found.run.version.label if found.run else None,
        "entries": entries,
    }


def _model_part(entry: Any) -> dict[str, Any]:
    risk = getattr(entry, "risk", None)
    if risk is None:
        return {"model_score": None, "model_reasons": []}
    return {
        "model_score": round(risk.probability, 6),
        "model_reasons": [reason["text"] for reason in risk.reasons],
    }


class ExaminationIn(Schema):
    entry: str = Field(..., max_length=20, description="The entry number of the shipment.")
    finding: bool
    category: str = Field("", max_length=30, description="Required with a finding.")
    quantity: float | None = Field(None, ge=0)
    note: str = Field("", max_length=4000)
    examined_at: datetime | None = Field(None, description="Now when left out.")


class ExaminationOut(Schema):
    id: int
    entry: str
    finding: bool
    category: str
    quantity: float | None
    examined_at: datetime


@router.post(
    "/examinations",
    response={201: ExaminationOut},
    summary="Record what the examination of an entry found",
    description=(
        "Recording again corrects the earlier result. 404 for an entry you may not see, 400 "
        "naming the field when a finding has no category or no finding has one."
    ),
)
def record_examination(request: HttpRequest, payload: ExaminationIn) -> Status[dict[str, Any]]:
    require(request.user, Action.ADD, Resource.EXAMINATION)
    shipment = (
        scoped(request.user, Resource.EXAMINATION, Shipment.objects.all())
        .filter(reference=payload.entry)
        .first()
    )
    if shipment is None:
        raise HttpError(404, f"entry: no entry {payload.entry!r} among those you may see.")
    try:
        result = services.record_examination(
            shipment=shipment,
            user=request.user,
            finding=payload.finding,
            category=payload.category,
            quantity=payload.quantity,
            note=payload.note,
            examined_at=payload.examined_at,
        )
    except services.TargetingError as error:
        raise HttpError(400, str(error)) from error
    return Status(
        201,
        {
            "id": result.pk,
            "entry": shipment.reference,
            "finding": result.finding,
            "category": result.category,
            "quantity": result.quantity,
            "examined_at": result.examined_at,
        },
    )
