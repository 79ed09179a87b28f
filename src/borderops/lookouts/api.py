"""API: screening subjects against every list in force, one or up to 10,000 at a time."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from pydantic import field_validator

from borderops.accounts.permissions import Action, Resource, require
from borderops.core.subjects import ENTITY_TYPES, country_alpha2
from borderops.lookouts import services

router = Router(tags=["screening"])
MAX_BATCH = 10_000


class SubjectIn(Schema):
    """A person, organisation, vessel or vehicle to screen."""

    id: str | None = Field(None, description="Your reference; echoed back in batch results.")
    name: str = Field(..., max_length=10_000, description="Full name in any script.")
    birth_date: str | None = Field(
        None, pattern=r"^\d{4}(-\d{2}-\d{2})?$", description="YYYY-MM-DD or YYYY."
    )
    nationality: str | None = Field(None, description="ISO 3166 alpha-2 or alpha-3.")
    gender: Literal["M", "F", "male", "female"] | None = None
    document_number: str | None = Field(None, max_length=40)
    entity_type: str | None = Field(None, description=", ".join(ENTITY_TYPES))

    @field_validator("nationality")
    @classmethod
    def _known_country(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        alpha2 = country_alpha2(value)
        if alpha2 is None:
            raise ValueError(f"{value!r} is not an ISO 3166 alpha-2 or alpha-3 country code")
        return alpha2

    @field_validator("entity_type")
    @classmethod
    def _known_type(cls, value: str | None) -> str | None:
        if value and value.lower() not in ENTITY_TYPES:
            raise ValueError(f"entity_type must be one of {', '.join(ENTITY_TYPES)}")
        return value.lower() if value else None


class HitOut(Schema):
    list: str
    entry_id: str
    score: float
    matched_name: str
    explanation: str


class ScreenOut(Schema):
    hits: list[HitOut]
    list_versions: dict[str, int]


class BatchIn(Schema):
    subjects: list[SubjectIn]


class BatchResult(Schema):
    id: str
    hits: list[HitOut]
    unusable: str | None = None


class BatchOut(Schema):
    results: list[BatchResult]
    list_versions: dict[str, int]


def _subject(payload: SubjectIn, fallback_id: str) -> Any:
    from borderops.core.subjects import SubjectRow, subject_from_row

    gender = (payload.gender or "")[:1].upper() or None
    return subject_from_row(
        SubjectRow(
            id=payload.id or fallback_id,
            name=payload.name,
            birth_date=payload.birth_date,
            nationality=payload.nationality,
            gender=gender,
            document_number=payload.document_number,
            entity_type=payload.entity_type,
        )
    )


def _hit_out(hit: Any) -> dict[str, Any]:
    return {
        "list": hit.list_name,
        "entry_id": hit.entry_id,
        "score": round(hit.score, 4),
        "matched_name": hit.matched_name,
        "explanation": hit.explanation,
    }


@router.post("", response=ScreenOut, summary="Screen one subject against every active list")
def screen_one(request: HttpRequest, payload: SubjectIn) -> dict[str, Any]:
    require(request.user, Action.ADD, Resource.SCREENING)
    outcome = services.screen_subjects(subjects=[_subject(payload, "1")], user=request.user)
    if outcome.unusable:
        raise HttpError(422, f"Cannot screen this subject: {outcome.unusable[0][1]}")
    return {"hits": [_hit_out(hit) for hit in outcome.hits], "list_versions": outcome.list_versions}


@router.post("/batch", response=BatchOut, summary="Screen up to 10,000 subjects at once")
def screen_batch(request: HttpRequest, payload: BatchIn) -> dict[str, Any]:
    require(request.user, Action.ADD, Resource.SCREENING)
    if not payload.subjects:
        raise HttpError(400, "The batch is empty; send at least one subject.")
    if len(payload.subjects) > MAX_BATCH:
        raise HttpError(
            413, f"The batch holds {len(payload.subjects):,} subjects; the limit is {MAX_BATCH:,}."
        )
    subjects = [_subject(item, str(n)) for n, item in enumerate(payload.subjects, start=1)]
    if len({subject.id for subject in subjects}) != len(subjects):
        raise HttpError(400, "Subject ids must be unique within a batch.")
    outcome = services.screen_subjects(subjects=subjects, user=request.user)
    by_query: dict[str, list[dict[str, Any]]] = {subject.id: [] for subject in subjects}
    for hit in outcome.hits:
        by_query[hit.query_id].append(_hit_out(hit))
    reasons = dict(outcome.unusable)
    return {
        "results": [
            {"id": subject.id, "hits": by_query[subject.id], "unusable": reasons.get(subject.id)}
            for subject in subjects
        ],
        "list_versions": outcome.list_versions,
    }
