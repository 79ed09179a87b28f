"""The lookout lists and the truth table, built up as violations are planted.

Lookout rows get their ids only at the end, after hits and decoys are shuffled together, so
an id says nothing about whether anyone on the list ever travels. Truth details name the
lookouts they hit through a placeholder resolved at that point.
"""

from __future__ import annotations

import random
from datetime import date

import pyarrow as pa

from borderops.core.synth.tables import TableBuilder, identifier
from borderops.core.synth.types import LookoutList, Violation

LOOKOUT_PLACEHOLDER = "{lookout}"


def detail_fields(detail: str) -> dict[str, str]:
    """A truth detail such as ``drug=cocaine;concealment=gas tank`` as a dictionary."""
    return dict(part.split("=", 1) for part in detail.split(";") if part)


class LookoutBook:
    """Lookout rows without ids yet; each ``add`` returns a key for truth details."""

    def __init__(self) -> None:
        self._rows: list[tuple[object, ...]] = []
        self._counts: dict[LookoutList, int] = dict.fromkeys(LookoutList, 0)

    def __len__(self) -> int:
        return len(self._rows)

    def add(
        self,
        *,
        lookout_list: LookoutList,
        entity_type: str,
        name: str,
        reason: str,
        aliases: list[str] | None = None,
        birth_date: date | None = None,
        nationality: str | None = None,
        document_number: str | None = None,
        plate: str | None = None,
        vin: str | None = None,
        imo: str | None = None,
    ) -> int:
        """Put an entry on a list; returns its key."""
        unique = [a for a in dict.fromkeys(aliases or []) if a and a != name]
        self._counts[lookout_list] += 1
        self._rows.append(
            (
                lookout_list.value,
                entity_type,
                name,
                ";".join(unique) or None,
                birth_date,
                nationality,
                document_number,
                plate,
                vin,
                imo,
                reason,
            )
        )
        return len(self._rows) - 1

    def count(self, lookout_list: LookoutList) -> int:
        """How many entries a list has so far."""
        return self._counts[lookout_list]

    def finish(self, rng: random.Random) -> tuple[pa.Table, dict[int, str]]:
        """The shuffled lookouts table, and each key's final id."""
        order = list(range(len(self._rows)))
        rng.shuffle(order)
        table = TableBuilder("lookouts")
        ids: dict[int, str] = {}
        for position, key in enumerate(order):
            ids[key] = identifier("L", position, len(order))
            table.add(ids[key], *self._rows[key])
        return table.to_table(), ids


class TruthBook:
    """What each violating record did, kept apart from anything an officer sees."""

    def __init__(self) -> None:
        self._rows: list[tuple[str, str, str, str, float | None, str | None, int | None]] = []

    def __len__(self) -> int:
        return len(self._rows)

    def add(
        self,
        *,
        record_type: str,
        record_id: str,
        violation: Violation,
        detail: str,
        quantity: float | None = None,
        unit: str | None = None,
        lookout: int | None = None,
    ) -> None:
        """Record one violation; ``{lookout}`` in the detail becomes the hit lookout's id."""
        self._rows.append(
            (record_type, record_id, violation.value, detail, quantity, unit, lookout)
        )

    def finish(self, lookout_ids: dict[int, str]) -> pa.Table:
        """The truth table, sorted by record, with lookout ids filled in."""
        table = TableBuilder("truth")
        for record_type, record_id, violation, detail, quantity, unit, lookout in sorted(
            self._rows, key=lambda row: (row[0], row[1], row[2], row[3])
        ):
            if lookout is not None:
                detail = detail.replace(LOOKOUT_PLACEHOLDER, lookout_ids[lookout])
            table.add(record_type, record_id, violation, detail, quantity, unit)
        return table.to_table()
