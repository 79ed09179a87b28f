"""Document checks on validity: expired, expiring within the stay, implausible periods."""

from __future__ import annotations

from datetime import date

import pytest

from borderops.core.documents.checks import CheckContext, PresentedDocument, check_document
from borderops.core.documents.checks.rules import add_months, period

ON = date(2026, 5, 28)
VALIDITY_RULES = {
    "document.expired",
    "document.expires_during_stay",
    "document.validity_implausible",
}


def _validity_findings(
    code: str,
    expiry: date | None,
    *,
    issued: date | None = None,
    stay_until: date | None = None,
    months: int = 0,
) -> list[tuple[str, str]]:
    document = PresentedDocument(document_code=code, expiry_date=expiry, issue_date=issued)
    context = CheckContext(on=ON, stay_until=stay_until, validity_beyond_stay_months=months)
    return [
        (finding.rule, finding.reason)
        for finding in check_document(document, context).findings
        if finding.rule in VALIDITY_RULES
    ]


# (document code, expiry, stay until, months beyond stay, expected findings)
EXPIRY_CASES = [
    ("P", date(2026, 3, 1), None, 0, [(
        "document.expired",
        "The passport expired on 2026-03-01, 88 days before arrival on 2026-05-28.",
    )]),
    ("I", date(2026, 5, 27), None, 0, [(
        "document.expired",
        "The identity card expired on 2026-05-27, 1 day before arrival on 2026-05-28.",
    )]),
    # A document is valid through its expiry date.
    ("P", ON, None, 0, []),
    ("P", ON, ON, 0, []),
    ("V", date(2026, 6, 10), date(2026, 6, 15), 0, [(
        "document.expires_during_stay",
        "The visa expires on 2026-06-10, 5 days before the end of the stay on 2026-06-15.",
    )]),
    ("P", date(2026, 6, 15), date(2026, 6, 15), 0, []),
    ("P", date(2026, 6, 16), date(2026, 6, 15), 0, []),
    # An expired document is not also reported as expiring.
    ("P", date(2026, 5, 1), date(2026, 6, 15), 3, [(
        "document.expired",
        "The passport expired on 2026-05-01, 27 days before arrival on 2026-05-28.",
    )]),
    # Schengen-style: valid three months beyond the stay.
    ("P", date(2026, 9, 14), date(2026, 6, 15), 3, [(
        "document.expires_during_stay",
        "The passport expires on 2026-09-14, but must be valid until 2026-09-15, "
        "3 months after the end of the stay on 2026-06-15.",
    )]),
    ("P", date(2026, 9, 15), date(2026, 6, 15), 3, []),
    # Without a stay, the months count from arrival ("valid six months from entry").
    ("P", date(2026, 8, 1), None, 6, [(
        "document.expires_during_stay",
        "The passport expires on 2026-08-01, but must be valid until 2026-11-28, "
        "6 months after arrival on 2026-05-28.",
    )]),
    ("P", date(2026, 8, 1), None, 0, []),
    ("P", None, date(2026, 6, 15), 6, []),
]  # fmt: skip


@pytest.mark.parametrize(("code", "expiry", "stay_until", "months", "expected"), EXPIRY_CASES)
def test_expiry_is_checked_against_arrival_and_the_end_of_the_stay(
    code: str, expiry: date | None, stay_until: date | None, months: int, expected: object
) -> None:
    assert _validity_findings(code, expiry, stay_until=stay_until, months=months) == expected


