"""Seeded randomness: one independent stream per concern, and fast weighted choice."""

from __future__ import annotations

import bisect
import itertools
import math
import random
from collections.abc import Mapping, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


def stream(seed: int, label: str) -> random.Random:
    """A random stream for one concern of the generator, fixed by the seed and the label.

    Each concern draws from its own stream, so adding draws to one (say, shipments) does
    not shift what another (travellers) produces for the same seed.
    """
    # A string seed is hashed with SHA-512 by random.Random, so it is stable across runs.
    return random.Random(f"borderops-synth:{seed}:{label}")


class Picker(Generic[T]):
    """Weighted choice among fixed items, with the cumulative weights computed once."""

    __slots__ = ("_cumulative", "_items", "_total")

    def __init__(self, weights: Mapping[T, float] | Sequence[tuple[T, float]]) -> None:
        pairs = list(weights.items()) if isinstance(weights, Mapping) else list(weights)
        pairs = [(item, weight) for item, weight in pairs if weight > 0]
        if not pairs:
            raise ValueError("a picker needs at least one item with a positive weight")
        self._items = [item for item, _ in pairs]
        self._cumulative = list(itertools.accumulate(weight for _, weight in pairs))
        self._total = self._cumulative[-1]

    @property
    def items(self) -> list[T]:
        """The items that can be picked."""
        return list(self._items)

    def pick(self, rng: random.Random) -> T:
        """One item, drawn in proportion to its weight."""
        index = bisect.bisect_right(self._cumulative, rng.random() * self._total)
        return self._items[min(index, len(self._items) - 1)]


def lognormal_around(rng: random.Random, median: float, spread: float) -> float:
    """A positive value scattered around ``median`` (spread is the sigma of its logarithm)."""
    return median * math.exp(rng.gauss(0.0, spread))


def fill_pattern(rng: random.Random, pattern: str) -> str:
    """A string shaped like ``pattern``: A a letter, 9 a digit, X either, others literal."""
    out = []
    for char in pattern:
        if char == "A":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
        elif char == "9":
            out.append(rng.choice("0123456789"))
        elif char == "X":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789"))
        else:
            out.append(char)
    return "".join(out)
