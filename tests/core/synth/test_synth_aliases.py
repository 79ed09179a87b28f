"""Variants of listed names: the ways a wanted person or a denied party tries to slip past."""

from __future__ import annotations

from datetime import date

import pytest

from borderops.core.synth.aliases import (
    birth_date_variant,
    company_variant,
    person_variant,
    respell,
    typo,
)
from borderops.core.synth.random_streams import stream

PERSON_CASES = [
    # (surname, given names, tradition, kind, expected surname, expected given names)
    ("IVANOV", "IURII SERGEEVICH", "slavic", "dropped_middle_name", "IVANOV", "IURII"),
    ("SMITH", "JOHN", "western", "swapped_order", "JOHN", "SMITH"),
    ("GARCIA LOPEZ", "MARIA", "hispanic", "dropped_second_surname", "GARCIA", "MARIA"),
]


@pytest.mark.parametrize(
    ("surname", "given", "tradition", "kind", "new_surname", "new_given"), PERSON_CASES
)
def test_person_variants_of_a_given_kind(
    surname: str, given: str, tradition: str, kind: str, new_surname: str, new_given: str
) -> None:
    variant = person_variant(stream(1, "t"), surname, given, tradition=tradition, kind=kind)
    assert (variant.kind, variant.surname, variant.given_names) == (kind, new_surname, new_given)


def test_a_variant_that_cannot_apply_falls_back_to_a_typo() -> None:
    variant = person_variant(stream(1, "t"), "SMITH", "JOHN", kind="dropped_middle_name")
    assert variant.kind == "typo"
    assert (variant.surname, variant.given_names) != ("SMITH", "JOHN")


def test_a_typo_changes_exactly_one_edit() -> None:
    rng = stream(2, "t")
    for _ in range(200):
        changed = typo(rng, "MONTALVO")
        assert changed != "MONTALVO"
        assert abs(len(changed) - len("MONTALVO")) <= 1


@pytest.mark.parametrize(
    ("name", "tradition", "possible"),
    [
        ("MOHAMED", "arabic", {"MUHAMMAD", "MOHAMMED"}),
        ("ZHANG", "chinese", {"CHANG"}),
        ("KIM", "korean", {"GIM"}),
    ],
)
def test_respelling_follows_the_naming_tradition(
    name: str, tradition: str, possible: set[str]
) -> None:
    spellings = {respell(stream(n, "r"), name, tradition) for n in range(40)}
    assert possible <= spellings


def test_a_birth_date_variant_swaps_day_and_month_only_when_both_could_be_months() -> None:
    rng = stream(3, "b")
    kinds = {birth_date_variant(rng, date(1980, 4, 7)) for _ in range(50)}
    assert ("day_month_swapped", date(1980, 7, 4)) in kinds
    assert ("same", date(1980, 4, 7)) in kinds
    assert {birth_date_variant(rng, date(1980, 4, 27))[0] for _ in range(50)} == {"same"}


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("exact", "SHENZHEN HUAXIN ELECTRONICS CO., LTD."),
        ("punctuation", "SHENZHEN HUAXIN ELECTRONICS CO LTD"),
        ("legal_form", "SHENZHEN HUAXIN ELECTRONICS COMPANY LIMITED"),
    ],
)
def test_company_variants(kind: str, expected: str) -> None:
    listed = "SHENZHEN HUAXIN ELECTRONICS CO., LTD."
    assert company_variant(stream(1, "c"), listed, kind=kind) == (kind, expected)
