"""Every zone the composers produce has Doc 9303's shape, alphabet and valid check digits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from borderops.core.documents.mrz import (
    ALPHABET,
    LINE_LENGTHS,
    detect_format,
    failed_check_digits,
    make_mrva,
    make_mrvb,
    make_td1,
    make_td2,
    make_td3,
)

MAKERS: list[tuple[Callable[..., tuple[str, ...]], int]] = [
    (make_td1, 22),
    (make_td2, 14),
    (make_td3, 9),
    (make_mrva, 9),
    (make_mrvb, 9),
]

names = st.text(
    alphabet=st.characters(categories=("L", "M", "Zs", "Pd"), exclude_characters="\x00"),
    max_size=40,
)
alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@settings(max_examples=300, deadline=None)
@given(
    maker=st.sampled_from(MAKERS),
    surname=names,
    given_names=names,
    number=st.text(alphabet=alnum, min_size=1, max_size=22),
    state=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3),
    birth=dates,
    expiry=dates,
    sex=st.sampled_from(["M", "F", "X"]),
    optional=st.text(alphabet=alnum, max_size=5),
)
def test_every_composed_zone_has_the_right_shape_and_verifies(
    maker: tuple[Callable[..., tuple[str, ...]], int],
    surname: str,
    given_names: str,
    number: str,
    state: str,
    birth: date,
    expiry: date,
    sex: str,
    optional: str,
) -> None:
    # given any holder, trimmed to what the format can carry
    make, longest_number = maker
    number = number[:longest_number]
    # a long number fills the optional data field itself
    optional = "" if len(number) > 9 else optional
    # when the zone is composed
    lines = make(
        issuing_state=state,
        surname=surname,
        given_names=given_names,
        document_number=number,
        nationality=state,
        birth_date=birth,
        sex=sex,
        expiry_date=expiry,
        optional_data=optional,
    )
    # then its lines have the format's lengths, only MRZ characters, and valid check digits
    fmt = detect_format(lines)
    assert tuple(len(line) for line in lines) == LINE_LENGTHS[fmt]
    assert all(set(line) <= ALPHABET for line in lines)
    assert failed_check_digits(lines) == ()
