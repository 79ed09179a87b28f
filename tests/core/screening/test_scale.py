"""What makes screening fast must not change what it finds: workers, caches, lean building."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rigour.text.translit import ascii_text

from borderops.core.lists.types import EntityType, IdentityDocument
from borderops.core.screening import ScreeningIndex, Subject, build_index, screen
from borderops.core.screening.normalise import _to_ascii

from .conftest import make_entry

FAMILY = ["Garcia", "Ivanov", "Haddad", "Kim", "Nguyen", "Smith", "Petrov", "Al-Sayed"]
GIVEN = ["Maria", "Ivan", "Omar", "Min", "Anh", "John", "Olga", "Fatima", "Jose"]


@pytest.fixture(scope="module")
def crowded() -> ScreeningIndex:
    """Many entries sharing a few names, so that candidates tie and posting lists are long."""
    entries = [
        make_entry(
            f"{FAMILY[n % 8].upper()}, {GIVEN[n % 9]} {GIVEN[(n // 9) % 9]}",
            f"{GIVEN[(n * 7) % 9]} {FAMILY[(n // 8) % 8]}",
            entry_id=f"C{n}",
            birth_dates=(f"{1950 + n % 50}-0{1 + n % 9}-1{n % 10}",),
            documents=(IdentityDocument(f"X{n:06d}"),),
        )
        for n in range(3_000)
    ]
    return build_index(entries)


def subjects_for_scale() -> list[Subject]:
    subjects = []
    for n in range(600):
        name = f"{GIVEN[n % 9]} {FAMILY[(n * 3) % 8]}"
        if n % 5 == 0:
            name = name.replace("a", "e", 1)  # a typo
        subjects.append(Subject(f"s{n}", name, birth_date=f"{1950 + n % 50}"))
    return [*subjects, Subject("empty", ""), Subject("doc", "", document_number="X000042")]


def test_screening_with_workers_finds_the_same_hits_in_the_same_order(
    crowded: ScreeningIndex,
) -> None:
    subjects = subjects_for_scale()
    alone = screen(crowded, subjects, threshold=0.6)
    shared = screen(crowded, subjects, threshold=0.6, workers=2)
    assert shared == alone
    assert len(alone.hits) > 1_000


def test_screening_twice_gives_the_same_hits_once_caches_are_warm(
    crowded: ScreeningIndex,
) -> None:
    subjects = subjects_for_scale()
    assert screen(crowded, subjects) == screen(crowded, subjects)


def test_workers_must_be_at_least_one(crowded: ScreeningIndex) -> None:
    with pytest.raises(ValueError, match="workers"):
        screen(crowded, [Subject("a", "Maria Garcia")], workers=0)


def test_a_saved_index_screens_like_the_built_one(crowded: ScreeningIndex, tmp_path: Path) -> None:
    path = tmp_path / "crowded.idx"
    crowded.save(path)
    subjects = subjects_for_scale()[:100]
    assert screen(ScreeningIndex.load(path), subjects) == screen(crowded, subjects)


def test_an_index_is_built_from_a_stream_of_entries() -> None:
    stream = (make_entry(f"Person Number{n}", entry_id=f"G{n}") for n in range(50))
    index = build_index(stream)
    assert index.entry_count == 50
    hits = screen(index, [Subject("q", "Person Number7")]).hits
    assert hits[0].entry_id == "G7"


WORDS = [
    "Иван",
    "Петров",
    "王小明",
    "محمد",
    "علي",
    "김정은",
    "Κώστας",
    "José",
    "Шевченко",
    "Müller",
    "שלום",
    "東京",
    "ひらがな",
    "Nguyễn",
    "Łukasz",
    "€",
    "ß",
    "Ægir",
    "Dvořák",
    "ภาษาไทย",
    "नमस्ते",
    "$",
    "+",
    "a",
    "IVAN",
    "-",
    "ʼ",
    "ﬁ",
    "①",
    "ｱ",
    "é",
    "́",
    ";",
    "©",
]
TEXTS = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=5)), max_size=5).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=4).map("".join),
)


@settings(max_examples=3_000, suppress_health_check=list(HealthCheck), deadline=None)
@given(TEXTS)
def test_transliterating_word_by_word_gives_what_the_whole_text_gives(text: str) -> None:
    expected = ascii_text(unicodedata.normalize("NFKC", text)).lower()
    assert _to_ascii(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Шевченко 王",
        "Renée Κυρίτσης Bernal Леонтій",
        "Ά ;©",
        "© ሀ",
        "ۿﹰ",
        "a$b محمد",
        "Mohammed محمد",
    ],
)
def test_mixed_scripts_are_transliterated_as_one_text(text: str) -> None:
    assert _to_ascii(text) == ascii_text(unicodedata.normalize("NFKC", text)).lower()


def test_entity_types_keep_their_own_normalisation_when_names_repeat() -> None:
    index = build_index(
        [
            make_entry("Acme Trading LLC", entry_id="O1", entity_type=EntityType.ORGANIZATION),
            make_entry("Acme Trading LLC", entry_id="P1", entity_type=EntityType.PERSON),
        ]
    )
    assert index.name_count == 2
