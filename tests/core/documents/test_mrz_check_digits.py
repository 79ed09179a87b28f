"""Check digits of ICAO Doc 9303: the 7-3-1 algorithm and the verification of whole zones."""

from __future__ import annotations

from datetime import date

import pytest

from borderops.core.documents.mrz import (
    MrzFieldError,
    check_digit,
    failed_check_digits,
    icao_state_code,
    make_td1,
    make_td3,
)

# (field, check digit) — from the Doc 9303 specimens and worked by hand.
CASES = [
    ("L898902C3", "6"),
    ("740812", "2"),
    ("120415", "9"),
    ("ZE184226B<<<<<", "1"),
    ("D23145890", "7"),
    ("L8988901C", "4"),
    ("400907", "8"),
    ("961210", "9"),
    ("D23145890734", "9"),
    ("<<<<<<<<<", "0"),
    ("", "0"),
    ("A", "0"),  # 10 × 7 = 70
    ("B", "7"),  # 11 × 7 = 77
    ("0<1", "1"),
    ("Z", "5"),  # 35 × 7 = 245
]


@pytest.mark.parametrize(("field", "expected"), CASES)
def test_check_digit_follows_the_7_3_1_weights(field: str, expected: str) -> None:
    assert check_digit(field) == expected


def test_check_digit_refuses_characters_outside_the_mrz_alphabet() -> None:
    with pytest.raises(MrzFieldError, match="not an MRZ character"):
        check_digit("ab1")


def _passport() -> tuple[str, str]:
    return make_td3(
        issuing_state="UTO",
        surname="Eriksson",
        given_names="Anna Maria",
        document_number="L898902C3",
        nationality="UTO",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        optional_data="ZE184226B",
    )


def test_a_composed_zone_verifies() -> None:
    assert failed_check_digits(_passport()) == ()


@pytest.mark.parametrize(
    ("position", "failing"),
    [
        (9, ("document_number", "composite")),
        (19, ("birth_date", "composite")),
        (15, ("birth_date", "composite")),  # a data character, not the digit
        (27, ("expiry_date", "composite")),
        (42, ("optional_data", "composite")),
        (43, ("composite",)),
    ],
)
def test_an_altered_character_fails_the_check_digits_that_cover_it(
    position: int, failing: tuple[str, ...]
) -> None:
    # given a valid passport zone
    first, second = _passport()
    # when one character of the second line is changed
    replacement = "0" if second[position] != "0" else "1"
    tampered = second[:position] + replacement + second[position + 1 :]
    # then exactly the check digits covering it fail
    assert failed_check_digits((first, tampered)) == failing


def test_an_unused_personal_number_may_carry_a_filler_check_digit() -> None:
    first, second = make_td3(
        issuing_state="USA",
        surname="Doe",
        given_names="Jane",
        document_number="A12345678",
        nationality="USA",
        birth_date=date(1990, 1, 2),
        sex="F",
        expiry_date=date(2031, 5, 6),
    )
    assert second[42] == "0"
    with_filler = second[:42] + "<" + second[43:]
    # a filler and a zero are both worth 0, so the composite holds either way
    assert failed_check_digits((first, with_filler)) == ()


def test_a_long_td1_document_number_continues_into_the_optional_data() -> None:
    # given a card number of 12 characters (Doc 9303 Part 5's example)
    lines = make_td1(
        issuing_state="UTO",
        surname="Eriksson",
        given_names="Anna Maria",
        document_number="D23145890734",
        nationality="UTO",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
    )
    # then the first 9 sit in the number field, a filler takes the check position, and the
    # rest follows with the check digit of the whole number
    assert lines[0] == "I<UTOD23145890<7349<<<<<<<<<<<"
    assert failed_check_digits(lines) == ()


def test_a_td3_refuses_a_document_number_over_nine_characters() -> None:
    with pytest.raises(MrzFieldError, match="document_number"):
        make_td3(
            issuing_state="UTO",
            surname="X",
            given_names="Y",
            document_number="D23145890734",
            nationality="UTO",
            birth_date=date(1974, 8, 12),
            sex="F",
            expiry_date=date(2012, 4, 15),
        )


def test_sex_x_is_written_as_a_filler() -> None:
    _, second = make_td3(
        issuing_state="CAN",
        surname="Roe",
        given_names="Sam",
        document_number="AB123456",
        nationality="CAN",
        birth_date=date(1985, 3, 4),
        sex="X",
        expiry_date=date(2030, 3, 4),
    )
    assert second[20] == "<"


@pytest.mark.parametrize(("alpha3", "written"), [("DEU", "D"), ("USA", "USA"), ("UTO", "UTO")])
def test_a_state_is_written_with_its_icao_code(alpha3: str, written: str) -> None:
    assert icao_state_code(alpha3) == written
