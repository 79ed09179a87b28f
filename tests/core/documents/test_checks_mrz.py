"""Document checks on the MRZ reading: check digits, malformed zones, OCR corrections."""

from __future__ import annotations

from datetime import date

import pytest

from borderops.core.documents.checks import (
    AdvanceRecord,
    CheckContext,
    PresentedDocument,
    check_document,
)
from borderops.core.documents.mrz import make_td3
from borderops.core.documents.parse import MrzReading, parse_mrz

ON = date(2026, 5, 28)
TD3 = make_td3(
    issuing_state="UTO",
    surname="ERIKSSON",
    given_names="ANNA MARIA",
    document_number="L898902C3",
    nationality="UTO",
    birth_date=date(1974, 8, 12),
    sex="F",
    expiry_date=date(2032, 4, 15),
    optional_data="ZE184226B",
)
MRZ_RULES = {
    "document.check_digit",
    "document.mrz_malformed",
    "document.number_corrected",
    "document.mrz_corrected",
}


def _with(line: int, column: int, text: str, lines: tuple[str, ...] = TD3) -> list[str]:
    changed = list(lines)
    changed[line] = changed[line][:column] + text + changed[line][column + len(text) :]
    return changed


def _mrz_findings(lines: list[str] | tuple[str, ...]) -> list[tuple[str, str, str]]:
    document = PresentedDocument.from_mrz(parse_mrz(lines, today=ON))
    return [
        (finding.rule, finding.severity.value, finding.reason)
        for finding in check_document(document, CheckContext(on=ON)).findings
        if finding.rule in MRZ_RULES
    ]


CASES = [
    ("a clean zone", TD3, []),
    ("an altered birth date", _with(1, 19, "3"), [(
        "document.check_digit", "refer",
        "The MRZ check digits of the birth date and the whole zone (composite) do not verify.",
    )]),
    ("an altered expiry date", _with(1, 21, "3304153"), [(
        "document.check_digit", "refer",
        "The MRZ check digits of the expiry date and the whole zone (composite) do not verify.",
    )]),
    ("an altered personal number", _with(1, 28, "ZE184227B"), [(
        "document.check_digit", "refer",
        "The MRZ check digits of the personal number and the whole zone (composite) "
        "do not verify.",
    )]),
    ("only the composite wrong", _with(1, 43, "7"), [(
        "document.check_digit", "refer",
        "The MRZ check digit of the whole zone (composite) does not verify.",
    )]),
    ("a month 13", _with(1, 13, "741312"), [
        ("document.check_digit", "refer",
         "The MRZ check digits of the birth date and the whole zone (composite) do not verify."),
        ("document.mrz_malformed", "warn",
         "The MRZ is malformed: its birth date is not a calendar date."),
    ]),
    ("a line cut short", (TD3[0], TD3[1][:40]), [(
        "document.mrz_malformed", "warn",
        "The MRZ is malformed: its line lengths match no ICAO 9303 format.",
    )]),
    ("a sex of Q", _with(1, 20, "Q"), [
        ("document.mrz_malformed", "warn", "The MRZ is malformed: its sex is not M, F or <."),
    ]),
    ("the number's 0 printed as O", _with(1, 5, "O"), [(
        "document.number_corrected", "warn",
        "The document number's check digit verifies only when O at position 6 is read as 0: "
        "printed L8989O2C3, read L898902C3.",
    )]),
    ("lower case and an O in the birth date", [TD3[0].lower(), _with(1, 15, "O")[1]], [(
        "document.mrz_corrected", "info",
        "The reader corrected 2 characters of the MRZ that OCR often confuses "
        "(line1:lowercase->uppercase, birth_date:O->0@2).",
    )]),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_mrz_reading_problems_become_findings(
    lines: list[str] | tuple[str, ...], expected: list[tuple[str, str, str]]
) -> None:
    assert _mrz_findings(lines) == expected


def test_number_correction_keeps_the_printed_number_as_evidence() -> None:
    # given a zone whose number the reader had to repair
    reading = parse_mrz(_with(1, 5, "O"), today=ON)

    # when checked
    document = PresentedDocument.from_mrz(reading)
    finding = check_document(document, CheckContext(on=ON)).findings[0]

    # then both numbers are there to screen
    assert document.document_number == "L898902C3"
    assert document.number_as_printed == "L8989O2C3"
    assert finding.evidence == {
        "correction": "document_number:O->0@5",
        "number_as_printed": "L8989O2C3",
        "number_as_read": "L898902C3",
    }


def test_advance_data_read_from_the_uncorrected_number_still_agrees() -> None:
    # given the airline read the number as printed, without repairing it
    document = PresentedDocument.from_mrz(parse_mrz(_with(1, 5, "O"), today=ON))
    advance = AdvanceRecord(document_number="L8989O2C3")

    # when checked
    rules = check_document(document, CheckContext(on=ON, advance=advance)).rules()

    # then the numbers agree; the repair itself is still reported
    assert "advance.document_number_mismatch" not in rules
    assert "document.number_corrected" in rules


def test_document_typed_in_without_an_mrz_has_no_mrz_findings() -> None:
    document = PresentedDocument(document_code="P", document_number="L898902C3")

    assert check_document(document, CheckContext(on=ON)).findings == ()


def test_a_reading_with_a_garbled_correction_note_does_not_break_the_checks() -> None:
    # given a reading assembled by hand, not by parse_mrz
    reading = MrzReading(document_number="AB123", corrections=("document_number:junk",))

    # when checked
    document = PresentedDocument.from_mrz(reading)
    result = check_document(document, CheckContext(on=ON))

    # then the number stays as read and the note is still reported
    assert document.number_as_printed == "AB123"
    assert result.rules() == ("document.number_corrected",)
