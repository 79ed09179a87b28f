"""Small pieces every loader uses to put a ``ListEntry`` together."""

from __future__ import annotations

import re
from collections.abc import Iterable, MutableMapping
from typing import TypeVar

from borderops.core.lists.types import ListedName

T = TypeVar("T")

EXTRA_SEPARATOR = "; "
_SPACES = re.compile(r"\s+")


def unique(values: Iterable[T]) -> tuple[T, ...]:
    """The values in their first order, each once."""
    return tuple(dict.fromkeys(values))


def clean_text(text: str | None) -> str:
    """The text with runs of white space (line breaks included) made one space, trimmed."""
    return _SPACES.sub(" ", text).strip() if text else ""


def unique_names(names: Iterable[ListedName]) -> tuple[ListedName, ...]:
    """Names without blanks or repeats of the same text; the first (the primary) wins."""
    seen: dict[str, ListedName] = {}
    for name in names:
        if name.text and name.text not in seen:
            seen[name.text] = name
    return tuple(seen.values())


def gender_code(text: str | None) -> str | None:
    """``M`` or ``F`` for the ways lists write male and female; None for anything else."""
    value = (text or "").strip().casefold()
    if value in ("m", "male", "man"):
        return "M"
    if value in ("f", "female", "woman"):
        return "F"
    return None


def put_extra(extra: MutableMapping[str, str], key: str, values: Iterable[str]) -> None:
    """Store values under ``key`` joined by ``; ``, and nothing when there are none."""
    if not values:
        return
    joined = EXTRA_SEPARATOR.join(unique(value for value in values if value))
    if joined:
        extra[key] = joined
