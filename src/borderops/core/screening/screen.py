"""Screening a batch of subjects against an index: the one door every caller uses.

``screen`` is a pure function of the index and the subjects: no global state, the same
input gives the same hits. Subjects that cannot be screened (no usable name and no
identifier) are returned in ``ScreeningResult.unusable`` with a reason to show.
"""

from __future__ import annotations

from collections.abc import Sequence

from borderops.core.screening.algorithms import get_algorithm
from borderops.core.screening.algorithms.name_v1.features import subject_identifiers
from borderops.core.screening.index import ScreeningIndex
from borderops.core.screening.normalise import normalise_name
from borderops.core.screening.types import (
    Hit,
    ScreeningResult,
    Subject,
    UnusableReason,
    UnusableSubject,
)

# Chosen from bench/screening_bench.py: on the SDN variant set, recall and precision both
# stay above their targets over 0.70–0.80; 0.75 sits in the middle of that plateau.
DEFAULT_THRESHOLD = 0.75
DEFAULT_ALGORITHM = "name-v1"


def _unusable(subject: Subject, has_tokens: bool) -> UnusableSubject | None:
    if has_tokens or subject_identifiers(subject):
        return None
    if subject.name.strip():
        return UnusableSubject(
            subject.id,
            UnusableReason.NAME_WITHOUT_TOKENS,
            f"the name {subject.name[:80]!r} has nothing to compare once honorifics, legal "
            "forms and symbols are removed; give the full name or a document number",
        )
    return UnusableSubject(
        subject.id, UnusableReason.NO_NAME, "no name and no document number; give either"
    )


def screen(
    index: ScreeningIndex,
    subjects: Sequence[Subject],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    algorithm: str = DEFAULT_ALGORITHM,
    limit: int = 10,
) -> ScreeningResult:
    """Screen ``subjects`` against ``index``: hits grouped by subject, best first."""
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
    scorer = get_algorithm(algorithm)
    hits: list[Hit] = []
    unusable: list[UnusableSubject] = []
    for subject in subjects:
        query = normalise_name(subject.name, subject.entity_type)
        problem = _unusable(subject, query.usable)
        if problem is not None:
            unusable.append(problem)
            continue
        hits.extend(scorer.screen_subject(index, subject, query, threshold=threshold, limit=limit))
    return ScreeningResult(hits=hits, unusable=unusable)


def screen_one(
    index: ScreeningIndex,
    subject: Subject,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    algorithm: str = DEFAULT_ALGORITHM,
    limit: int = 10,
) -> ScreeningResult:
    """Screen one subject against ``index``."""
    return screen(index, [subject], threshold=threshold, algorithm=algorithm, limit=limit)
