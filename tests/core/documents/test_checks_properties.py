"""Document checks never raise, whatever the reader, the manifest or the caller hands them."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from borderops.core.documents.checks import (
    AdvanceRecord,
    CheckContext,
    LostStolenMatch,
    PresentedDocument,
    check_document,
    checks_for_advance,
)
from borderops.core.documents.parse import parse_mrz

MRZ_TEXT = st.text(alphabet="ABCDEFGIOPSXZ0125689<< \u00e9", min_size=0, max_size=46)
DATES = st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
TEXT = st.none() | st.text(max_size=40)
ADVANCE = st.builds(
    AdvanceRecord,
    surname=TEXT,
    given_names=TEXT,
    birth_date=DATES,
    sex=TEXT,
    nationality=TEXT,
    document_type=TEXT,
    document_number=TEXT,
    document_expiry=DATES,
    document_issuer=TEXT,
    document_issue_date=DATES,
)
MATCHES = st.lists(
    st.builds(
        LostStolenMatch,
        list_name=st.text(max_size=10),
        entry_id=st.text(max_size=10),
        document_number=st.text(max_size=12),
        issuing_country=TEXT,
        reason=st.text(max_size=20),
        handling=st.text(max_size=20),
        list_version=st.text(max_size=10),
    ),
    max_size=2,
).map(tuple)


def _sentences(reasons: list[str]) -> bool:
    return all(reason[:1].isupper() and reason.endswith(".") for reason in reasons)


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(MRZ_TEXT, min_size=1, max_size=3),
    on=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    stay=DATES,
    months=st.integers(min_value=-24, max_value=240),
    advance=st.none() | ADVANCE,
    matches=MATCHES,
    expected=st.booleans(),
)
def test_any_mrz_reading_is_checked_without_raising(
    lines: list[str],
    on: date,
    stay: date | None,
    months: int,
    advance: AdvanceRecord | None,
    matches: tuple[LostStolenMatch, ...],
    expected: bool,
) -> None:
    # given whatever a reader produced and whatever the crossing knows
    document = PresentedDocument.from_mrz(parse_mrz(lines, today=date(2026, 5, 28)))
    context = CheckContext(
        on=on,
        stay_until=stay,
        advance=advance,
        lost_stolen=matches,
        advance_expected=expected,
        validity_beyond_stay_months=months,
    )

    # when checked, then every finding is a sentence
    result = check_document(document, context)
    assert _sentences([finding.reason for finding in result.findings])


@settings(max_examples=300, deadline=None)
@given(
    record=ADVANCE,
    on=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    stay=DATES,
    matches=MATCHES,
)
def test_any_advance_record_is_checked_without_raising(
    record: AdvanceRecord, on: date, stay: date | None, matches: tuple[LostStolenMatch, ...]
) -> None:
    result = checks_for_advance(record, on=on, stay_until=stay, lost_stolen=matches)
    assert _sentences([finding.reason for finding in result.findings])
