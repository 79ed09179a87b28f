"""The rules about the document itself: validity, issuer, MRZ integrity, lost or stolen.

Each rule is a generator over one document and its context that yields an ``Outcome`` per
finding (usually none or one). Its docstring is the explanation shown beside the finding.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from borderops.core.documents.checks.codes import (
    KIND_WORDS,
    NATIONAL_PASSPORT_CODES,
    VALIDITY_GRACE_MONTHS,
    VALIDITY_YEARS,
    canonical_state,
    is_known_state,
    passport_may_name_other_nationality,
)
from borderops.core.documents.checks.types import (
    NUMBER_CORRECTION,
    CheckContext,
    Outcome,
    PresentedDocument,
)

MRZ_FIELDS = {
    "document_number": "document number",
    "birth_date": "birth date",
    "expiry_date": "expiry date",
    "optional_data": "personal number",
    "composite": "whole zone (composite)",
}
MRZ_ERRORS = {
    "length": "its line lengths match no ICAO 9303 format",
    "charset": "it holds characters other than A–Z, 0–9 and <",
    "format": "its document code does not start with a letter",
    "date:birth_date": "its birth date is not a calendar date",
    "date:expiry_date": "its expiry date is not a calendar date",
    "sex": "its sex is not M, F or <",
}


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, kept within the month (31 January + 1 → 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def days(count: int) -> str:
    """``1 day``, ``88 days``."""
    return f"{count} day" if count == 1 else f"{count} days"


def period(start: date, end: date) -> str:
    """The whole years and months from ``start`` to ``end``: ``12 years 3 months``."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    years, rest = divmod(max(months, 0), 12)
    parts = [f"{years} year{'s' * (years != 1)}"] if years else []
    parts += [f"{rest} month{'s' * (rest != 1)}"] if rest or not years else []
    return " ".join(parts)


def _noun(document: PresentedDocument) -> str:
    return KIND_WORDS[document.kind]


