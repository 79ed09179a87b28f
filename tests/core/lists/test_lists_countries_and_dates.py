"""Country names and birth dates as lists write them, turned into ISO codes and ISO dates."""

from __future__ import annotations

import pytest

from borderops.core.lists.countries import code_to_alpha2, country_code
from borderops.core.lists.dates import read_date, read_iso_date, read_iso_day

COUNTRY_NAMES = [
    ("Iran", "IR"),
    ("Russia", "RU"),
    ("Russian Federation", "RU"),
    ("Syria", "SY"),
    ("Syrian Arab Republic", "SY"),
    ("Korea, North", "KP"),
    ("Democratic People's Republic of Korea", "KP"),
    ("Korea, South", "KR"),
    ("Venezuela", "VE"),
    ("Bolivia", "BO"),
    ("Burma", "MM"),
    ("Congo, Democratic Republic of the", "CD"),
    ("Congo, Republic of the", "CG"),
    ("Cote d'Ivoire", "CI"),
    ("Côte d’Ivoire", "CI"),
    ("Iran (Islamic Republic of)", "IR"),
    ("United Kingdom of Great Britain and Northern Ireland", "GB"),
    ("Indonesia (as at Dec. 2003)", "ID"),
    ("Tunisian", "TN"),
    ("Tunisian passport", "TN"),
    ("Saudi Arabian", "SA"),
    ("  mexico. ", "MX"),
    ("Kosovo", "XK"),
    ("Germany", "DE"),
]
NOT_COUNTRIES = ["", "None Identified", "Possibly Ethiopian", "USSR (until 1991)", "na", "Narnia"]


@pytest.mark.parametrize(("name", "code"), COUNTRY_NAMES)
def test_country_names_and_demonyms_become_alpha2(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize("text", NOT_COUNTRIES)
def test_text_that_names_no_country_gives_no_code(text: str) -> None:
    assert country_code(text) is None


@pytest.mark.parametrize(
    ("code", "alpha2"),
    [("USA", "US"), ("mex", "MX"), ("DE", "DE"), ("XKX", "XK"), ("ZZZ", None), ("D", None)],
)
def test_alpha3_and_alpha2_codes_become_alpha2(code: str, alpha2: str | None) -> None:
    assert code_to_alpha2(code) == alpha2


DATES = [
    ("12 Jan 1970", ("1970-01-12",), False),
    ("Jan 1970", ("1970-01",), False),
    ("August 1961", ("1961-08",), False),
    ("Nov. 1973", ("1973-11",), False),
    ("1970", ("1970",), False),
    ("circa 1970", ("1970",), True),
    ("1970 to 1972", ("1970", "1971", "1972"), False),
    ("circa 1979-1982", ("1979", "1980", "1981", "1982"), True),
]


@pytest.mark.parametrize(("text", "dates", "approximate"), DATES)
def test_ofac_date_forms_become_iso_dates(
    text: str, dates: tuple[str, ...], approximate: bool
) -> None:
    reading = read_date(text)

    assert reading is not None
    assert (reading.dates, reading.approximate) == (dates, approximate)


@pytest.mark.parametrize(
    "text", ["", "31 Feb 1970", "12 Foo 1970", "30-35 years old", "1900 to 1990", "1972 to 1970"]
)
def test_dates_that_are_not_real_or_too_vague_are_not_read(text: str) -> None:
    assert read_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1970", "1970"), ("1970-05", "1970-05"), ("1970-05-17", "1970-05-17"), ("1970-13", None),
     ("1970-02-30", None), ("17/05/1970", None), ("", None)],
)  # fmt: skip
def test_iso_dates_may_be_partial_but_must_be_real(text: str, expected: str | None) -> None:
    assert read_iso_date(text) == expected


def test_a_full_day_may_carry_a_time() -> None:
    day = read_iso_day("2025-03-03T07:15:00")

    assert day is not None and day.isoformat() == "2025-03-03"
    assert read_iso_day("2025-03") is None
