"""The features name-v1 weighs after comparing names.

Each feature is a short pure function of the screened subject and the listed entry that
returns how strongly it applies (0 when it does not); its docstring is the explanation an
officer sees. A positive weight closes that share of the gap between the score and 1; a
negative weight is taken off the score. A matching document number is near-decisive.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from borderops.core.lists.types import EntityType
from borderops.core.screening.index import ListedFacts
from borderops.core.screening.normalise import normalise_identifier
from borderops.core.screening.types import Subject

# A listed entry with a subject's document number scores at least this.
DOCUMENT_FLOOR = 0.95


class DateAgreement(Enum):
    """How a subject's birth date agrees with the best of an entry's birth dates."""

    EXACT = 5
    SWAPPED = 4
    SAME_YEAR = 3
    DIFFERENT_DAY = 2
    DISJOINT = 1
    UNKNOWN = 0


def _parts(text: str) -> tuple[int, ...]:
    pieces = text.strip()[:10].split("-")
    # Decimal digits of any script ("١٩٥٢"), which ``int`` reads; not every ``isdigit``
    # character is one ("²" is not).
    if not all(piece.isdecimal() for piece in pieces) or len(pieces[0]) != 4:
        return ()
    return tuple(int(piece) for piece in pieces[:3])


def _agreement(query: tuple[int, ...], listed: tuple[int, ...]) -> DateAgreement:
    if not query or not listed:
        return DateAgreement.UNKNOWN
    if query[0] != listed[0]:
        return DateAgreement.DISJOINT
    if len(query) == 3 and len(listed) == 3:
        if query == listed:
            return DateAgreement.EXACT
        if (query[1], query[2]) == (listed[2], listed[1]):
            return DateAgreement.SWAPPED
        return DateAgreement.DIFFERENT_DAY
    if len(query) >= 2 and len(listed) >= 2 and query[1] != listed[1]:
        return DateAgreement.DIFFERENT_DAY
    return DateAgreement.SAME_YEAR


def birth_date_agreement(subject: Subject, listed: ListedFacts) -> DateAgreement:
    """The best agreement between the subject's birth date and any of the entry's."""
    if not subject.birth_date or not listed.birth_dates:
        return DateAgreement.UNKNOWN
    query = _parts(subject.birth_date)
    return max(
        (_agreement(query, _parts(date)) for date in listed.birth_dates),
        key=lambda agreement: agreement.value,
    )


def birth_date_exact(subject: Subject, listed: ListedFacts) -> float:
    """The birth dates are the same."""
    return float(birth_date_agreement(subject, listed) is DateAgreement.EXACT)


def birth_date_swapped(subject: Subject, listed: ListedFacts) -> float:
    """The birth dates are the same with day and month swapped."""
    return float(birth_date_agreement(subject, listed) is DateAgreement.SWAPPED)


def birth_year_same(subject: Subject, listed: ListedFacts) -> float:
    """The birth years are the same (one side knows only the year or the month)."""
    return float(birth_date_agreement(subject, listed) is DateAgreement.SAME_YEAR)


def birth_date_differs(subject: Subject, listed: ListedFacts) -> float:
    """The birth dates fall in the same year but on different days."""
    return float(birth_date_agreement(subject, listed) is DateAgreement.DIFFERENT_DAY)


def birth_year_disjoint(subject: Subject, listed: ListedFacts) -> float:
    """The birth dates are in different years."""
    return float(birth_date_agreement(subject, listed) is DateAgreement.DISJOINT)


def nationality_same(subject: Subject, listed: ListedFacts) -> float:
    """The subject's nationality is one of the entry's."""
    return float(bool(subject.nationality) and subject.nationality in listed.nationalities)


def nationality_different(subject: Subject, listed: ListedFacts) -> float:
    """The subject's nationality is none of the entry's."""
    known = bool(subject.nationality) and bool(listed.nationalities)
    return float(known and subject.nationality not in listed.nationalities)


def gender_different(subject: Subject, listed: ListedFacts) -> float:
    """The subject and the entry are of different genders."""
    return float(bool(subject.gender and listed.gender) and subject.gender != listed.gender)


def entity_type_mismatch(subject: Subject, listed: ListedFacts) -> float:
    """The subject and the entry are different kinds of thing (a person and a company)."""
    unknown = EntityType.UNKNOWN
    if unknown in (subject.entity_type, listed.entity_type):
        return 0.0
    return float(subject.entity_type != listed.entity_type)


def subject_identifiers(subject: Subject) -> list[str]:
    """The exact-match keys of the subject's document, IMO, plate and VIN numbers."""
    keys = []
    for kind, number in (
        ("doc", subject.document_number),
        ("imo", subject.imo_number),
        ("plate", subject.plate),
        ("vin", subject.vin),
    ):
        normalised = normalise_identifier(number) if number else ""
        if normalised:
            keys.append(f"{kind}:{normalised}")
    return keys


def document_exact(subject: Subject, listed: ListedFacts) -> float:
    """A document, IMO, plate or VIN number of the subject is on the entry."""
    return float(any(key in listed.identifiers for key in subject_identifiers(subject)))


FeatureFunction = Callable[[Subject, ListedFacts], float]


@dataclass(frozen=True, slots=True)
class Feature:
    """A feature of name-v1: its function, weight and the short text shown on a hit."""

    function: FeatureFunction
    weight: float
    label: str  # formatted with the subject as ``s``

    @property
    def name(self) -> str:
        """The feature's name, as stored on a hit."""
        return self.function.__name__

    @property
    def explanation(self) -> str:
        """The feature's one-sentence explanation: its docstring."""
        return inspect.getdoc(self.function) or self.name


FEATURES: tuple[Feature, ...] = (
    Feature(birth_date_exact, 0.6, "birth date {s.birth_date} exact"),
    Feature(birth_date_swapped, 0.4, "birth date {s.birth_date} day/month swapped"),
    Feature(birth_year_same, 0.25, "birth year same"),
    Feature(birth_date_differs, -0.08, "birth date {s.birth_date} differs"),
    Feature(birth_year_disjoint, -0.2, "birth year disjoint"),
    Feature(nationality_same, 0.25, "nationality {s.nationality} same"),
    Feature(nationality_different, -0.08, "nationality {s.nationality} different"),
    Feature(gender_different, -0.1, "gender different"),
    Feature(entity_type_mismatch, -0.25, "entity type mismatch ({s.entity_type})"),
)
DOCUMENT = Feature(document_exact, DOCUMENT_FLOOR, "document exact")
