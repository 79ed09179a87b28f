"""What changed between two versions of a list: entries added, removed and changed.

Entries are matched by ``entry_id``. An entry has changed when any field of the contract
differs, ``extra`` included; ``list_name`` is not compared, so a renamed list does not change
every entry. Order within a field is not a change: the same names, documents or dates in a new
order compare equal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from borderops.core.lists.types import ListEntry, LoadedList

COMPARED_FIELDS: tuple[str, ...] = tuple(
    item.name for item in fields(ListEntry) if item.name != "list_name"
)


@dataclass(frozen=True, slots=True)
class ListDiff:
    """Entry ids added and removed, and for each changed entry the fields that differ."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)

    @property
    def changed_items(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each changed entry id with the names of its fields that differ."""
        return tuple(self.changed.items())

    @property
    def is_empty(self) -> bool:
        """Nothing was added, removed or changed."""
        return not (self.added or self.removed or self.changed)


def _comparable(value: Any) -> Any:
    return frozenset(value) if isinstance(value, tuple) else value


def changed_fields(old: ListEntry, new: ListEntry) -> tuple[str, ...]:
    """The names of the fields whose values differ between two versions of one entry."""
    return tuple(
        name
        for name in COMPARED_FIELDS
        if _comparable(getattr(old, name)) != _comparable(getattr(new, name))
    )


def _by_id(entries: LoadedList | Sequence[ListEntry], side: str) -> dict[str, ListEntry]:
    items = entries.entries if isinstance(entries, LoadedList) else entries
    by_id: dict[str, ListEntry] = {}
    for entry in items:
        if entry.entry_id in by_id:
            raise ValueError(f"Entry id {entry.entry_id!r} appears twice in the {side} list.")
        by_id[entry.entry_id] = entry
    return by_id


def diff_lists(
    old: LoadedList | Sequence[ListEntry], new: LoadedList | Sequence[ListEntry]
) -> ListDiff:
    """The entries added, removed and changed from one version of a list to the next."""
    before, after = _by_id(old, "old"), _by_id(new, "new")
    changed = {}
    for entry_id, entry in after.items():
        previous = before.get(entry_id)
        if previous is not None and (differ := changed_fields(previous, entry)):
            changed[entry_id] = differ
    return ListDiff(
        added=tuple(entry_id for entry_id in after if entry_id not in before),
        removed=tuple(entry_id for entry_id in before if entry_id not in after),
        changed=changed,
    )
