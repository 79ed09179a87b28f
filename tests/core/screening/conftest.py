"""Listed entries built by hand, and a small index over them, shared by the screening tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from borderops.core.lists.types import (
    EntityType,
    IdentityDocument,
    ListedName,
    ListEntry,
    NameKind,
)
from borderops.core.screening import ScreeningIndex, build_index

EntryFactory = Callable[..., ListEntry]


def make_entry(
    *names: str,
    entry_id: str = "E1",
    entity_type: EntityType = EntityType.PERSON,
    list_name: str = "test-list",
    weak: tuple[str, ...] = (),
    **facts: object,
) -> ListEntry:
    """A listed entry with ``names`` (the first primary, the rest aliases) and ``facts``."""
    listed = [ListedName(names[0])] if names else []
    listed += [ListedName(alias, NameKind.ALIAS) for alias in names[1:]]
    listed += [ListedName(alias, NameKind.ALIAS, weak=True) for alias in weak]
    return ListEntry(
        list_name=list_name,
        entry_id=entry_id,
        entity_type=entity_type,
        names=tuple(listed),
        **facts,  # type: ignore[arg-type]
    )


@pytest.fixture
def entry() -> EntryFactory:
    """The ``make_entry`` factory."""
    return make_entry


@pytest.fixture(scope="session")
def watchlist() -> ScreeningIndex:
    """A handful of listed people, companies and a vessel."""
    return build_index(
        [
            make_entry(
                "GARCIA LOPEZ, Maria",
                entry_id="P-GARCIA",
                birth_dates=("1970-05-12",),
                nationalities=("MX",),
                gender="F",
                documents=(IdentityDocument("G12345678", country="MX"),),
            ),
            make_entry(
                "PUTIN, Vladimir Vladimirovich",
                "Владимир Путин",
                entry_id="P-PUTIN",
                birth_dates=("1952-10-07",),
                nationalities=("RU",),
                gender="M",
            ),
            make_entry("SMITH, John", entry_id="P-SMITH", birth_dates=("1980",)),
            make_entry("Xi Jinping", entry_id="P-XI"),
            make_entry("Bashar al-Assad", entry_id="P-ASSAD"),
            make_entry("Kim Jong Un", "김정은", entry_id="P-KIM"),
            make_entry("Alexis Tsipras", entry_id="P-TSIPRAS"),
            make_entry("Benjamin Netanyahu", "בנימין נתניהו", entry_id="P-NETANYAHU"),
            make_entry("OSAMA BIN LADEN", weak=("ABU ABDALLAH",), entry_id="P-BINLADEN"),
            make_entry("ACME LLC", entry_id="O-ACME", entity_type=EntityType.ORGANIZATION),
            make_entry(
                "NORTHWIND TRADING GMBH",
                entry_id="O-NORTHWIND",
                entity_type=EntityType.ORGANIZATION,
            ),
            make_entry(
                "OCEAN STAR",
                entry_id="V-OCEAN",
                entity_type=EntityType.VESSEL,
                imo_numbers=("9123456",),
            ),
        ]
    )
