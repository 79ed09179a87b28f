"""The contract of the document checks: what is checked, against what, and what comes back.

A ``PresentedDocument`` is what the officer holds (read from its MRZ, its chip or typed in);
a ``CheckContext`` is what the crossing knows (the date, the stay, the advance data, the
caller's lost/stolen matches). ``check_document`` returns ``DocumentFinding`` records whose
``reason`` is a plain sentence for the officer, kept with the rule-set version that made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from borderops.core.documents.checks.codes import DocumentKind, document_kind
from borderops.core.documents.parse import MrzReading
from borderops.core.lists.types import ListEntry
from borderops.core.screening.normalise import normalise_identifier

NUMBER_CORRECTION = "document_number:"


class Severity(StrEnum):
    """What a finding asks of the officer."""

    REFER = "refer"  # send the traveller to a secondary exam
    WARN = "warn"  # look closer before deciding
    INFO = "info"  # noted, needs nothing


@dataclass(frozen=True, slots=True)
class AdvanceRecord:
    """One traveller as advance data (PAXLST, PNR) announced them; any value may be missing.

    Countries are as the message wrote them (ISO 3166 alpha-3, or ICAO codes such as ``D``);
    ``document_type`` is the message's code (``P``, ``V``, ``I``…).
    """

    surname: str | None = None
    given_names: str | None = None
    birth_date: date | None = None
    sex: str | None = None
    nationality: str | None = None
    document_type: str | None = None
    document_number: str | None = None
    document_expiry: date | None = None
    document_issuer: str | None = None
    document_issue_date: date | None = None


@dataclass(frozen=True, slots=True)
class PresentedDocument:
    """A travel document as presented at the crossing.

    ``document_code`` is the Doc 9303 code (``P``, ``PD``, ``I``, ``ID``, ``V``…; PAXLST uses
    the same letters); ``kind`` reads it. ``issue_date`` is never in an MRZ but may come from
    the chip or the advance data. ``mrz`` is the reading the fields came from, if any: its
    errors and corrections feed the MRZ rules.
    """

    document_code: str = ""
    issuing_state: str | None = None
    document_number: str | None = None
    nationality: str | None = None
    surname: str = ""
    given_names: str = ""
    birth_date: date | None = None
    sex: str | None = None
    expiry_date: date | None = None
    issue_date: date | None = None
    mrz: MrzReading | None = None

    @property
    def kind(self) -> DocumentKind:
        """Passport, identity card, visa or other, from the code (or the MRZ's size)."""
        return document_kind(self.document_code, self.mrz.format if self.mrz else None)

    @property
    def number_as_printed(self) -> str | None:
        """The document number before the reader repaired it; the number itself if it did not.

        Screen both against the lost/stolen list: the list may hold either.
        """
        number = self.document_number
        if number is None or self.mrz is None:
            return number
        for correction in self.mrz.corrections:
            if correction.startswith(NUMBER_CORRECTION):
                swap, _, position = correction[len(NUMBER_CORRECTION) :].partition("@")
                old = swap.partition("->")[0]
                index = int(position) if position.isdigit() else len(number)
                if len(old) == 1 and index < len(number):
                    number = number[:index] + old + number[index + 1 :]
        return number

    @classmethod
    def from_mrz(cls, reading: MrzReading) -> PresentedDocument:
        """The document an MRZ reading describes, keeping the reading for the MRZ rules."""
        return cls(
            document_code=reading.document_code or "",
            issuing_state=reading.issuing_state or None,
            document_number=reading.document_number or None,
            nationality=reading.nationality or None,
            surname=reading.surname or "",
            given_names=reading.given_names or "",
            birth_date=reading.birth_date,
            sex=reading.sex,
            expiry_date=reading.expiry_date,
            mrz=reading,
        )

    @classmethod
    def from_advance(cls, record: AdvanceRecord) -> PresentedDocument:
        """The document an advance record announces (what the manifest says was presented)."""
        return cls(
            document_code=record.document_type or "",
            issuing_state=record.document_issuer or None,
            document_number=record.document_number or None,
            nationality=record.nationality or None,
            surname=record.surname or "",
            given_names=record.given_names or "",
            birth_date=record.birth_date,
            sex=record.sex,
            expiry_date=record.document_expiry,
            issue_date=record.document_issue_date,
        )


@dataclass(frozen=True, slots=True)
class LostStolenMatch:
    """A lost/stolen lookout entry the caller found when screening the document number."""

    list_name: str
    entry_id: str
    document_number: str  # as listed
    issuing_country: str | None = None  # as listed: alpha-2, alpha-3 or ICAO code
    reason: str = ""
    handling: str = ""
    list_version: str = ""

    @classmethod
    def from_entry(
        cls, entry: ListEntry, *, document_number: str, list_version: str = ""
    ) -> LostStolenMatch:
        """The match of a presented ``document_number`` with a lookout entry of the list."""
        wanted = normalise_identifier(document_number)
        listed = next(
            (doc for doc in entry.documents if normalise_identifier(doc.number) == wanted),
            entry.documents[0] if entry.documents else None,
        )
        return cls(
            list_name=entry.extra.get("lookout_list") or entry.list_name,
            entry_id=entry.entry_id,
            document_number=listed.number if listed else document_number,
            issuing_country=listed.country if listed else None,
            reason=entry.reason,
            handling=entry.handling,
            list_version=list_version,
        )


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What the crossing knows when the document is checked.

    ``on`` is the inspection (or scheduled arrival) date; ``stay_until`` the end of the
    intended stay or the return date. ``validity_beyond_stay_months`` is the destination's
    rule that a document stay valid some months past the stay (Schengen: 3, many states: 6);
    the service sets it from the installation's settings, and 0 asks only that it last the
    stay. Without ``stay_until`` it counts from ``on``, which is how "valid six months from
    arrival" rules are written. ``advance_expected`` says advance data was due for this
    crossing, so its absence is a finding.
    """

    on: date
    stay_until: date | None = None
    advance: AdvanceRecord | None = None
    lost_stolen: tuple[LostStolenMatch, ...] = ()
    advance_expected: bool = False
    validity_beyond_stay_months: int = 0


@dataclass(frozen=True, slots=True)
class DocumentFinding:
    """One rule's finding: its stable id, what it asks of the officer, and why."""

    rule: str
    severity: Severity
    reason: str
    evidence: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class DocumentCheckResult:
    """Every finding on one document, in rule-table order, and the rule set that made them."""

    ruleset: str
    findings: tuple[DocumentFinding, ...] = ()

    @property
    def referral_advised(self) -> bool:
        """True when any finding asks for a secondary exam."""
        return any(finding.severity is Severity.REFER for finding in self.findings)

    def rules(self) -> tuple[str, ...]:
        """The ids of the rules that found something, in order."""
        return tuple(finding.rule for finding in self.findings)


class Outcome(NamedTuple):
    """What a rule function yields: the officer's sentence and the values behind it."""

    reason: str
    evidence: dict[str, str]


class UnknownRulesetError(KeyError):
    """A rule-set name that is not registered; the message lists the known ones."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(name)

    def __str__(self) -> str:
        return f"unknown document rule set {self.name!r}; known: {', '.join(self.known)}"
