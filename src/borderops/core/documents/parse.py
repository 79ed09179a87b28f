"""Reading ICAO Doc 9303 machine-readable zones back into fields, tolerating common OCR slips.

Positions come from ``icao9303.LAYOUTS``, the table composition uses too. Parsing never
raises: whatever it is given, it returns an ``MrzReading`` whose ``errors`` say what is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from borderops.core.documents.icao9303 import (
    ALPHABET,
    CHARACTER_VALUES,
    CHECK_WEIGHTS,
    DIGITS,
    FILLER,
    LAYOUTS,
    CheckedField,
    Layout,
    MrzFieldError,
    MrzFormat,
    Span,
    detect_format,
)

__all__ = ["MrzReading", "parse_mrz", "read_blocks"]

# Characters OCR confuses, read as the kind of character a field is known to hold.
TO_DIGIT = {"O": "0", "I": "1", "Z": "2", "S": "5", "G": "6", "B": "8"}
TO_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B"}
# Document numbers mix both, so only these symmetric swaps are tried, and only on a failed check.
SWAPS = {"O": "0", "0": "O", "I": "1", "1": "I", "B": "8", "8": "B", "S": "5", "5": "S"}
SWAPS |= {"Z": "2", "2": "Z", "G": "6", "6": "G"}

FORMAT_NAMES = {
    MrzFormat.TD1: "TD1",
    MrzFormat.TD2: "TD2",
    MrzFormat.TD3: "TD3",
    MrzFormat.MRV_A: "MRVA",
    MrzFormat.MRV_B: "MRVB",
}
LETTER_FIELDS = ("document_code", "issuing_state", "nationality", "sex", "name")
DATE_FIELDS = ("birth_date", "expiry_date")
SEXES = {"M": "M", "F": "F", "X": "X", FILLER: "X"}
_LOWERCASE = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True, slots=True)
class MrzReading:
    """What one MRZ says, with every check that failed and every character corrected."""

    format: MrzFormat | None = None
    document_code: str | None = None
    issuing_state: str | None = None
    document_number: str | None = None
    nationality: str | None = None
    birth_date: date | None = None
    sex: str | None = None
    expiry_date: date | None = None
    surname: str | None = None
    given_names: str | None = None
    optional_data: str | None = None
    errors: tuple[str, ...] = ()
    corrections: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        """True when every check digit verifies and every date is a calendar date."""
        return self.format is not None and not self.errors

    def to_json(self) -> dict[str, object]:
        """The reading as JSON-ready values: ISO dates, format names without hyphens."""
        return {
            "format": FORMAT_NAMES[self.format] if self.format is not None else None,
            "document_code": self.document_code,
            "issuing_state": self.issuing_state,
            "document_number": self.document_number,
            "nationality": self.nationality,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "sex": self.sex,
            "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
            "surname": self.surname,
            "given_names": self.given_names,
            "optional_data": self.optional_data,
            "valid": self.valid,
            "errors": list(self.errors),
            "corrections": list(self.corrections),
        }


def read_blocks(text: str) -> list[list[str]]:
    """The runs of non-empty lines in ``text`` (stripped), split at blank lines, in order.

    Runs of any size are returned, so a stray line is reported as a bad MRZ, not dropped.
    """
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _check_digit(data: str) -> str | None:
    # Like icao9303.check_digit, but None for text outside the MRZ alphabet instead of raising.
    total = 0
    for index, character in enumerate(data):
        value = CHARACTER_VALUES.get(character)
        if value is None:
            return None
        total += value * CHECK_WEIGHTS[index % 3]
    return str(total % 10)


class _Zone:
    """The MRZ characters, corrected in place, with a note of every correction."""

    def __init__(self, lines: list[str], fmt: MrzFormat) -> None:
        self.rows = [list(line) for line in lines]
        self.layout: Layout = LAYOUTS[fmt]
        self.corrections: list[str] = []

    def read(self, span: Span) -> str:
        return "".join(self.rows[span.line][span.start : span.stop])

    def correct(self, span: Span, table: dict[str, str], label: str) -> None:
        row = self.rows[span.line]
        for offset in range(span.width):
            old = row[span.start + offset]
            new = table.get(old)
            if new is not None:
                row[span.start + offset] = new
                self.corrections.append(f"{label}:{old}->{new}@{offset}")

    def long_number(self) -> bool:
        check = self._check("document_number")
        return (
            self.layout.long_document_number
            and check is not None
            and self.read(check.digit) == FILLER
        )

    def _check(self, name: str) -> CheckedField | None:
        return next((check for check in self.layout.checks if check.name == name), None)

    def number_cells(self) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
        """Where each character of the document number sits, and where its check digit sits."""
        field = self.layout.fields["document_number"]
        cells = [(field.line, column) for column in range(field.start, field.stop)]
        check = self._check("document_number")
        if check is None:
            return cells, None
        if not self.long_number():
            return cells, (check.digit.line, check.digit.start)
        optional = self.layout.fields["optional_data"]
        run = self.read(optional).split(FILLER, 1)[0]
        if not run:
            return cells, None
        extension = [(optional.line, optional.start + i) for i in range(len(run))]
        return cells + extension[:-1], extension[-1]

    def checked(self, check: CheckedField) -> tuple[str, str]:
        if check.name == "document_number":
            cells, digit = self.number_cells()
            data = "".join(self.rows[line][column] for line, column in cells)
            return data, self.rows[digit[0]][digit[1]] if digit else FILLER
        return "".join(self.read(span) for span in check.covers), self.read(check.digit)

    def verifies(self, check: CheckedField) -> bool:
        data, digit = self.checked(check)
        if check.name == "optional_data" and digit == FILLER and set(data) <= {FILLER}:
            return True  # An unused personal number may carry a filler for its check digit.
        expected = _check_digit(data)
        return expected is not None and digit == expected


def _normalise(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    if isinstance(lines, str):
        lines = lines.splitlines()
    cleaned: list[str] = []
    corrections: list[str] = []
    for raw in lines:
        line = str(raw).strip()
        if not line:
            continue
        upper = line.translate(_LOWERCASE)
        if upper != line:
            corrections.append(f"line{len(cleaned) + 1}:lowercase->uppercase")
        cleaned.append(upper)
    return cleaned, corrections


def _correct_known_types(zone: _Zone) -> None:
    layout = zone.layout
    for name in LETTER_FIELDS:
        zone.correct(layout.fields[name], TO_LETTER, name)
    for name in DATE_FIELDS:
        zone.correct(layout.fields[name], TO_DIGIT, name)
    for check in layout.checks:
        if check.name == "document_number" and zone.long_number():
            continue  # The filler says the number and its digit run on into the optional data.
        zone.correct(check.digit, TO_DIGIT, f"{check.name}_check")


def _repair_document_number(zone: _Zone) -> None:
    """Swap one confusable character of the number if that, alone, makes its check pass."""
    checks = {check.name: check for check in zone.layout.checks}
    number = checks["document_number"]
    if zone.verifies(number):
        return
    cells, _ = zone.number_cells()
    candidates: list[tuple[int, int, int, str, str]] = []
    for index, (line, column) in enumerate(cells):
        old = zone.rows[line][column]
        new = SWAPS.get(old)
        if new is None:
            continue
        zone.rows[line][column] = new
        if zone.verifies(number):
            candidates.append((index, line, column, old, new))
        zone.rows[line][column] = old
    composite = checks.get("composite")
    if len(candidates) > 1 and composite is not None:
        agreeing = []
        for candidate in candidates:
            _, line, column, old, new = candidate
            zone.rows[line][column] = new
            if zone.verifies(composite):
                agreeing.append(candidate)
            zone.rows[line][column] = old
        candidates = agreeing
    if len(candidates) == 1:
        index, line, column, old, new = candidates[0]
        zone.rows[line][column] = new
        zone.corrections.append(f"document_number:{old}->{new}@{index}")


def _date(text: str, *, today: date, birth: bool) -> date | None:
    if len(text) != 6 or not set(text) <= set(DIGITS):
        return None
    yy, month, day = int(text[:2]), int(text[2:4]), int(text[4:])
    if birth:
        # A birth date is never in the future.
        year = 2000 + yy
        if year > today.year:
            year -= 100
    else:
        # An expiry date is this century unless that puts it more than 50 years ahead.
        year = 2000 + yy if 2000 + yy <= today.year + 50 else 1900 + yy
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if birth and found > today:
        try:
            found = found.replace(year=found.year - 100)
        except ValueError:
            return None
    return found


def _names(text: str) -> tuple[str, str]:
    primary, _, secondary = text.partition(FILLER * 2)

    def words(part: str) -> str:
        return " ".join(word for word in part.split(FILLER) if word)

    return words(primary), words(secondary)


def _optional_data(zone: _Zone) -> str:
    fields = zone.layout.fields
    first = zone.read(fields["optional_data"])
    if zone.long_number():
        first = first.partition(FILLER)[2]  # after the rest of the number and its check digit
    parts = [first.strip(FILLER)]
    if "optional_data_2" in fields:
        parts.append(zone.read(fields["optional_data_2"]).strip(FILLER))
    return FILLER.join(part for part in parts if part)


def parse_mrz(lines: Sequence[str], *, today: date | None = None) -> MrzReading:
    """Read a TD1, TD2, TD3, MRV-A or MRV-B zone; never raises, reports problems in ``errors``.

    ``today`` fixes the centuries of two-digit years (default: the current date).
    """
    today = today or date.today()
    cleaned, corrections = _normalise(lines)
    try:
        fmt = detect_format(cleaned)
    except MrzFieldError:
        return MrzReading(errors=("length",), corrections=tuple(corrections))
    errors: list[str] = []
    if not all(set(line) <= ALPHABET for line in cleaned):
        errors.append("charset")
    zone = _Zone(cleaned, fmt)
    _correct_known_types(zone)
    _repair_document_number(zone)
    corrections += zone.corrections
    fields = zone.layout.fields

    document_code = zone.read(fields["document_code"])
    if not document_code[:1].isalpha() or not document_code[:1].isascii():
        errors.append("format")
    for check in zone.layout.checks:
        if not zone.verifies(check):
            errors.append(f"check_digit:{check.name}")

    dates: dict[str, date | None] = {}
    for name in DATE_FIELDS:
        dates[name] = _date(zone.read(fields[name]), today=today, birth=name == "birth_date")
        if dates[name] is None:
            errors.append(f"date:{name}")

    sex = SEXES.get(zone.read(fields["sex"]))
    if sex is None:
        errors.append("sex")

    cells, _ = zone.number_cells()
    number = "".join(zone.rows[line][column] for line, column in cells)
    surname, given_names = _names(zone.read(fields["name"]))
    return MrzReading(
        format=fmt,
        document_code=document_code.rstrip(FILLER),
        issuing_state=zone.read(fields["issuing_state"]).rstrip(FILLER),
        document_number=number.rstrip(FILLER),
        nationality=zone.read(fields["nationality"]).rstrip(FILLER),
        birth_date=dates["birth_date"],
        sex=sex,
        expiry_date=dates["expiry_date"],
        surname=surname,
        given_names=given_names,
        optional_data=_optional_data(zone),
        errors=tuple(errors),
        corrections=tuple(corrections),
    )
