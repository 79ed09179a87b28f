"""Normalisation: names as written become comparison tokens, and nothing ever crashes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderops.core.lists.types import EntityType
from borderops.core.screening.normalise import (
    MAX_TOKENS,
    is_legal_form,
    normalise_identifier,
    normalise_name,
)

CASES = [
    # (written, entity type, expected tokens)
    ("GARCIA LOPEZ, Maria", EntityType.PERSON, ("maria", "garcia", "lopez")),
    ("José  García-López", EntityType.PERSON, ("jose", "garcia", "lopez")),
    ("Dr. Mr John Smith", EntityType.PERSON, ("john", "smith")),
    ("Sheikh Haji Osama BIN LADEN", EntityType.PERSON, ("osama", "bin", "laden")),
    ("O'Brien, Patrick J.", EntityType.PERSON, ("patrick", "j", "obrien")),
    ("Владимир Путин", EntityType.PERSON, ("vladimir", "putin")),
    ("Αλέξης Τσίπρας", EntityType.PERSON, ("aleksis", "tsipras")),
    ("习近平", EntityType.PERSON, ("ksi", "jin", "ping")),  # x folded to ks
    ("ACME Limited Liability Company", EntityType.ORGANIZATION, ("acme",)),
    ("Zenith Holding S.A. de C.V.", EntityType.ORGANIZATION, ("zenith", "holding")),
    ("ＡＣＭＥ\u200b\x00 Trading", EntityType.UNKNOWN, ("acme", "trading")),
]


@pytest.mark.parametrize(("written", "entity_type", "tokens"), CASES)
def test_names_become_comparison_tokens(
    written: str, entity_type: EntityType, tokens: tuple[str, ...]
) -> None:
    assert normalise_name(written, entity_type).tokens == tokens


def test_hyphenated_surnames_are_kept_split_and_joined() -> None:
    name = normalise_name("Maria Garcia-Lopez")
    assert name.tokens == ("maria", "garcia", "lopez")
    assert name.compounds == ("garcialopez",)


def test_arabic_and_hebrew_names_are_marked_as_abjad() -> None:
    assert normalise_name("بشار الأسد").abjad
    assert normalise_name("בנימין נתניהו").abjad
    assert not normalise_name("Bashar al-Assad").abjad


@pytest.mark.parametrize("written", ["", "   ", "Mr", "Dr.", "LLC", "S.A.", "!!!", "\u0301\u0301"])
def test_a_name_with_nothing_to_compare_is_empty_not_an_error(written: str) -> None:
    assert not normalise_name(written).usable


@pytest.mark.parametrize(
    ("token", "legal"),
    [("llc", True), ("gmbh", True), ("kompani", True), ("libility", True), ("gennadiy", False)],
)
def test_legal_forms_are_recognised_also_misspelt(token: str, legal: bool) -> None:
    assert is_legal_form(token) is legal


def test_very_long_names_are_capped() -> None:
    name = normalise_name("abc " * 10_000)
    assert 0 < len(name.tokens) <= MAX_TOKENS


def test_identifiers_lose_spaces_dashes_and_an_imo_prefix() -> None:
    assert normalise_identifier("g-123 4567") == "G1234567"
    assert normalise_identifier("IMO 9123456") == "9123456"


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300), st.sampled_from(list(EntityType)))
def test_normalise_never_crashes_on_any_unicode(text: str, entity_type: EntityType) -> None:
    name = normalise_name(text, entity_type)
    assert len(name.tokens) <= MAX_TOKENS
    assert all(token.isascii() and token.isalnum() for token in name.tokens)
