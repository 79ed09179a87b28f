"""name-v1: which spellings match a listed name, and how features move the score."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pytest

from borderops.core.lists.types import EntityType, IdentityDocument, ListEntry
from borderops.core.screening import (
    DEFAULT_THRESHOLD,
    Subject,
    UnknownAlgorithmError,
    algorithm_names,
    build_index,
    get_algorithm,
)
from borderops.core.screening import screen_one as screen_with_default

EntryFactory = Callable[..., ListEntry]
PERSON, ORG = EntityType.PERSON, EntityType.ORGANIZATION
screen_one = functools.partial(screen_with_default, algorithm="name-v1")

CASES = [
    # (query, listed name, listed entity type, should match?)
    ("Maria Garcia Lopez", "GARCIA LOPEZ, Maria", PERSON, True),  # "SURNAME, Given" order
    ("Maria Garzia Lopez", "GARCIA LOPEZ, Maria", PERSON, True),  # typo
    ("Mraia Garcia Lopez", "GARCIA LOPEZ, Maria", PERSON, True),  # transposition
    ("Lopez Maria Garcia", "GARCIA LOPEZ, Maria", PERSON, True),  # any token order
    ("Maria Garcia-Lopez", "GARCIA LOPEZ, Maria", PERSON, True),  # hyphenated surname
    ("Maria Garcialopez", "GARCIA-LOPEZ, Maria", PERSON, True),  # compound written joined
    ("Vladimir Putin", "PUTIN, Vladimir Vladimirovich", PERSON, True),  # dropped middle name
    ("Vladimir V. Putin", "PUTIN, Vladimir Vladimirovich", PERSON, True),  # initial
    ("J. Smith", "SMITH, John", PERSON, True),  # initial for the given name
    ("Владимир Путин", "PUTIN, Vladimir", PERSON, True),  # Cyrillic → Latin
    ("Vladimir Putin", "Владимир Путин", PERSON, True),  # Latin → Cyrillic
    ("Wladimir Poutine", "PUTIN, Vladimir", PERSON, True),  # other languages' spellings
    ("بشار الأسد", "Bashar al-Assad", PERSON, True),  # Arabic
    ("习近平", "Xi Jinping", PERSON, True),  # Chinese
    ("김정은", "김정은", PERSON, True),  # Korean, same script
    ("Αλέξης Τσίπρας", "Alexis Tsipras", PERSON, True),  # Greek
    ("בנימין נתניהו", "Benjamin Netanyahu", PERSON, True),  # Hebrew
    ("Sheikh Osama bin Laden", "OSAMA BIN LADEN", PERSON, True),  # honorific
    ("Dr. John Smith", "SMITH, John", PERSON, True),
    ("Mohammed Ali Hassan", "HASSAN, Muhammad Ali", PERSON, True),
    ("ACME", "ACME LLC", ORG, True),  # legal form dropped
    ("Acme Limited", "ACME LLC", ORG, True),  # another legal form
    ("ACME LLC", "ZENITH LLC", ORG, False),  # a legal form never matches alone
    ("ACME GmbH", "ZENITH GMBH", ORG, False),
    ("Mary Smith", "SMITH, John", PERSON, False),  # same surname, another person
    ("Juan Garcia Lopez", "GARCIA LOPEZ, Maria", PERSON, False),
    ("Smith", "SMITH, John", PERSON, False),  # a surname alone is not a person
    ("Li Wen", "Li Wei", PERSON, False),  # short names, one letter apart
    ("Vladimir Petrov", "PUTIN, Vladimir", PERSON, False),
    ("Carol Lizarraga", "LIZARRAGA, Karla", PERSON, False),
]


@pytest.mark.parametrize(("query", "listed", "entity_type", "should_match"), CASES)
def test_name_matching(
    entry: EntryFactory, query: str, listed: str, entity_type: EntityType, should_match: bool
) -> None:
    # given a list with one entry
    index = build_index([entry(listed, entity_type=entity_type)])
    # when a subject with that spelling is screened
    result = screen_one(index, Subject("q", query))
    # then it is hit exactly when it should be
    assert bool(result.hits) is should_match, [h.explanation for h in result.hits]


def test_scores_spread_between_exact_and_misspelt_names(entry: EntryFactory) -> None:
    index = build_index([entry("GARCIA LOPEZ, Maria")])
    scores = [
        screen_one(index, Subject("q", query), threshold=0.0).hits[0].score
        for query in (
            "Maria Garcia Lopez",
            "Maria Garzia Lopez",
            "Mria Garzia Lopez",
            "Maria Lopez",
        )
    ]
    assert scores[0] == 1.0
    assert scores[0] > scores[1] > scores[2]  # one typo, then two
    assert len(set(scores)) == len(scores)
    assert all(0.0 <= score <= 1.0 for score in scores)


def _score(
    entry: EntryFactory, index_entry_facts: dict[str, object], **subject_facts: object
) -> float:
    index = build_index([entry("GARCIA LOPEZ, Maria", **index_entry_facts)])
    subject = Subject("q", "Maria Garzia Lopez", **subject_facts)  # type: ignore[arg-type]
    hits = screen_one(index, subject, threshold=0.0).hits
    return hits[0].score if hits else 0.0


FEATURE_CASES = [
    # (listed facts, subject facts, direction: +1 raises, -1 lowers the score)
    ({"birth_dates": ("1970-05-12",)}, {"birth_date": "1970-05-12"}, +1),
    ({"birth_dates": ("1970-05-12",)}, {"birth_date": "1970-12-05"}, +1),  # day/month swapped
    ({"birth_dates": ("1970",)}, {"birth_date": "1970-05-12"}, +1),  # same year
    ({"birth_dates": ("1970-05-12",)}, {"birth_date": "1985-01-01"}, -1),  # disjoint
    ({"birth_dates": ("1970-05-12",)}, {"birth_date": "1970-08-20"}, -1),  # same year, other day
    ({"nationalities": ("MX",)}, {"nationality": "MX"}, +1),
    ({"nationalities": ("MX",)}, {"nationality": "RU"}, -1),
    ({"gender": "F"}, {"gender": "M"}, -1),
    ({}, {"entity_type": EntityType.ORGANIZATION}, -1),
]


@pytest.mark.parametrize(("listed", "subject", "direction"), FEATURE_CASES)
def test_features_move_the_score_the_right_way(
    entry: EntryFactory, listed: dict[str, object], subject: dict[str, object], direction: int
) -> None:
    without = _score(entry, listed)
    with_fact = _score(entry, listed, **subject)
    assert (with_fact - without) * direction > 0


def test_disjoint_birth_year_costs_more_than_a_different_day(entry: EntryFactory) -> None:
    listed = {"birth_dates": ("1970-05-12",)}
    disjoint = _score(entry, listed, birth_date="1985-05-12")
    assert disjoint < _score(entry, listed, birth_date="1970-08-20")


def test_a_matching_document_is_near_decisive_even_with_a_weak_name(entry: EntryFactory) -> None:
    index = build_index([entry("GARCIA LOPEZ, Maria", documents=(IdentityDocument("G12345678"),))])
    subject = Subject("q", "Someone Else Entirely", document_number="g-1234 5678")
    hits = screen_one(index, subject).hits
    assert len(hits) == 1
    assert hits[0].score >= 0.95
    assert "document exact" in hits[0].explanation


def test_a_subject_with_only_a_document_is_screened(entry: EntryFactory) -> None:
    index = build_index(
        [entry("ACME SHIP", entity_type=EntityType.VESSEL, imo_numbers=("IMO 9123456",))]
    )
    hits = screen_one(index, Subject("q", "", imo_number="9123456")).hits
    assert [hit.entry_id for hit in hits] == ["E1"]


def test_a_weak_alias_counts_less_than_a_strong_name(entry: EntryFactory) -> None:
    strong = build_index([entry("ABU ABDALLAH")])
    weak = build_index([entry("OSAMA BIN LADEN", weak=("ABU ABDALLAH",))])
    subject = Subject("q", "Abu Abdallah")
    assert screen_one(weak, subject).hits[0].score < screen_one(strong, subject).hits[0].score


def test_the_explanation_names_each_feature(entry: EntryFactory) -> None:
    index = build_index(
        [entry("GARCIA LOPEZ, Maria", birth_dates=("1970-05-12",), nationalities=("MX",))]
    )
    subject = Subject("q", "Maria Garzia Lopez", birth_date="1970-05-12", nationality="MX")
    hit = screen_one(index, subject).hits[0]
    assert hit.explanation.startswith("name 0.9")
    assert "('GARCIA LOPEZ, Maria' ~ 'Maria Garzia Lopez')" in hit.explanation
    assert "birth date 1970-05-12 exact +" in hit.explanation
    assert "nationality MX same +" in hit.explanation
    assert hit.explanation.endswith("document none")
    assert {f.name for f in hit.features} >= {"name", "birth_date_exact", "nationality_same"}
    assert all(f.explanation.endswith(".") for f in hit.features)
    assert hit.algorithm == "name-v1"


def test_algorithms_are_found_by_versioned_name() -> None:
    assert get_algorithm("name-v1").name == "name-v1"
    assert "name-v1" in algorithm_names()


def test_an_unknown_algorithm_lists_the_known_ones() -> None:
    with pytest.raises(UnknownAlgorithmError, match="name-v1") as raised:
        get_algorithm("name-v9")
    assert isinstance(raised.value, KeyError)


def test_the_default_threshold_is_a_probability() -> None:
    assert 0.5 < DEFAULT_THRESHOLD < 1.0
