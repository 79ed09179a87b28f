"""Screening: matching people, organisations, vessels and vehicles against listed entries.

Build an index once from the loaded lists, then screen batches of subjects against it::

    index = build_index(entries)            # or ScreeningIndex.load(path)
    result = screen(index, subjects)        # hits best first per subject, and unusable ones
    for hit in result.hits:
        print(hit.score, hit.explanation)
"""

from borderops.core.screening.algorithms import algorithm_names, get_algorithm
from borderops.core.screening.index import ScreeningIndex, build_index, load_index
from borderops.core.screening.normalise import NormalisedName, normalise_name
from borderops.core.screening.screen import (
    DEFAULT_ALGORITHM,
    DEFAULT_THRESHOLD,
    screen,
    screen_one,
)
from borderops.core.screening.types import (
    Algorithm,
    FeatureScore,
    Hit,
    IndexFormatError,
    ScreeningResult,
    Subject,
    UnknownAlgorithmError,
    UnusableReason,
    UnusableSubject,
)

__all__ = [
    "DEFAULT_ALGORITHM",
    "DEFAULT_THRESHOLD",
    "Algorithm",
    "FeatureScore",
    "Hit",
    "IndexFormatError",
    "NormalisedName",
    "ScreeningIndex",
    "ScreeningResult",
    "Subject",
    "UnknownAlgorithmError",
    "UnusableReason",
    "UnusableSubject",
    "algorithm_names",
    "build_index",
    "get_algorithm",
    "load_index",
    "normalise_name",
    "screen",
    "screen_one",
]
