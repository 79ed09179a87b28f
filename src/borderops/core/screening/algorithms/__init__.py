"""Scoring algorithms, each registered under a versioned name so old hits stay explainable."""

from __future__ import annotations

from borderops.core.screening.algorithms.name_v1 import NameV1
from borderops.core.screening.algorithms.name_v2 import NameV2
from borderops.core.screening.types import Algorithm, UnknownAlgorithmError

_ALGORITHMS: dict[str, Algorithm] = {
    algorithm.name: algorithm for algorithm in (NameV1(), NameV2())
}


def algorithm_names() -> list[str]:
    """The names of every registered algorithm, sorted."""
    return sorted(_ALGORITHMS)


def get_algorithm(name: str) -> Algorithm:
    """The algorithm registered as ``name``; ``UnknownAlgorithmError`` lists the known ones."""
    try:
        return _ALGORITHMS[name]
    except KeyError:
        raise UnknownAlgorithmError(name, algorithm_names()) from None
