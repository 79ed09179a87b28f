"""Comparing two versions of a list: entries added, removed and changed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from borderops.core.lists import (
    EntityType,
    IdentityDocument,
    ListDiff,
    ListedName,
    ListEntry,
    ListFormat,
    LoadedList,
    NameKind,
    diff_lists,
)


def _entry(entry_id: str, name: str = "X", **fields: object) -> ListEntry:
    return ListEntry(
        list_name="lookouts",
        entry_id=entry_id,
        entity_type=EntityType.PERSON,
        names=(ListedName(name),),
        **fields,  # type: ignore[arg-type]
    )


OLD = (
    _entry("1", "GARCIA, Maria", birth_dates=("1980-01-02",)),
    _entry("2", "BROOKS, Amy"),
    _entry("3", "LUZI, Giovanna", documents=(IdentityDocument("YY4354153"),)),
)


def test_identical_lists_have_no_differences() -> None:
    difference = diff_lists(OLD, list(OLD))

    assert difference == ListDiff()
    assert difference.is_empty


def test_entries_only_in_the_new_list_are_added_and_only_in_the_old_removed() -> None:
    new = (OLD[0], OLD[2], _entry("4", "WALSH, Debra"))

    difference = diff_lists(OLD, new)

    assert difference.added == ("4",)
    assert difference.removed == ("2",)
    assert difference.changed == {}


CHANGES = [
    ({"names": (ListedName("GARCIA LOPEZ, Maria"),)}, ("names",)),
    ({"birth_dates": ("1980",)}, ("birth_dates",)),
    ({"nationalities": ("MX",), "gender": "F"}, ("nationalities", "gender")),
    ({"documents": (IdentityDocument("G1", "passport", "MX"),)}, ("documents",)),
    ({"reason": "Warrant", "valid_to": "2026-01-01"}, ("reason", "valid_to")),
    ({"extra": {"lookout_list": "wanted_persons"}}, ("extra",)),
    ({"entity_type": EntityType.ORGANIZATION}, ("entity_type",)),
]


@pytest.mark.parametrize(("change", "fields"), CHANGES)
def test_a_changed_entry_names_the_fields_that_differ(
    change: dict[str, object], fields: tuple[str, ...]
) -> None:
    new = (replace(OLD[0], **change), *OLD[1:])  # type: ignore[arg-type]

    difference = diff_lists(OLD, new)

    assert difference.changed == {"1": fields}
    assert difference.changed_items == (("1", fields),)
    assert difference.added == difference.removed == ()


def test_reordering_names_or_documents_is_not_a_change() -> None:
    two_names = _entry("1", "A", birth_dates=("1970", "1971"))
    two_names = replace(two_names, names=(ListedName("A"), ListedName("B", NameKind.ALIAS)))
    reordered = replace(
        two_names,
        names=(ListedName("A"), ListedName("B", NameKind.ALIAS)),
        birth_dates=("1971", "1970"),
    )

    assert diff_lists([two_names], [reordered]).is_empty


def test_a_renamed_list_does_not_change_every_entry() -> None:
    renamed = [replace(entry, list_name="lookouts-2026") for entry in OLD]

    assert diff_lists(OLD, renamed).is_empty


def test_loaded_lists_and_entry_sequences_compare_alike() -> None:
    loaded = LoadedList("lookouts", ListFormat.CSV, "lookouts.csv", OLD)

    assert diff_lists(loaded, OLD[:2]) == diff_lists(OLD, OLD[:2])
    assert diff_lists(loaded, OLD[:2]).removed == ("3",)


def test_a_list_repeating_an_entry_id_cannot_be_compared() -> None:
    with pytest.raises(ValueError, match="'1' appears twice in the new list"):
        diff_lists(OLD, (*OLD, OLD[0]))


def test_sdn_2021_to_2024_shows_additions_removals_and_changes(
    sdn_2021: LoadedList, sdn_2024: LoadedList
) -> None:
    difference = diff_lists(sdn_2021, sdn_2024)

    old_ids = {entry.entry_id for entry in sdn_2021.entries}
    new_ids = {entry.entry_id for entry in sdn_2024.entries}
    assert set(difference.added) == new_ids - old_ids
    assert set(difference.removed) == old_ids - new_ids
    assert len(difference.added) == 7_019
    assert len(difference.removed) == 944
    # the 2024 folder has no alt.csv: entries that had strong aliases lost them
    assert "names" in difference.changed["306"]
    assert set(difference.changed) <= old_ids & new_ids
