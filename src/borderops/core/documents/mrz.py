"""Composing the machine-readable zones of ICAO Doc 9303 travel documents.

The standard's constants and check-digit verification live in ``icao9303`` and are
re-exported here, so ``from borderops.core.documents.mrz import check_digit`` works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import NotRequired, TypedDict

from typing_extensions import Unpack

from borderops.core.documents.icao9303 import (
    ALPHABET,
    CHARACTER_VALUES,
    CHECK_WEIGHTS,
    DIGITS,
    FILLER,
    LAYOUTS,
    LETTERS,
    LINE_LENGTHS,
    MrzFieldError,
    MrzFormat,
    check_digit,
    detect_format,
    failed_check_digits,
    icao_state_code,
)
from borderops.core.documents.transliteration import mrz_text

__all__ = [
    "ALPHABET",
    "CHARACTER_VALUES",
    "CHECK_WEIGHTS",
    "FILLER",
    "LINE_LENGTHS",
    "SEX_CODES",
    "MrzFieldError",
    "MrzFormat",
    "check_digit",
    "detect_format",
    "failed_check_digits",
    "icao_state_code",
    "make_mrva",
    "make_mrvb",
    "make_td1",
    "make_td2",
    "make_td3",
    "name_field",
]

# Doc 9303 writes an unspecified sex as a filler; X is how a VIZ prints it.
SEX_CODES = {"M": "M", "F": "F", "X": FILLER, FILLER: FILLER}
_NUMBER_CHARACTERS = frozenset(DIGITS + LETTERS)
_MRZ_TEXT = re.compile("[A-Z0-9<]*")


@dataclass(frozen=True, slots=True)
class _Holder:
    document_code: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: date
    sex: str
    expiry_date: date
    optional_data: str
    optional_data_2: str
    name_language: str | None


def name_field(surname: str, given_names: str, *, width: int, language: str | None = None) -> str:
    """The name zone: primary identifier, ``<<``, secondary identifier, cut and padded to width.

    Doc 9303 lets an issuer truncate in several ways; this one cuts at the end of the zone,
    which keeps the primary identifier whole whenever it fits.
    """
    primary = mrz_text(surname, language=language)
    secondary = mrz_text(given_names, language=language)
    text = primary + (FILLER * 2 + secondary if secondary else "")
    return text[:width].rstrip(FILLER).ljust(width, FILLER)


def _padded(value: str, width: int, field: str) -> str:
    text = value.upper().replace(" ", FILLER)
    if len(text) > width:
        raise MrzFieldError(field, f"{value!r} is longer than its {width} characters")
    if not _MRZ_TEXT.fullmatch(text):
        raise MrzFieldError(field, f"{value!r} holds characters other than A–Z, 0–9 and <")
    return text.ljust(width, FILLER)


@cache
def _segments(fmt: MrzFormat) -> tuple[tuple[tuple[bool, str, int, int], ...], ...]:
    # Each line's fields and check digits in position order, so a line can be written left
    # to right: every check digit covers only characters already written before it.
    layout = LAYOUTS[fmt]
    lines: list[list[tuple[bool, str, int, int]]] = [[] for _ in LINE_LENGTHS[fmt]]
    for name, span in layout.fields.items():
        lines[span.line].append((False, name, span.start, span.stop))
    for check in layout.checks:
        lines[check.digit.line].append((True, check.name, check.digit.start, check.digit.stop))
    return tuple(tuple(sorted(line, key=lambda segment: segment[2])) for line in lines)


def _compose(fmt: MrzFormat, holder: _Holder) -> tuple[str, ...]:
    layout = LAYOUTS[fmt]
    sex = SEX_CODES.get(holder.sex.upper())
    if sex is None:
        raise MrzFieldError("sex", f"{holder.sex!r} is not one of M, F, X")
    number = holder.document_number.upper().replace(" ", "")
    if not number or not set(number) <= _NUMBER_CHARACTERS:
        raise MrzFieldError("document_number", f"{holder.document_number!r} must be A–Z, 0–9")
    optional = holder.optional_data
    long_number = len(number) > 9
    if long_number:
        if not layout.long_document_number:
            raise MrzFieldError("document_number", f"{fmt} holds at most 9 characters")
        optional = number[9:] + check_digit(number) + (FILLER + optional if optional else "")
    if holder.optional_data_2 and "optional_data_2" not in layout.fields:
        raise MrzFieldError("optional_data_2", f"{fmt} has no second optional data field")
    name_width = layout.fields["name"].width
    values = {
        "document_code": holder.document_code,
        "issuing_state": holder.issuing_state,
        "nationality": holder.nationality,
        "document_number": number[:9],
        "birth_date": holder.birth_date.strftime("%y%m%d"),
        "sex": sex,
        "expiry_date": holder.expiry_date.strftime("%y%m%d"),
        "optional_data": optional,
        "optional_data_2": holder.optional_data_2,
        "name": name_field(
            holder.surname, holder.given_names, width=name_width, language=holder.name_language
        ),
    }
    checks = {check.name: check.covers for check in layout.checks}
    written: list[str] = []
    for line, segments in enumerate(_segments(fmt)):
        text = ""
        for is_check, name, start, stop in segments:
            text = text.ljust(start, FILLER)
            if not is_check:
                text += _padded(values[name], stop - start, name)
            elif name == "document_number" and long_number:
                text += FILLER
            else:
                data = "".join(
                    (text if span.line == line else written[span.line])[span.start : span.stop]
                    for span in checks[name]
                )
                text += check_digit(data)
        written.append(text.ljust(LINE_LENGTHS[fmt][line], FILLER))
    return tuple(written)


class HolderFields(TypedDict):
    """What every MRZ says about the document and its holder (keyword arguments of make_*)."""

    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: date
    sex: str
    expiry_date: date
    optional_data: NotRequired[str]
    name_language: NotRequired[str | None]


def _holder(document_code: str, fields: HolderFields, optional_data_2: str = "") -> _Holder:
    return _Holder(
        document_code=document_code,
        optional_data=fields.get("optional_data", ""),
        optional_data_2=optional_data_2,
        name_language=fields.get("name_language"),
        issuing_state=fields["issuing_state"],
        surname=fields["surname"],
        given_names=fields["given_names"],
        document_number=fields["document_number"],
        nationality=fields["nationality"],
        birth_date=fields["birth_date"],
        sex=fields["sex"],
        expiry_date=fields["expiry_date"],
    )


def _two_lines(layout: MrzFormat, holder: _Holder) -> tuple[str, str]:
    first, second = _compose(layout, holder)
    return first, second


def make_td3(*, document_code: str = "P", **fields: Unpack[HolderFields]) -> tuple[str, str]:
    """The two 44-character lines of a passport booklet (TD3) MRZ."""
    return _two_lines(MrzFormat.TD3, _holder(document_code, fields))


def make_td2(*, document_code: str = "I", **fields: Unpack[HolderFields]) -> tuple[str, str]:
    """The two 36-character lines of a TD2 card MRZ; a number over 9 characters runs on."""
    return _two_lines(MrzFormat.TD2, _holder(document_code, fields))


def make_td1(
    *, document_code: str = "I", optional_data_2: str = "", **fields: Unpack[HolderFields]
) -> tuple[str, str, str]:
    """The three 30-character lines of an ID or passport card (TD1) MRZ.

    A document number over 9 characters keeps its first 9 in the number field, puts a
    filler where the check digit would be, and continues in the first optional data field
    followed by the check digit of the whole number.
    """
    first, second, third = _compose(MrzFormat.TD1, _holder(document_code, fields, optional_data_2))
    return first, second, third


def make_mrva(*, document_code: str = "V", **fields: Unpack[HolderFields]) -> tuple[str, str]:
    """The two 44-character lines of a full-page visa (MRV-A) MRZ."""
    return _two_lines(MrzFormat.MRV_A, _holder(document_code, fields))


def make_mrvb(*, document_code: str = "V", **fields: Unpack[HolderFields]) -> tuple[str, str]:
    """The two 36-character lines of a smaller visa (MRV-B) MRZ."""
    return _two_lines(MrzFormat.MRV_B, _holder(document_code, fields))
