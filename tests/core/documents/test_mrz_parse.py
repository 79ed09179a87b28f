"""Reading MRZs back into fields: specimens, round trips, check digits, OCR slips, garbage."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderops.core.documents.mrz import make_mrva, make_mrvb, make_td1, make_td2, make_td3
from borderops.core.documents.parse import MrzReading, parse_mrz, read_blocks

SPECIMENS = Path("/work/shared/data/mrz-icao-specimens/icao9303_specimens.csv")
TODAY = date(2026, 1, 1)
KEYS = {
    "format", "document_code", "issuing_state", "document_number", "nationality", "birth_date",
    "sex", "expiry_date", "surname", "given_names", "optional_data", "valid", "errors",
    "corrections",
}  # fmt: skip
TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
TD2 = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6")
MRVA = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
)


def _specimens() -> list[dict[str, str]]:
    if not SPECIMENS.exists():
        return []
    with SPECIMENS.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _iso(yymmdd: str, century: int) -> str:
    return f"{century + int(yymmdd[:2])}-{yymmdd[2:4]}-{yymmdd[4:]}"


def _read(lines: tuple[str, ...] | list[str]) -> dict[str, Any]:
    return parse_mrz(lines, today=TODAY).to_json()


def _replace(lines: tuple[str, ...], line: int, column: int, character: str) -> list[str]:
    changed = list(lines)
    changed[line] = changed[line][:column] + character + changed[line][column + 1 :]
    return changed


@pytest.mark.parametrize("row", _specimens() or [None], ids=lambda row: row and row["format"])
def test_icao_specimen_parses_to_its_published_fields(row: dict[str, str] | None) -> None:
    if row is None:
        pytest.skip(f"ICAO specimens not found at {SPECIMENS}")
    lines = [row[key] for key in ("line1", "line2", "line3") if row[key]]
    reading = _read(lines)
    birth_century = 1900 if int(row["birth_date_yymmdd"][:2]) > TODAY.year % 100 else 2000
    expiry_century = 2000 if int(row["expiry_date_yymmdd"][:2]) <= 76 else 1900
    assert reading == {
        "format": row["format"].replace("-", ""),
        "document_code": row["document_code"],
        "issuing_state": row["issuing_state"],
        "document_number": row["document_number"],
        "nationality": row["nationality"],
        "birth_date": _iso(row["birth_date_yymmdd"], birth_century),
        "sex": row["sex"],
        "expiry_date": _iso(row["expiry_date_yymmdd"], expiry_century),
        "surname": row["primary_identifier"],
        "given_names": row["secondary_identifier"],
        "optional_data": row["optional_data"],
        "valid": True,
        "errors": [],
        "corrections": [],
    }


HOLDERS: list[dict[str, Any]] = [
    {
        "issuing_state": "UTO",
        "surname": "ERIKSSON",
        "given_names": "ANNA MARIA",
        "document_number": "L898902C3",
        "nationality": "UTO",
        "birth_date": date(1974, 8, 12),
        "sex": "F",
        "expiry_date": date(2031, 4, 15),
    },
    {
        "issuing_state": "D",
        "surname": "MUSTERMANN",
        "given_names": "ERIKA",
        "document_number": "C01X00T47",
        "nationality": "D",
        "birth_date": date(1964, 8, 12),
        "sex": "X",
        "expiry_date": date(2027, 10, 31),
        "optional_data": "A12",
    },
    {
        "issuing_state": "MEX",
        "surname": "DE LA CRUZ GARCIA",
        "given_names": "",
        "document_number": "G1234",
        "nationality": "MEX",
        "birth_date": date(2004, 2, 29),
        "sex": "M",
        "expiry_date": date(2034, 2, 28),
    },
]
MAKERS: list[tuple[str, Callable[..., tuple[str, ...]], str]] = [
    ("TD1", make_td1, "I"),
    ("TD2", make_td2, "I"),
    ("TD3", make_td3, "P"),
    ("MRVA", make_mrva, "V"),
    ("MRVB", make_mrvb, "V"),
]


@pytest.mark.parametrize("holder", HOLDERS, ids=lambda holder: holder["surname"])
@pytest.mark.parametrize(("name", "make", "code"), MAKERS, ids=[m[0] for m in MAKERS])
def test_composed_mrz_parses_back_to_its_fields(
    name: str, make: Callable[..., tuple[str, ...]], code: str, holder: dict[str, Any]
) -> None:
    reading = parse_mrz(make(**holder), today=TODAY)
    assert reading.valid, reading.errors
    assert reading.format is not None
    assert (reading.to_json()["format"], reading.document_code) == (name, code)
    expected = {**holder, "sex": holder["sex"], "optional_data": holder.get("optional_data", "")}
    for field, value in expected.items():
        assert getattr(reading, field) == value, field


def test_td1_long_document_number_runs_into_optional_data() -> None:
    lines = make_td1(**{**HOLDERS[0], "document_number": "D23145890734", "optional_data": "X9"})
    assert lines[0][14] == "<"
    reading = _read(lines)
    assert reading["valid"] is True
    assert reading["document_number"] == "D23145890734"
    assert reading["optional_data"] == "X9"


def test_td2_long_document_number_runs_into_optional_data() -> None:
    reading = _read(make_td2(**{**HOLDERS[0], "document_number": "AB12345678901"}))
    assert (reading["valid"], reading["document_number"]) == (True, "AB12345678901")


def test_td1_long_number_with_wrong_check_digit_is_reported() -> None:
    lines = make_td1(**{**HOLDERS[0], "document_number": "D23145890734"})
    # the number's check digit follows its last characters "734" in the optional data
    digit = lines[0][18]
    corrupted = _replace(lines, 0, 18, str((int(digit) + 5) % 10))
    assert "check_digit:document_number" in _read(corrupted)["errors"]


# (lines, line, column of the check digit, error)
CHECK_DIGITS = [
    (TD3, 1, 9, "check_digit:document_number"),
    (TD3, 1, 19, "check_digit:birth_date"),
    (TD3, 1, 27, "check_digit:expiry_date"),
    (TD3, 1, 42, "check_digit:optional_data"),
    (TD3, 1, 43, "check_digit:composite"),
    (TD1, 0, 14, "check_digit:document_number"),
    (TD1, 1, 6, "check_digit:birth_date"),
    (TD1, 1, 14, "check_digit:expiry_date"),
    (TD1, 1, 29, "check_digit:composite"),
    (TD2, 1, 9, "check_digit:document_number"),
    (TD2, 1, 19, "check_digit:birth_date"),
    (TD2, 1, 27, "check_digit:expiry_date"),
    (TD2, 1, 35, "check_digit:composite"),
    (MRVA, 1, 9, "check_digit:document_number"),
    (MRVA, 1, 19, "check_digit:birth_date"),
    (MRVA, 1, 27, "check_digit:expiry_date"),
]


@pytest.mark.parametrize(("lines", "line", "column", "error"), CHECK_DIGITS)
def test_corrupted_check_digit_is_reported(
    lines: tuple[str, ...], line: int, column: int, error: str
) -> None:
    digit = lines[line][column]
    corrupted = _replace(lines, line, column, str((int(digit) + 5) % 10))
    reading = _read(corrupted)
    assert reading["valid"] is False
    assert error in reading["errors"]
    if error != "check_digit:composite":
        # a field's own digit is also covered by the composite, where there is one
        assert set(reading["errors"]) <= {error, "check_digit:composite"}


@pytest.mark.parametrize(
    ("line", "column", "character", "correction"),
    [
        (1, 15, "O", "birth_date:O->0@2"),
        (1, 23, "O", "expiry_date:O->0@2"),
        (1, 12, "0", "nationality:0->O@2"),
        (0, 4, "0", "issuing_state:0->O@2"),
        (0, 9, "5", "name:5->S@4"),
        (1, 19, "Z", "birth_date_check:Z->2@0"),
        (1, 21, "I", "expiry_date:I->1@0"),
    ],
)
def test_ocr_confusion_in_typed_field_is_corrected_and_reported(
    line: int, column: int, character: str, correction: str
) -> None:
    reading = _read(_replace(TD3, line, column, character))
    original = _read(TD3)
    assert reading["corrections"] == [correction]
    assert {**reading, "corrections": []} == original


def test_document_number_is_repaired_when_exactly_one_swap_passes_its_check() -> None:
    reading = _read(_replace(TD3, 1, 5, "O"))  # L898902C3 read as L8989O2C3
    assert reading["valid"] is True
    assert reading["document_number"] == "L898902C3"
    assert reading["corrections"] == ["document_number:O->0@5"]


def test_document_number_is_left_alone_when_swaps_are_ambiguous() -> None:
    # LB98902C3: both B->8 at 1 and 8->B at 3 would pass the check, so neither is guessed.
    reading = _read(_replace(TD3, 1, 1, "B"))
    assert reading["document_number"] == "LB98902C3"
    assert reading["corrections"] == []
    assert "check_digit:document_number" in reading["errors"]


def test_lowercase_is_uppercased_and_noted() -> None:
    reading = _read([TD3[0].lower(), TD3[1]])
    assert reading["valid"] is True
    assert reading["corrections"] == ["line1:lowercase->uppercase"]


def test_surrounding_whitespace_is_ignored() -> None:
    assert _read([f"  {TD3[0]}\t", f"{TD3[1]} \n"]) == _read(TD3)


@pytest.mark.parametrize(
    ("yymmdd", "error"), [("740230", "date:birth_date"), ("741312", "date:birth_date")]
)
def test_impossible_birth_date_is_an_error(yymmdd: str, error: str) -> None:
    line = TD3[1][:13] + yymmdd + "0" + TD3[1][20:]
    reading = _read([TD3[0], line])
    assert reading["birth_date"] is None
    assert error in reading["errors"]


@pytest.mark.parametrize(
    ("birth", "expiry", "birth_iso", "expiry_iso"),
    [
        ("250101", "991231", "2025-01-01", "1999-12-31"),
        ("270101", "760101", "1927-01-01", "2076-01-01"),
        ("261231", "770101", "1926-12-31", "1977-01-01"),
    ],
)
def test_two_digit_years_get_plausible_centuries(
    birth: str, expiry: str, birth_iso: str, expiry_iso: str
) -> None:
    reading = parse_mrz(
        make_td3(
            **{
                **HOLDERS[0],
                "birth_date": date(2000 + int(birth[:2]), int(birth[2:4]), int(birth[4:])),
                "expiry_date": date(2000 + int(expiry[:2]), int(expiry[2:4]), int(expiry[4:])),
            }
        ),
        today=date(2026, 6, 1),
    )
    assert reading.to_json()["birth_date"] == birth_iso
    assert reading.to_json()["expiry_date"] == expiry_iso


GARBAGE: list[list[str]] = [
    [],
    [""],
    [TD3[0]],
    [TD3[0], TD3[1][:-1]],
    [TD3[0], TD3[1], TD3[1]],
    ["😀" * 44, "😀" * 44],
    ["hello world", "not an mrz"],
    ["<" * 44, "<" * 44],
    ["P<UTOERIKSSON<<ANNA MARIA<<<<<<<<<<<<<<<<<<<", TD3[1]],
]


@pytest.mark.parametrize("lines", GARBAGE)
def test_garbage_is_invalid_and_never_raises(lines: list[str]) -> None:
    reading = _read(lines)
    assert reading["valid"] is False
    assert reading["errors"]
    assert set(reading) == KEYS
    assert {"length", "format", "charset"} & set(reading["errors"])


def test_wrong_shape_has_no_fields() -> None:
    reading = _read(["hello"])
    assert reading["errors"] == ["length"]
    assert all(reading[key] is None for key in KEYS - {"valid", "errors", "corrections"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=50), max_size=4))
def test_parse_never_raises_on_arbitrary_text(lines: list[str]) -> None:
    reading = parse_mrz(lines, today=TODAY)
    assert isinstance(reading, MrzReading)
    assert set(reading.to_json()) == KEYS


MRZ_CHARACTERS = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<")


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([(30, 30, 30), (36, 36), (44, 44)]).flatmap(
        lambda shape: st.tuples(
            *(st.text(alphabet=MRZ_CHARACTERS, min_size=n, max_size=n) for n in shape)
        )
    )
)
def test_parse_never_raises_on_mrz_shaped_noise(lines: tuple[str, ...]) -> None:
    reading = parse_mrz(lines, today=TODAY)
    assert reading.format is not None
    assert set(reading.to_json()) == KEYS


def test_read_blocks_splits_at_blank_lines() -> None:
    text = f"\n{TD3[0]}\n  {TD3[1]}  \n\n \n{TD1[0]}\n{TD1[1]}\n{TD1[2]}\n"
    assert read_blocks(text) == [list(TD3), list(TD1)]
    assert read_blocks("") == []