# (document code, issue date, expiry, expected reason or None)
PERIOD_CASES = [
    ("P", date(2020, 1, 1), date(2030, 1, 1), None),
    # Ten years plus the unused months of an old passport is still plausible.
    ("P", date(2020, 1, 1), date(2030, 10, 1), None),
    ("P", date(2020, 1, 1), date(2031, 1, 1), None),
    ("P", date(2020, 1, 1), date(2032, 4, 1),
     "The passport is valid for 12 years 3 months (2020-01-01 to 2032-04-01), "
     "longer than the 10 years a passport is issued for."),
    ("PD", date(2025, 1, 1), date(2024, 12, 31),
     "The passport's expiry date 2024-12-31 is before its issue date 2025-01-01."),
    ("P", date(2026, 6, 1), date(2036, 6, 1),
     "The passport's issue date 2026-06-01 is after arrival on 2026-05-28."),
    ("I", date(2020, 1, 1), date(2035, 1, 1), None),
    ("ID", date(2010, 1, 1), date(2027, 2, 1),
     "The identity card is valid for 17 years 1 month (2010-01-01 to 2027-02-01), "
     "longer than the 15 years an identity card is issued for."),
    ("V", date(2020, 1, 1), date(2031, 1, 1), None),
    ("V", date(2020, 1, 1), date(2031, 1, 2),
     "The visa is valid for 11 years (2020-01-01 to 2031-01-02), "
     "longer than the 10 years a visa is issued for."),
    # Documents of no known kind have no limit to exceed.
    ("F", date(1990, 1, 1), date(2040, 1, 1), None),
]  # fmt: skip


@pytest.mark.parametrize(("code", "issued", "expiry", "expected"), PERIOD_CASES)
def test_validity_period_is_plausible_for_the_document_kind(
    code: str, issued: date, expiry: date, expected: str | None
) -> None:
    findings = _validity_findings(code, expiry, issued=issued)
    reasons = [reason for rule, reason in findings if rule == "document.validity_implausible"]
    assert reasons == ([expected] if expected else [])


# Without an issue date: (document code, expiry, expected reason or None), arriving on ON.
EXPIRY_ONLY_CASES = [
    ("P", date(2036, 5, 28), None),
    ("P", date(2037, 5, 28), None),
    ("P", date(2037, 5, 29),
     "The passport expires on 2037-05-29, 11 years after arrival, "
     "longer than the 10 years a passport is issued for."),
    ("I", date(2042, 5, 28), None),
    ("AC", date(2042, 6, 1),
     "The identity card expires on 2042-06-01, 16 years after arrival, "
     "longer than the 15 years an identity card is issued for."),
    ("V", date(2040, 1, 1),
     "The visa expires on 2040-01-01, 13 years 7 months after arrival, "
     "longer than the 10 years a visa is issued for."),
]  # fmt: skip


@pytest.mark.parametrize(("code", "expiry", "expected"), EXPIRY_ONLY_CASES)
def test_expiry_too_far_after_arrival_is_implausible(
    code: str, expiry: date, expected: str | None
) -> None:
    findings = _validity_findings(code, expiry)
    assert findings == ([("document.validity_implausible", expected)] if expected else [])


MONTH_CASES = [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 11, 15), 3, date(2027, 2, 15)),
    (date(2026, 5, 28), 0, date(2026, 5, 28)),
    (date(2026, 5, 28), 132, date(2037, 5, 28)),
    (date(9999, 6, 1), 24, date(9999, 6, 1)),
]


@pytest.mark.parametrize(("day", "months", "expected"), MONTH_CASES)
def test_adding_months_stays_within_the_month_and_the_calendar(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected


PERIOD_WORDS = [
    (date(2020, 1, 1), date(2030, 1, 1), "10 years"),
    (date(2020, 1, 2), date(2030, 1, 1), "9 years 11 months"),
    (date(2020, 1, 1), date(2020, 2, 1), "1 month"),
    (date(2020, 1, 1), date(2020, 1, 20), "0 months"),
    (date(2020, 1, 1), date(2021, 1, 1), "1 year"),
]


@pytest.mark.parametrize(("start", "end", "expected"), PERIOD_WORDS)
def test_periods_are_written_in_years_and_months(start: date, end: date, expected: str) -> None:
    assert period(start, end) == expected
