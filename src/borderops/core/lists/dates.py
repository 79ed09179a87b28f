"""Birth dates as lists write them, turned into ISO dates that may be partial.

``12 Jan 1970`` becomes ``1970-01-12``, ``Jan 1970`` becomes ``1970-01`` and ``1970`` stays
``1970``. A range (``1970 to 1972``, ``01 Jan 1961 to 31 Dec 1962``, ``circa 1979-1982``)
becomes every year it spans, up to ``MAX_RANGE_YEARS``; ``circa`` marks the reading as
approximate. Text that is none of these is not read at all, never guessed at.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MAX_RANGE_YEARS = 25

MONTHS: dict[str, int] = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_abbr[number], calendar.month_name[number])
}
MONTHS["sept"] = 9

_ONE = r"(?:(\d{1,2})\s+)?(?:([A-Za-z]{3,9})\.?\s+)?(\d{4})"
_SINGLE = re.compile(rf"{_ONE}")
_RANGE = re.compile(rf"{_ONE}\s*(?:to|-|–)\s*{_ONE}")
_CIRCA = re.compile(r"(?:circa|approximately|approx\.?|about|ca\.)\s+", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class DateReading:
    """The ISO dates a date text stands for, and whether the list called them approximate."""

    dates: tuple[str, ...]
    approximate: bool = False


def iso_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """A possibly partial ISO date, or None when the parts are not a real date."""
    if not 1000 <= year <= 2999:
        return None
    if month is None:
        return None if day is not None else f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _parts(day: str | None, month: str | None, year: str) -> tuple[int, int | None, int | None]:
    month_number = MONTHS.get(month.casefold(), 0) if month else None
    return int(year), month_number, int(day) if day else None


def read_date(text: str) -> DateReading | None:
    """The dates an OFAC-style date text (``12 Jan 1970``, ``circa 1970``) stands for."""
    value = text.strip().rstrip(".").strip()
    circa = _CIRCA.match(value)
    if circa:
        value = value[circa.end() :]
    approximate = circa is not None
    single = _SINGLE.fullmatch(value)
    if single:
        found = iso_date(*_parts(*single.groups()))
        return DateReading((found,), approximate) if found else None
    span = _RANGE.fullmatch(value)
    if span is None:
        return None
    groups = span.groups()
    start, end = _parts(*groups[:3]), _parts(*groups[3:])
    if iso_date(*start) is None or iso_date(*end) is None:
        return None
    return year_range(start[0], end[0], approximate=approximate)


def year_range(first: int, last: int, *, approximate: bool = False) -> DateReading | None:
    """Every year from ``first`` to ``last``, or None when the span is reversed or too long."""
    if not 0 <= last - first < MAX_RANGE_YEARS or iso_date(first) is None:
        return None
    return DateReading(tuple(f"{year:04d}" for year in range(first, last + 1)), approximate)


def read_iso_date(text: str) -> str | None:
    """A possibly partial ISO date (``1970``, ``1970-05``, ``1970-05-17``), checked, or None."""
    found = _ISO.fullmatch(text.strip())
    if found is None:
        return None
    year, month, day = found.groups()
    return iso_date(int(year), int(month) if month else None, int(day) if day else None)


def read_iso_day(text: str) -> date | None:
    """A full ISO date (``2025-03-03``, optionally with a time after ``T``), or None."""
    value = text.strip().split("T", 1)[0]
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None
