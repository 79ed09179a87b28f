"""The contract of the screening engine: what is screened, what comes back, and why.

A ``Subject`` is one traveller, company, vessel or vehicle to check; a ``Hit`` is one listed
entry it resembles, with the score and the features that made the score. Hits are plain
frozen records so a service can store them and show their explanation long after the list
or the algorithm has changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from borderops.core.lists.types import EntityType

if TYPE_CHECKING:
    from borderops.core.screening.index import ScreeningIndex
    from borderops.core.screening.normalise import NormalisedName


@dataclass(frozen=True, slots=True)
class Subject:
    """One person, organisation, vessel or vehicle to screen.

    ``birth_date`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ``nationality`` is ISO 3166
    alpha-2. ``document_number`` is matched against the passports and identity cards on the
    list; ``imo_number``, ``plate`` and ``vin`` against vessels and vehicles.
    """

    id: str
    name: str
    birth_date: str | None = None
    nationality: str | None = None
    gender: str | None = None  # "M", "F" or None
    document_number: str | None = None
    entity_type: EntityType = EntityType.UNKNOWN
    imo_number: str | None = None
    plate: str | None = None
    vin: str | None = None


@dataclass(frozen=True, slots=True)
class FeatureScore:
    """How one feature moved a hit's score.

    ``value`` is what the feature measured (a similarity, or 1.0 when it applies);
    ``contribution`` is what it added to or took from the score. ``explanation`` is the
    feature's own one-sentence description; ``detail`` is the short form shown in a hit's
    one-line explanation, with the values compared (``nationality MX same``).
    """

    name: str
    value: float
    weight: float
    contribution: float
    explanation: str
    detail: str = ""

    def render(self) -> str:
        """The feature as a fragment of a hit's one-line explanation."""
        text = self.detail or self.name
        if self.contribution == 0.0:
            return text
        return f"{text} {self.contribution:+.2f}"


@dataclass(frozen=True, slots=True)
class Hit:
    """A listed entry that resembles a screened subject closely enough to report."""

    query_id: str
    list_name: str
    entry_id: str
    score: float
    matched_name: str
    query_name: str
    algorithm: str
    features: tuple[FeatureScore, ...] = ()

    @property
    def explanation(self) -> str:
        """One line saying why the entry was hit, feature by feature."""
        return render_explanation(self)


def render_explanation(hit: Hit) -> str:
    """Render a hit as ``name 0.93 ('GARCIA LOPEZ, Maria' ~ 'Maria Garzia Lopez'); ...``."""
    parts = []
    for feature in hit.features:
        if feature.name == "name":
            parts.append(f"name {feature.value:.2f} ({hit.matched_name!r} ~ {hit.query_name!r})")
        else:
            parts.append(feature.render())
    return "; ".join(parts)


class UnusableReason(StrEnum):
    """Why a subject could not be screened at all."""

    NO_NAME = "no_name"  # no name and no identifier
    NAME_WITHOUT_TOKENS = "name_without_tokens"  # only honorifics, legal forms or symbols


@dataclass(frozen=True, slots=True)
class UnusableSubject:
    """A subject that could not be screened, and what to do about it."""

    query_id: str
    reason: UnusableReason
    message: str


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """The hits of a batch, best first within each subject, and the subjects not screened."""

    hits: list[Hit] = field(default_factory=list)
    unusable: list[UnusableSubject] = field(default_factory=list)

    def for_subject(self, query_id: str) -> list[Hit]:
        """The hits of one subject, best first."""
        return [hit for hit in self.hits if hit.query_id == query_id]


class UnknownAlgorithmError(KeyError):
    """An algorithm name that is not registered; the message lists the known ones."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(name)

    def __str__(self) -> str:
        return f"unknown screening algorithm {self.name!r}; known: {', '.join(self.known)}"


class IndexFormatError(Exception):
    """A saved screening index that cannot be read: wrong file, damaged or another version."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"{path}: {reason}. Rebuild the index from the list files "
            "(borderops.core.screening.build_index, then save)."
        )


class Algorithm(Protocol):
    """A scoring algorithm, registered under a versioned name such as ``name-v1``."""

    @property
    def name(self) -> str:
        """The versioned name the algorithm is registered and recorded under."""
        ...

    def normalise(self, name: str, entity_type: EntityType) -> NormalisedName:
        """A subject's name as this algorithm compares it; without tokens, it is unusable.

        ``screen`` calls it for every subject, so an algorithm that reads more scripts than
        another gets to say so before a name is declared to have nothing to compare.
        """
        ...

    def screen_subject(
        self,
        index: ScreeningIndex,
        subject: Subject,
        query: NormalisedName,
        *,
        threshold: float,
        limit: int,
    ) -> list[Hit]:
        """The hits of one subject, best first; ``query`` is ``normalise(subject.name, …)``."""
        ...
