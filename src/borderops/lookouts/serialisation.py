"""List entries to and from the JSON stored in the database."""

from __future__ import annotations

import dataclasses
from typing import Any

from borderops.core.lists.types import (
    EntityType,
    IdentityDocument,
    ListedName,
    ListEntry,
    NameKind,
)


def entry_to_json(entry: ListEntry) -> dict[str, Any]:
    """A JSON-ready dict of every field of the entry."""
    return dataclasses.asdict(entry)


def entry_from_json(data: dict[str, Any]) -> ListEntry:
    """The entry a stored dict describes."""
    values = dict(data)
    values["entity_type"] = EntityType(values["entity_type"])
    values["names"] = tuple(
        ListedName(text=name["text"], kind=NameKind(name["kind"]), weak=name["weak"])
        for name in values["names"]
    )
    values["documents"] = tuple(IdentityDocument(**document) for document in values["documents"])
    for key in (
        "birth_dates",
        "birth_places",
        "nationalities",
        "programs",
        "plates",
        "vins",
        "imo_numbers",
    ):
        values[key] = tuple(values.get(key, ()))
    return ListEntry(**values)
