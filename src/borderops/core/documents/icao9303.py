"""The ICAO Doc 9303 MRZ standard: alphabet, check digits and where each format puts each field.

Composition (``mrz``) and parsing read the same layout table, so a field moved in one is
moved in both.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

FILLER = "<"
DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALPHABET = frozenset(DIGITS + LETTERS + FILLER)
CHECK_WEIGHTS = (7, 3, 1)
CHARACTER_VALUES: dict[str, int] = {
    **{c: i for i, c in enumerate(DIGITS)},
    **{c: i + 10 for i, c in enumerate(LETTERS)},
    FILLER: 0,
}


# Where Doc 9303 Part 3 departs from ISO 3166 alpha-3: Germany writes D in an MRZ.
ICAO_STATE_CODES: dict[str, str] = {"DEU": "D"}


def icao_state_code(alpha3: str) -> str:
    """The code Doc 9303 writes for a state in an MRZ, given its ISO 3166 alpha-3 code."""
    return ICAO_STATE_CODES.get(alpha3, alpha3)


class MrzFormat(StrEnum):
    """The five MRZ layouts of Doc 9303 Parts 4 to 7."""

    TD1 = "TD1"
    TD2 = "TD2"
    TD3 = "TD3"
    MRV_A = "MRV-A"
    MRV_B = "MRV-B"


LINE_LENGTHS: dict[MrzFormat, tuple[int, ...]] = {
    MrzFormat.TD1: (30, 30, 30),
    MrzFormat.TD2: (36, 36),
    MrzFormat.TD3: (44, 44),
    MrzFormat.MRV_A: (44, 44),
    MrzFormat.MRV_B: (36, 36),
}


class MrzFieldError(ValueError):
    """A value that cannot be written into (or read from) an MRZ field named by ``field``."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"MRZ field {field!r}: {message}")
        self.field = field


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start`` to ``stop`` (0-based, stop exclusive) of one MRZ line."""

    line: int
    start: int
    stop: int

    @property
    def width(self) -> int:
        """How many characters the span holds."""
        return self.stop - self.start

    def read(self, lines: Sequence[str]) -> str:
        """The characters of ``lines`` that the span covers."""
        return lines[self.line][self.start : self.stop]


@dataclass(frozen=True, slots=True)
class CheckedField:
    """A check digit and the characters it protects."""

    name: str
    covers: tuple[Span, ...]
    digit: Span


@dataclass(frozen=True, slots=True)
class Layout:
    """Where a format puts each data field and each check digit (composite last)."""

    fields: dict[str, Span]
    checks: tuple[CheckedField, ...]
    # TD1 and TD2 let a document number over 9 characters run on into the optional data.
    long_document_number: bool


def _two_line_layout(
    *, length: int, optional_stop: int, personal_check: bool, composite: bool, long_number: bool
) -> Layout:
    # TD2, TD3 and both visas share line 1's header and the first 28 characters of line 2.
    fields = {
        "document_code": Span(0, 0, 2),
        "issuing_state": Span(0, 2, 5),
        "name": Span(0, 5, length),
        "document_number": Span(1, 0, 9),
        "nationality": Span(1, 10, 13),
        "birth_date": Span(1, 13, 19),
        "sex": Span(1, 20, 21),
        "expiry_date": Span(1, 21, 27),
        "optional_data": Span(1, 28, optional_stop),
    }
    checks = [
        CheckedField("document_number", (Span(1, 0, 9),), Span(1, 9, 10)),
        CheckedField("birth_date", (Span(1, 13, 19),), Span(1, 19, 20)),
        CheckedField("expiry_date", (Span(1, 21, 27),), Span(1, 27, 28)),
    ]
    stop = optional_stop
    if personal_check:
        checks.append(CheckedField("optional_data", (Span(1, 28, stop),), Span(1, stop, stop + 1)))
        stop += 1
    if composite:
        covers = (Span(1, 0, 10), Span(1, 13, 20), Span(1, 21, stop))
        checks.append(CheckedField("composite", covers, Span(1, stop, stop + 1)))
    return Layout(fields=fields, checks=tuple(checks), long_document_number=long_number)


LAYOUTS: dict[MrzFormat, Layout] = {
    MrzFormat.TD1: Layout(
        fields={
            "document_code": Span(0, 0, 2),
            "issuing_state": Span(0, 2, 5),
            "document_number": Span(0, 5, 14),
            "optional_data": Span(0, 15, 30),
            "birth_date": Span(1, 0, 6),
            "sex": Span(1, 7, 8),
            "expiry_date": Span(1, 8, 14),
            "nationality": Span(1, 15, 18),
            "optional_data_2": Span(1, 18, 29),
            "name": Span(2, 0, 30),
        },
        checks=(
            CheckedField("document_number", (Span(0, 5, 14),), Span(0, 14, 15)),
            CheckedField("birth_date", (Span(1, 0, 6),), Span(1, 6, 7)),
            CheckedField("expiry_date", (Span(1, 8, 14),), Span(1, 14, 15)),
            CheckedField(
                "composite",
                (Span(0, 5, 30), Span(1, 0, 7), Span(1, 8, 15), Span(1, 18, 29)),
                Span(1, 29, 30),
            ),
        ),
        long_document_number=True,
    ),
    MrzFormat.TD2: _two_line_layout(
        length=36, optional_stop=35, personal_check=False, composite=True, long_number=True
    ),
    MrzFormat.TD3: _two_line_layout(
        length=44, optional_stop=42, personal_check=True, composite=True, long_number=False
    ),
    MrzFormat.MRV_A: _two_line_layout(
        length=44, optional_stop=44, personal_check=False, composite=False, long_number=False
    ),
    MrzFormat.MRV_B: _two_line_layout(
        length=36, optional_stop=36, personal_check=False, composite=False, long_number=False
    ),
}


def check_digit(field: str) -> str:
    """The Doc 9303 check digit of ``field``: character values weighted 7-3-1, summed, mod 10."""
    try:
        values = map(CHARACTER_VALUES.__getitem__, field)
        return str(sum(map(operator.mul, values, itertools.cycle(CHECK_WEIGHTS))) % 10)
    except KeyError as error:
        raise MrzFieldError(
            "check_digit", f"{error.args[0]!r} is not an MRZ character (A–Z, 0–9, <)"
        ) from None


def detect_format(lines: Sequence[str]) -> MrzFormat:
    """The MRZ format that the count and length of ``lines`` (and a leading V) indicate."""
    shape = tuple(len(line) for line in lines)
    if shape == (30, 30, 30):
        return MrzFormat.TD1
    if shape == (36, 36):
        return MrzFormat.MRV_B if lines[0].startswith("V") else MrzFormat.TD2
    if shape == (44, 44):
        return MrzFormat.MRV_A if lines[0].startswith("V") else MrzFormat.TD3
    raise MrzFieldError("lines", f"line lengths {shape} match no Doc 9303 format")


def _checked_text(lines: Sequence[str], layout: Layout, check: CheckedField) -> tuple[str, str]:
    data = "".join(span.read(lines) for span in check.covers)
    digit = check.digit.read(lines)
    if check.name == "document_number" and digit == FILLER and layout.long_document_number:
        # The number runs on into the optional data; the last character before the next
        # filler there is the check digit of the whole number.
        extension = layout.fields["optional_data"].read(lines).split(FILLER, 1)[0]
        return data + extension[:-1], extension[-1:] or FILLER
    return data, digit


def failed_check_digits(lines: Sequence[str]) -> tuple[str, ...]:
    """The names of the check digits in ``lines`` that do not verify; empty when all do."""
    layout = LAYOUTS[detect_format(lines)]
    failed = []
    for check in layout.checks:
        data, digit = _checked_text(lines, layout, check)
        if not set(data) <= ALPHABET:
            failed.append(check.name)
            continue
        # An unused personal number may carry a filler instead of its (zero) check digit.
        if check.name == "optional_data" and digit == FILLER and set(data) <= {FILLER}:
            continue
        if digit != check_digit(data):
            failed.append(check.name)
    return tuple(failed)
