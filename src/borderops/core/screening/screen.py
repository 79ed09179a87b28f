"""Screening a batch of subjects against an index: the one door every caller uses.

``screen`` is a pure function of the index and the subjects: no global state, the same
input gives the same hits. Subjects that cannot be screened (no usable name and no
identifier) are returned in ``ScreeningResult.unusable`` with a reason to show. Each
algorithm normalises the names it screens: whether a name has anything to compare depends
on the scripts the algorithm reads.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence

from borderops.core.screening.algorithms import get_algorithm
from borderops.core.screening.algorithms.name_v1.features import subject_identifiers
from borderops.core.screening.index import ScreeningIndex
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
# name-v2 (ADR 0009): as good on the SDN variant set, more of the real spellings found, two
# to three times faster against a million entries. name-v1 stays registered, so its hits
# stay explainable, and can still be asked for by name.
DEFAULT_ALGORITHM = "name-v2"


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
    workers: int = 1,
) -> ScreeningResult:
    """Screen ``subjects`` against ``index``: hits grouped by subject, best first.

    ``workers`` above 1 splits a large batch over that many processes (forked, so they share
    the index); the result is the same as with one, in the same order.
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    get_algorithm(algorithm)
    if workers == 1 or len(subjects) < 2 * _SMALLEST_SHARE or not _can_fork():
        return _screen_serial(index, subjects, threshold, algorithm, limit)
    return _screen_parallel(index, subjects, threshold, algorithm, limit, workers)


def _screen_serial(
    index: ScreeningIndex,
    subjects: Sequence[Subject],
    threshold: float,
    algorithm: str,
    limit: int,
) -> ScreeningResult:
    scorer = get_algorithm(algorithm)
    hits: list[Hit] = []
    unusable: list[UnusableSubject] = []
    for subject in subjects:
        query = scorer.normalise(subject.name, subject.entity_type)
        problem = _unusable(subject, query.usable)
        if problem is not None:
            unusable.append(problem)
            continue
        hits.extend(scorer.screen_subject(index, subject, query, threshold=threshold, limit=limit))
    return ScreeningResult(hits=hits, unusable=unusable)


# A worker gets at least this many subjects: below it, starting processes costs more.
_SMALLEST_SHARE = 200
# Each worker takes its share in this many pieces, so a slow piece does not hold up the rest.
_PIECES_PER_WORKER = 4
# The index a forked worker screens against: inherited from the parent, never pickled.
_FORKED_INDEX: ScreeningIndex | None = None


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _screen_piece(
    piece: tuple[Sequence[Subject], float, str, int],
) -> tuple[list[Hit], list[UnusableSubject]]:
    subjects, threshold, algorithm, limit = piece
    assert _FORKED_INDEX is not None, "screening workers are forked from screen()"
    result = _screen_serial(_FORKED_INDEX, subjects, threshold, algorithm, limit)
    return result.hits, result.unusable


def _screen_parallel(
    index: ScreeningIndex,
    subjects: Sequence[Subject],
    threshold: float,
    algorithm: str,
    limit: int,
    workers: int,
) -> ScreeningResult:
    global _FORKED_INDEX
    pieces = min(workers * _PIECES_PER_WORKER, max(1, len(subjects) // _SMALLEST_SHARE))
    size = -(-len(subjects) // pieces)
    work = [
        (subjects[start : start + size], threshold, algorithm, limit)
        for start in range(0, len(subjects), size)
    ]
    hits: list[Hit] = []
    unusable: list[UnusableSubject] = []
    _FORKED_INDEX = index
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, len(work))) as pool:
            for piece_hits, piece_unusable in pool.imap(_screen_piece, work):
                hits.extend(piece_hits)
                unusable.extend(piece_unusable)
    finally:
        _FORKED_INDEX = None
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
