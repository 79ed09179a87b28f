"""Screening expected travellers and checking their documents, in advance and at primary.

Results are set on the records given (the caller saves them); hits may be queued for review
through the lookouts app, and document checks at primary are audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from borderops.advance.models import ExpectedFlight, ExpectedTraveller
from borderops.audit.choices import AuditAction
from borderops.audit.services import record


def assess_travellers(travellers: Sequence[ExpectedTraveller], *, user: Any = None) -> int:
    """Screen travellers against every list in force and check their announced documents.

    Results are set on each traveller (the caller saves them) with the list versions used,
    so that a later look shows what was known at the time. Hits go to the review queue of
    the user's unit when the user belongs to one. Returns how many are advised for referral.
    """
    from borderops.core.subjects import SubjectRow, subject_from_row
    from borderops.lookouts import services as lookouts

    if not travellers:
        return 0
    subjects = [
        subject_from_row(
            SubjectRow(
                id=str(position),
                name=f"{traveller.given_names} {traveller.surname}".strip(),
                birth_date=traveller.birth_date.isoformat() if traveller.birth_date else None,
                nationality=traveller.nationality or None,
                gender=traveller.sex if traveller.sex in {"M", "F"} else None,
                document_number=traveller.document_number or None,
                entity_type="person",
            )
        )
        for position, traveller in enumerate(travellers)
    ]
    outcome = lookouts.screen_subjects(
        subjects=subjects,
        user=user,
        for_review=getattr(user, "organisation", None) is not None,
    )
    hits_of: dict[str, list[Any]] = {}
    for hit in outcome.hits:
        hits_of.setdefault(hit.query_id, []).append(hit)
    lost_stolen = _lost_stolen_matches(travellers, outcome.hits, outcome.list_versions)
    referrals = 0
    now = timezone.now()
    for position, traveller in enumerate(travellers):
        hits = hits_of.get(str(position), [])
        result = _document_findings(traveller, lost_stolen.get(str(position), ()))
        traveller.hits = [
            {
                "list": hit.list_name,
                "list_version": outcome.list_versions.get(hit.list_name),
                "entry_id": hit.entry_id,
                "score": round(hit.score, 4),
                "matched_name": hit.matched_name,
                "algorithm": hit.algorithm,
                "explanation": hit.explanation,
            }
            for hit in hits
        ]
        traveller.list_versions = outcome.list_versions
        traveller.findings = [
            {
                "rule": finding.rule,
                "severity": str(finding.severity),
                "reason": finding.reason,
                "ruleset": result.ruleset,
            }
            for finding in result.findings
        ]
        traveller.referral_advised = bool(hits) or result.referral_advised
        traveller.screened_at = now
        referrals += traveller.referral_advised
    return referrals


def _document_findings(traveller: ExpectedTraveller, lost_stolen: Sequence[Any]) -> Any:
    from borderops.core.documents.checks import AdvanceRecord, checks_for_advance

    record = AdvanceRecord(
        surname=traveller.surname,
        given_names=traveller.given_names,
        birth_date=traveller.birth_date,
        sex=traveller.sex or None,
        nationality=traveller.nationality or None,
        document_type=traveller.document_type or None,
        document_number=traveller.document_number or None,
        document_expiry=traveller.document_expiry,
        document_issuer=traveller.document_issuer or None,
    )
    return checks_for_advance(
        record,
        on=traveller.flight.service_date,
        lost_stolen=tuple(lost_stolen),
        validity_beyond_stay_months=settings.BORDEROPS_VALIDITY_BEYOND_STAY_MONTHS,
    )


LOST_STOLEN_LISTS = frozenset({"lost_stolen_documents"})


def _lost_stolen_matches(
    travellers: Sequence[ExpectedTraveller], hits: Sequence[Any], versions: dict[str, int]
) -> dict[str, list[Any]]:
    """Hits on lost or stolen document lookouts whose listed number is the traveller's."""
    from borderops.core.documents.checks import LostStolenMatch
    from borderops.core.screening.normalise import normalise_identifier
    from borderops.lookouts.models import ListedEntry
    from borderops.lookouts.serialisation import entry_from_json

    numbers = {
        str(position): normalise_identifier(traveller.document_number)
        for position, traveller in enumerate(travellers)
        if traveller.document_number
    }
    candidates = [hit for hit in hits if hit.query_id in numbers]
    if not candidates:
        return {}
    stored = ListedEntry.objects.filter(
        version__watchlist__name__in={hit.list_name for hit in candidates},
        version__number__in=set(versions.values()),
        entry_id__in={hit.entry_id for hit in candidates},
    ).values_list("version__watchlist__name", "version__number", "entry_id", "data")
    entries = {
        (name, entry_id): entry_from_json(data)
        for name, number, entry_id, data in stored
        if versions.get(name) == number
    }
    matches: dict[str, list[Any]] = {}
    for hit in candidates:
        entry = entries.get((hit.list_name, hit.entry_id))
        if entry is None or not _is_lost_stolen(entry):
            continue
        wanted = numbers[hit.query_id]
        if not any(normalise_identifier(doc.number) == wanted for doc in entry.documents):
            continue
        matches.setdefault(hit.query_id, []).append(
            LostStolenMatch.from_entry(
                entry,
                document_number=wanted,
                list_version=f"{hit.list_name} v{versions[hit.list_name]}",
            )
        )
    return matches


def _is_lost_stolen(entry: Any) -> bool:
    extra = entry.extra or {}
    return (
        extra.get("lookout_list") in LOST_STOLEN_LISTS
        or extra.get("lookout_entity_type") == "document"
    )