def expired(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """The document's expiry date is before the arrival date."""
    expiry = document.expiry_date
    if expiry is not None and expiry < context.on:
        late = (context.on - expiry).days
        yield Outcome(
            f"The {_noun(document)} expired on {expiry}, {days(late)} before arrival on "
            f"{context.on}.",
            {"expiry_date": expiry.isoformat(), "on": context.on.isoformat(), "days": str(late)},
        )


def expires_during_stay(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """The document expires before the end of the stay (plus any months it must remain valid)."""
    expiry = document.expiry_date
    end = context.stay_until or context.on
    required = add_months(end, context.validity_beyond_stay_months)
    if expiry is None or expiry < context.on or expiry >= required:
        return
    evidence = {"expiry_date": expiry.isoformat(), "required_until": required.isoformat()}
    noun = _noun(document)
    if context.stay_until is not None:
        evidence["stay_until"] = context.stay_until.isoformat()
    if context.validity_beyond_stay_months == 0:
        short = (end - expiry).days
        yield Outcome(
            f"The {noun} expires on {expiry}, {days(short)} before the end of the stay on {end}.",
            evidence,
        )
        return
    months = context.validity_beyond_stay_months
    after = "the end of the stay" if context.stay_until is not None else "arrival"
    evidence["months_beyond_stay"] = str(months)
    yield Outcome(
        f"The {noun} expires on {expiry}, but must be valid until {required}, "
        f"{months} month{'s' * (months != 1)} after {after} on {end}.",
        evidence,
    )


def validity_implausible(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """The document's period of validity is longer than its kind is issued for, or inverted."""
    expiry, issued, noun = document.expiry_date, document.issue_date, _noun(document)
    if expiry is None:
        return
    evidence = {"expiry_date": expiry.isoformat(), "kind": document.kind.value}
    if issued is not None:
        evidence["issue_date"] = issued.isoformat()
        if expiry < issued:
            yield Outcome(
                f"The {noun}'s expiry date {expiry} is before its issue date {issued}.", evidence
            )
            return
        if issued > context.on:
            evidence["on"] = context.on.isoformat()
            yield Outcome(
                f"The {noun}'s issue date {issued} is after arrival on {context.on}.", evidence
            )
            return
    years = VALIDITY_YEARS.get(document.kind)
    if years is None:
        return
    start = issued or context.on
    if expiry <= add_months(start, 12 * years + VALIDITY_GRACE_MONTHS):
        return
    evidence["limit_years"] = str(years)
    if issued is not None:
        reason = f"The {noun} is valid for {period(issued, expiry)} ({issued} to {expiry})"
    else:
        evidence["on"] = context.on.isoformat()
        reason = f"The {noun} expires on {expiry}, {period(context.on, expiry)} after arrival"
    article = "an" if noun[0] in "aeiou" else "a"
    yield Outcome(
        f"{reason}, longer than the {years} years {article} {noun} is issued for.", evidence
    )


def issuer_nationality_mismatch(
    document: PresentedDocument, context: CheckContext
) -> Iterator[Outcome]:
    """A national passport names a nationality other than that of the state that issued it."""
    code = document.document_code.strip().upper().rstrip("<")
    issuer, nationality = document.issuing_state, document.nationality
    if code not in NATIONAL_PASSPORT_CODES or not issuer or not nationality:
        return
    # A code that names no state (a typo, "0" in a carrier's feed) says nothing about the
    # holder; only two real states that differ are a finding.
    if not (is_known_state(issuer) and is_known_state(nationality)):
        return
    if passport_may_name_other_nationality(issuer.upper(), nationality.upper()):
        return
    yield Outcome(
        f"The national passport (code {code}) was issued by {issuer} to a holder of "
        f"nationality {nationality}; states issue national passports to their own nationals.",
        {"document_code": code, "issuing_state": issuer, "nationality": nationality},
    )


def check_digit(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """A check digit of the MRZ does not verify, so a field was misread or altered."""
    if document.mrz is None:
        return
    failed = [e.partition(":")[2] for e in document.mrz.errors if e.startswith("check_digit:")]
    if failed:
        names = [f"the {MRZ_FIELDS.get(name, name)}" for name in failed]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        yield Outcome(
            f"The MRZ check digit{'s' * (len(names) > 1)} of {listed} "
            f"{'do' if len(names) > 1 else 'does'} not verify.",
            {"fields": " ".join(failed)},
        )


def mrz_malformed(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """The MRZ does not follow ICAO Doc 9303 (length, characters, dates or sex)."""
    if document.mrz is None:
        return
    errors = [e for e in document.mrz.errors if not e.startswith("check_digit:")]
    if errors:
        problems = "; ".join(MRZ_ERRORS.get(error, error) for error in errors)
        yield Outcome(f"The MRZ is malformed: {problems}.", {"errors": " ".join(errors)})


def number_corrected(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """The document number's check digit verifies only after a character was swapped."""
    if document.mrz is None or document.document_number is None:
        return
    for correction in document.mrz.corrections:
        if correction.startswith(NUMBER_CORRECTION):
            swap, _, position = correction[len(NUMBER_CORRECTION) :].partition("@")
            old, _, new = swap.partition("->")
            place = int(position) + 1 if position.isdigit() else "?"
            printed = document.number_as_printed
            yield Outcome(
                f"The document number's check digit verifies only when {old} at position "
                f"{place} is read as {new}: printed {printed}, read {document.document_number}.",
                {
                    "correction": correction,
                    "number_as_printed": printed or "",
                    "number_as_read": document.document_number,
                },
            )


def mrz_corrected(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """The reader corrected characters that OCR confuses in fields of a known type."""
    if document.mrz is None:
        return
    corrections = [c for c in document.mrz.corrections if not c.startswith(NUMBER_CORRECTION)]
    if corrections:
        yield Outcome(
            f"The reader corrected {len(corrections)} character{'s' * (len(corrections) != 1)} "
            f"of the MRZ that OCR often confuses ({', '.join(corrections)}).",
            {"corrections": " ".join(corrections)},
        )


def _same_issuer(listed: str | None, issuer: str | None) -> bool:
    return listed is None or issuer is None or canonical_state(listed) == canonical_state(issuer)


def _lost_stolen(
    document: PresentedDocument, context: CheckContext, *, same: bool
) -> Iterator[Outcome]:
    for match in context.lost_stolen:
        if _same_issuer(match.issuing_country, document.issuing_state) != same:
            continue
        evidence = {
            "list": match.list_name,
            "entry_id": match.entry_id,
            "listed_number": match.document_number,
            "listed_country": match.issuing_country or "",
            "list_version": match.list_version,
        }
        version = f", version {match.list_version}" if match.list_version else ""
        where = f"the lost/stolen list {match.list_name} (entry {match.entry_id}{version})"
        if same:
            why = f": {match.reason.rstrip('.')}." if match.reason else "."
            then = f" Handling: {match.handling.rstrip('.')}." if match.handling else ""
            yield Outcome(
                f"Document number {match.document_number} is on {where}{why}{then}",
                evidence | {"reason": match.reason, "handling": match.handling},
            )
        else:
            yield Outcome(
                f"Document number {match.document_number} is on {where} for a document "
                f"issued by {match.issuing_country}; this one was issued by "
                f"{document.issuing_state}.",
                evidence,
            )


def lost_stolen(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """The document number is on the lost/stolen list for this issuer (or an unknown one)."""
    yield from _lost_stolen(document, context, same=True)


def lost_stolen_other_issuer(
    document: PresentedDocument, context: CheckContext
) -> Iterator[Outcome]:
    """The document number is on the lost/stolen list, but for a document of another issuer."""
    yield from _lost_stolen(document, context, same=False)
