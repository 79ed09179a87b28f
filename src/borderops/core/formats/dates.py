"""EDIFACT and airline date notations turned into ISO 8601 strings.

Two-digit years are placed by what the date is: a birth date (``past_of`` the year the
message was prepared) lies in that year or before it; any other date (a flight, an expiry, a
reservation) lies between 1970 and 2069. Every function raises ``ValueError`` with a short
reason when the text is not a real date or time; the readers add the segment.
"""

from __future__ import annotations

from datetime import date

MONTHS = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}
# DTM format qualifiers (UN/EDIFACT 2379) by the length of the value they describe.
_FORMAT_BY_LENGTH = {6: "101", 8: "102", 10: "201", 12: "203", 14: "204"}
_LAYOUTS = {  # format → (has century, has time, has seconds)
    "101": (False, False, False),
    "102": (True, False, False),
    "201": (False, True, False),
    "203": (True, True, False),
    "204": (True, True, True),
}


def is_digits(value: str) -> bool:
    """Only ASCII digits: ``str.isdigit`` also accepts ``²`` and ``١``, which ``int`` or a
    date cannot use (found by fuzzing)."""
    return value.isascii() and value.isdigit()


def number(value: str) -> int | None:
    """The count written in the text (spaces around it ignored), or None."""
    value = value.strip(" ")
    return int(value) if is_digits(value) else None


def _year(two_digits: int, past_of: int | None) -> int:
    if past_of is not None:
        year = 2000 + two_digits
        return year if year <= past_of else year - 100
    return 2000 + two_digits if two_digits < 70 else 1900 + two_digits


def _iso_date(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise ValueError(f"{year:04d}-{month:02d}-{day:02d} is not a calendar day") from None


def iso_time(value: str) -> str:
    """``"1540"`` or ``"154000"`` as ``"15:40"`` / ``"15:40:00"``."""
    if len(value) not in (4, 6) or not is_digits(value):
        raise ValueError(f"{value!r} is not a time (HHMM)")
    hour, minute = int(value[:2]), int(value[2:4])
    second = int(value[4:]) if len(value) == 6 else 0
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"{value!r} is not a time of day")
    return f"{value[:2]}:{value[2:4]}" + (f":{value[4:]}" if len(value) == 6 else "")


def dtm_value(value: str, fmt: str = "", *, past_of: int | None = None) -> str:
    """A DTM date/time value in format ``fmt`` (101, 102, 201, 203, 204; guessed from the
    length when empty) as an ISO date or date-time."""
    value = value.strip()
    fmt = fmt or _FORMAT_BY_LENGTH.get(len(value), "")
    layout = _LAYOUTS.get(fmt)
    if layout is None:
        raise ValueError(f"date format {fmt or '?'} for {value!r} is not one this reader knows")
    century, has_time, seconds = layout
    expected = (8 if century else 6) + (4 if has_time else 0) + (2 if seconds else 0)
    if len(value) != expected or not is_digits(value):
        raise ValueError(f"{value!r} is not a date in format {fmt}")
    cut = 4 if century else 2
    year = int(value[:cut]) if century else _year(int(value[:2]), past_of)
    day = _iso_date(year, int(value[cut : cut + 2]), int(value[cut + 2 : cut + 4]))
    if not has_time:
        return day
    return f"{day}T{iso_time(value[cut + 4 :])}"


def ddmmyy(value: str, time: str = "", *, past_of: int | None = None) -> str:
    """An airline date ``DDMMYY`` (and optional ``HHMM``) as ISO."""
    if len(value) != 6 or not is_digits(value):
        raise ValueError(f"{value!r} is not a date (DDMMYY)")
    day = _iso_date(_year(int(value[4:]), past_of), int(value[2:4]), int(value[:2]))
    return f"{day}T{iso_time(time)}" if time else day


def ddmmmyy(value: str, *, past_of: int | None = None) -> str:
    """An SSR date ``12JUL64`` as ISO."""
    value = value.strip().upper()
    month = MONTHS.get(value[2:5])
    if len(value) != 7 or month is None or not is_digits(value[:2] + value[5:]):
        raise ValueError(f"{value!r} is not a date (DDMMMYY)")
    return _iso_date(_year(int(value[5:]), past_of), month, int(value[:2]))