# A document presented at primary


@dataclass
class DocumentCheckOutcome:
    """What reading and checking a presented document found, and the advance record used."""

    reading: Any
    result: Any
    announced: ExpectedTraveller | None


def check_presented_document(
    *,
    mrz: str,
    on: date,
    stay_until: date | None = None,
    flight: ExpectedFlight | None = None,
    user: Any = None,
) -> DocumentCheckOutcome:
    """Read an MRZ and run every document check: validity, MRZ integrity, lost/stolen
    lookouts, and agreement with the advance data announced for the same document.

    With ``flight`` the traveller was due on that flight's manifest, so no record is a
    finding; without it, any traveller announced with the same document number for a flight
    on ``on`` (or the day before, for flights landing after midnight) is compared.
    """
    from borderops.core.documents.checks import (
        AdvanceRecord,
        CheckContext,
        PresentedDocument,
        check_document,
    )
    from borderops.core.documents.parse import parse_mrz, read_blocks

    blocks = read_blocks(mrz)
    if len(blocks) != 1:
        raise ValueError(
            "Give exactly one MRZ: its 2 or 3 lines, without blank lines between them."
        )
    reading = parse_mrz(blocks[0], today=on)
    document = PresentedDocument.from_mrz(reading)
    announced = _announced_traveller(document, on=on, flight=flight, user=user)
    lost_stolen = _screen_presented_document(document, reading, user=user)
    advance = (
        AdvanceRecord(
            surname=announced.surname,
            given_names=announced.given_names,
            birth_date=announced.birth_date,
            sex=announced.sex or None,
            nationality=announced.nationality or None,
            document_type=announced.document_type or None,
            document_number=announced.document_number or None,
            document_expiry=announced.document_expiry,
            document_issuer=announced.document_issuer or None,
        )
        if announced is not None
        else None
    )
    result = check_document(
        document,
        CheckContext(
            on=on,
            stay_until=stay_until,
            advance=advance,
            lost_stolen=tuple(lost_stolen),
            advance_expected=flight is not None,
            validity_beyond_stay_months=settings.BORDEROPS_VALIDITY_BEYOND_STAY_MONTHS,
        ),
    )
    record(
        action=AuditAction.VIEW,
        object_type="advance.documentcheck",
        object_repr=f"document check of {reading.document_number or 'an unreadable MRZ'}",
        details={
            "findings": [finding.rule for finding in result.findings],
            "announced": announced.pk if announced is not None else None,
        },
    )
    return DocumentCheckOutcome(reading=reading, result=result, announced=announced)


def _announced_traveller(
    document: Any, *, on: date, flight: ExpectedFlight | None, user: Any
) -> ExpectedTraveller | None:
    """The advance record of the document's holder, among those the user may see."""
    from borderops.accounts.permissions import Action, Resource, can, scoped
    from borderops.audit.services import record_read
    from borderops.core.screening.normalise import normalise_identifier

    if user is not None and not can(user, Action.VIEW, Resource.ADVANCE_DATA):
        return None
    candidates = ExpectedTraveller.objects.select_related("flight")
    if user is not None:
        candidates = scoped(user, Resource.ADVANCE_DATA, candidates)
    if flight is not None:
        candidates = candidates.filter(flight=flight)
    else:
        candidates = candidates.filter(flight__service_date__range=(on - timedelta(days=1), on))
    numbers = {
        normalise_identifier(number)
        for number in (document.document_number, document.number_as_printed)
        if number
    }
    if not numbers:
        return None
    same = [
        traveller
        for traveller in candidates.filter(document_number__in=numbers).order_by(
            "-flight__service_date", "pk"
        )
    ]
    if same or flight is None:
        if same:
            record_read(records=same[:1], model=ExpectedTraveller, purpose="document check")
        return same[0] if same else None
    # On a named flight the document may differ from the one announced: match by person.
    alike = [
        traveller
        for traveller in candidates
        if traveller.birth_date == document.birth_date
        and traveller.surname.casefold() == document.surname.casefold()
    ]
    if len(alike) != 1:
        return None
    record_read(records=alike, model=ExpectedTraveller, purpose="document check")
    return alike[0]


def _screen_presented_document(document: Any, reading: Any, *, user: Any) -> list[Any]:
    """Lost/stolen lookout matches for the number as read and as printed."""
    from borderops.core.subjects import SubjectRow, subject_from_row
    from borderops.lookouts import services as lookouts

    numbers = [
        n for n in dict.fromkeys((document.document_number, document.number_as_printed)) if n
    ]
    if not numbers:
        return []
    name = f"{document.given_names} {document.surname}".strip() or numbers[0]
    subjects = [
        subject_from_row(
            SubjectRow(
                id=str(position),
                name=name,
                birth_date=document.birth_date.isoformat() if document.birth_date else None,
                nationality=document.nationality,
                gender=document.sex if document.sex in {"M", "F"} else None,
                document_number=number,
                entity_type="person",
            )
        )
        for position, number in enumerate(numbers)
    ]
    outcome = lookouts.screen_subjects(subjects=subjects, user=user)
    holders = [
        ExpectedTraveller(surname=document.surname, document_number=number) for number in numbers
    ]
    found = _lost_stolen_matches(holders, outcome.hits, outcome.list_versions)
    matches: dict[tuple[str, str], Any] = {}
    for match in (m for group in found.values() for m in group):
        matches.setdefault((match.list_name, match.entry_id), match)
    return list(matches.values())
