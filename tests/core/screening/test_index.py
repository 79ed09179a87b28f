"""The index: blocking never scans the whole list, and a saved index comes back the same."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderops.core.lists.types import EntityType, IdentityDocument, ListedName, ListEntry
from borderops.core.screening import (
    IndexFormatError,
    ScreeningIndex,
    Subject,
    build_index,
    load_index,
    screen,
)
from borderops.core.screening.algorithms.name_v1 import _QueryTokens
from borderops.core.screening.normalise import normalise_name
from borderops.core.screening.store import KeyMap

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ten",
    "sor",
    "vin",
    "dal",
    "pe",
    "qu",
    "zu",
    "bar",
    "nek",
    "tal",
    "fos",
    "rim",
    "gu",
    "hey",
    "won",
    "ix",
]


def random_entries(count: int, seed: int = 5) -> list[ListEntry]:
    """``count`` people with random made-up names of two or three words."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()

    return [
        ListEntry(
            list_name="random",
            entry_id=f"R{number}",
            entity_type=EntityType.PERSON,
            names=(ListedName(" ".join(word() for _ in range(rng.randint(2, 3)))),),
            documents=(IdentityDocument(f"D{number:07d}"),),
        )
        for number in range(count)
    ]


@pytest.fixture(scope="module")
def big_list() -> tuple[list[ListEntry], ScreeningIndex]:
    entries = random_entries(10_000)
    return entries, build_index(entries)


def test_blocking_looks_at_a_small_share_of_the_list(
    big_list: tuple[list[ListEntry], ScreeningIndex],
) -> None:
    # given an index of 10,000 random names
    entries, index = big_list
    for entry in entries[:50]:
        # when candidates are generated for a misspelt listed name
        query = normalise_name(entry.primary_name[:-1] + "x")
        tokens = _QueryTokens(index, query, floor=0.5)
        candidates = index.candidate_names(tokens.groups())
        # then only a few hundred names at most are compared, and the right one is among them
        assert len(candidates) <= 200
        assert any(index.entry_id[index.name_entry[n]] == entry.entry_id for n in candidates)


def test_every_listed_name_finds_its_own_entry(
    big_list: tuple[list[ListEntry], ScreeningIndex],
) -> None:
    entries, index = big_list
    sample = entries[::200]
    result = screen(index, [Subject(e.entry_id, e.primary_name) for e in sample], limit=3)
    found = {(hit.query_id, hit.entry_id) for hit in result.hits if hit.score == 1.0}
    assert found == {(e.entry_id, e.entry_id) for e in sample}


def test_document_numbers_are_looked_up_exactly(
    big_list: tuple[list[ListEntry], ScreeningIndex],
) -> None:
    _, index = big_list
    hits = screen(index, [Subject("q", "Nobody", document_number="D0001234")]).hits
    assert [hit.entry_id for hit in hits] == ["R1234"]


def test_a_saved_index_gives_identical_hits(
    tmp_path: Path, big_list: tuple[list[ListEntry], ScreeningIndex]
) -> None:
    entries, index = big_list
    subjects = [Subject(e.entry_id, e.primary_name.lower()[::-1][::-1]) for e in entries[::500]]
    subjects.append(Subject("doc", "", document_number="D0000042"))
    path = tmp_path / "list.idx"
    index.save(path)
    loaded = load_index(path)
    assert loaded.entry_count == index.entry_count
    assert screen(loaded, subjects) == screen(index, subjects)


def test_a_file_that_is_not_an_index_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "list.idx"
    path.write_bytes(b"PK\x03\x04 a zip file")
    with pytest.raises(IndexFormatError, match="not a BorderOps screening index"):
        ScreeningIndex.load(path)


def test_a_truncated_index_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "list.idx"
    build_index(random_entries(50)).save(path)
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(IndexFormatError, match="ends early"):
        load_index(path)


def test_a_damaged_index_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "list.idx"
    build_index(random_entries(50)).save(path)
    raw = bytearray(path.read_bytes())
    raw[-10] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(IndexFormatError, match="damaged"):
        load_index(path)


def test_an_index_of_another_format_version_says_so(tmp_path: Path) -> None:
    path = tmp_path / "list.idx"
    build_index(random_entries(5)).save(path)
    raw = bytearray(path.read_bytes())
    magic = len(b"BORDEROPS-SCREENING-INDEX\n")
    raw[magic : magic + 4] = (99).to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    with pytest.raises(IndexFormatError, match="version 99") as raised:
        load_index(path)
    assert "Rebuild the index" in str(raised.value)


def test_a_missing_index_file_is_an_index_error(tmp_path: Path) -> None:
    with pytest.raises(IndexFormatError, match="cannot open"):
        load_index(tmp_path / "absent.idx")


def test_entries_without_usable_names_are_kept_for_their_documents() -> None:
    index = build_index(
        [
            ListEntry(
                list_name="l",
                entry_id="X",
                entity_type=EntityType.UNKNOWN,
                names=(ListedName("LLC"),),
                documents=(IdentityDocument("A1"),),
            )
        ]
    )
    assert index.name_count == 0
    assert [h.entry_id for h in screen(index, [Subject("q", "", document_number="A1")]).hits] == [
        "X"
    ]


@settings(max_examples=200, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(st.sampled_from(["a", "b", "cc", "ddd", "é", "", "x\x01"]), st.integers(0, 50)),
        max_size=40,
    ),
    keys=st.lists(st.sampled_from(["a", "b", "cc", "ddd", "é", "", "x\x01", "zz"]), max_size=6),
)
def test_looking_up_many_keys_at_once_finds_what_each_lookup_finds(
    pairs: list[tuple[str, int]], keys: list[str]
) -> None:
    key_map = KeyMap.build(pairs)
    expected = sorted({value for key in keys for value in key_map.get(key)})
    assert key_map.get_many(keys).tolist() == expected


def test_similar_tokens_as_an_array_are_the_similar_tokens(watchlist: ScreeningIndex) -> None:
    for token in ("vladimir", "vladimyr", "putin", "garzia", "lopez", "mhmd", "1952", "x"):
        for abjad in (False, True):
            found = watchlist.similar_token_array(token, abjad, sounds=False).tolist()
            assert found == sorted(watchlist.similar_tokens(token, abjad))
