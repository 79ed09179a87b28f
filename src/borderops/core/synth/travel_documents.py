"""Travel documents for synthetic travellers: which kind, its number, validity and MRZ."""

from __future__ import annotations

import random
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from borderops.core.documents.icao9303 import LAYOUTS, MrzFormat
from borderops.core.documents.mrz import check_digit, icao_state_code, make_td1, make_td3
from borderops.core.synth.nationalities import Nationality
from borderops.core.synth.random_streams import fill_pattern


class DocumentKind(StrEnum):
    """The documents travellers present at a U.S. port of entry."""

    PASSPORT = "passport"
    # Synthetic conventions for the TD1 cards: Doc 9303 reserves the first letter (I, A or
    # C) and leaves the second to the issuer; these codes are plausible, not the real ones.
    US_PASSPORT_CARD = "us_passport_card"
    BORDER_CROSSING_CARD = "border_crossing_card"


DOCUMENT_CODES = {
    DocumentKind.PASSPORT: "P",
    DocumentKind.US_PASSPORT_CARD: "IC",
    DocumentKind.BORDER_CROSSING_CARD: "IV",
}
NUMBER_PATTERNS = {
    DocumentKind.US_PASSPORT_CARD: "C99999999",
    DocumentKind.BORDER_CROSSING_CARD: "AA9999999",
}


class IssuedDocument(NamedTuple):
    """A document as issued: what its face and its MRZ say."""

    document_code: str
    document_number: str
    issuing_state: str
    issue_date: date
    expiry_date: date
    mrz: tuple[str, ...]


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (or earlier), 29 February becoming the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def validity_years(kind: DocumentKind, issuing_state: str, age_at_issue: int) -> int:
    """How many years a document is valid, given the holder's age when it was issued."""
    if kind is DocumentKind.BORDER_CROSSING_CARD:
        return 10 if age_at_issue >= 15 else 5
    if issuing_state == "MEX":
        return 6 if age_at_issue >= 18 else 3
    return 10 if age_at_issue >= 16 else 5


def document_kind(rng: random.Random, nationality: str, port_kind: str) -> DocumentKind:
    """The document a traveller of this nationality shows at this kind of port."""
    if port_kind in ("land_south", "land_north"):
        if nationality == "USA" and rng.random() < 0.3:
            return DocumentKind.US_PASSPORT_CARD
        if nationality == "MEX" and port_kind == "land_south" and rng.random() < 0.6:
            return DocumentKind.BORDER_CROSSING_CARD
    return DocumentKind.PASSPORT


def compose_mrz(
    *,
    kind: DocumentKind,
    document_number: str,
    issuing_state: str,
    nationality: Nationality,
    surname: str,
    given_names: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
) -> tuple[str, ...]:
    """The MRZ lines of a document, as a genuine issuer would print them."""
    # Tables keep ISO alpha-3 codes; the zone itself uses ICAO's (Germany is D).
    state, nation = icao_state_code(issuing_state), icao_state_code(nationality.alpha3)
    if kind is DocumentKind.PASSPORT:
        return make_td3(
            document_code=DOCUMENT_CODES[kind],
            issuing_state=state,
            surname=surname,
            given_names=given_names,
            document_number=document_number,
            nationality=nation,
            birth_date=birth_date,
            sex=sex,
            expiry_date=expiry_date,
        )
    return make_td1(
        document_code=DOCUMENT_CODES[kind],
        issuing_state=state,
        surname=surname,
        given_names=given_names,
        document_number=document_number,
        nationality=nation,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
    )


def document_number(rng: random.Random, kind: DocumentKind, nationality: Nationality) -> str:
    """A number in the issuer's usual shape."""
    return fill_pattern(rng, NUMBER_PATTERNS.get(kind, nationality.passport_number))


def issue_document(
    rng: random.Random,
    *,
    kind: DocumentKind,
    nationality: Nationality,
    surname: str,
    given_names: str,
    birth_date: date,
    sex: str,
    issued_before: date,
    valid_until: date,
) -> IssuedDocument:
    """A document issued before ``issued_before`` that is still valid on ``valid_until``."""
    issuing_state = "USA" if kind is DocumentKind.BORDER_CROSSING_CARD else nationality.alpha3
    # Issued at least two weeks before it is needed, never before the holder was two weeks
    # old, and recently enough to outlast the window.
    earliest_issue = birth_date + timedelta(days=14)
    latest_issue = max(earliest_issue, issued_before - timedelta(days=14))
    needed = (valid_until - latest_issue).days + 30

    def _issued(years: int) -> date:
        back = rng.randrange(max(1, years * 365 - needed))
        return max(earliest_issue, latest_issue - timedelta(days=back))

    years = validity_years(kind, issuing_state, max(0, _age_on(birth_date, latest_issue)))
    issue = _issued(years)
    shorter = validity_years(kind, issuing_state, _age_on(birth_date, issue))
    if shorter < years:
        # Issued while a minor, so valid for less: it must then be a more recent issue.
        issue = _issued(shorter)
        years = validity_years(kind, issuing_state, _age_on(birth_date, issue))
    expiry = add_years(issue, years) - timedelta(days=1)
    number = document_number(rng, kind, nationality)
    mrz = compose_mrz(
        kind=kind,
        document_number=number,
        issuing_state=issuing_state,
        nationality=nationality,
        surname=surname,
        given_names=given_names,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry,
    )
    return IssuedDocument(DOCUMENT_CODES[kind], number, issuing_state, issue, expiry, mrz)


def corrupt_check_digit(rng: random.Random, mrz: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """The MRZ with one check digit altered, and the name of the check that now fails."""
    fmt = MrzFormat.TD1 if len(mrz) == 3 else MrzFormat.TD3
    checks = [c for c in LAYOUTS[fmt].checks if c.name != "optional_data"]
    check = rng.choice(checks)
    line = mrz[check.digit.line]
    old = line[check.digit.start]
    new = str((int(old) + rng.randint(1, 9)) % 10) if old.isdigit() else str(rng.randint(1, 9))
    lines = list(mrz)
    lines[check.digit.line] = line[: check.digit.start] + new + line[check.digit.stop :]
    return tuple(lines), check.name


def tamper_expiry(
    rng: random.Random, mrz: tuple[str, ...], true_expiry: date
) -> tuple[tuple[str, ...], date]:
    """The MRZ with its expiry date pushed later but its check digits left as issued."""
    fmt = MrzFormat.TD1 if len(mrz) == 3 else MrzFormat.TD3
    span = LAYOUTS[fmt].fields["expiry_date"]
    original = true_expiry.strftime("%y%m%d")
    for _ in range(50):
        forged = add_years(true_expiry, rng.randint(3, 10))
        text = forged.strftime("%y%m%d")
        # A forger who happened to keep the check digit valid would leave no trace here.
        if check_digit(text) != check_digit(original):
            break
    line = mrz[span.line]
    lines = list(mrz)
    lines[span.line] = line[: span.start] + text + line[span.stop :]
    return tuple(lines), forged
