"""Document checks against advance data and the lost/stolen list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from borderops.core.documents.checks import (
    AdvanceRecord,
    CheckContext,
    LostStolenMatch,
    PresentedDocument,
    check_document,
)
from borderops.core.documents.checks.names import names_agree

ON = date(2026, 5, 28)
DOCUMENT = PresentedDocument(
    document_code="P",
    issuing_state="D",
    document_number="C01X00T47",
    nationality="D",
    surname="MUELLER",
    given_names="JOERG HANS",
    birth_date=date(1964, 8, 12),
    sex="M",
    expiry_date=date(2031, 10, 31),
)
ADVANCE = AdvanceRecord(
    surname="Müller",
    given_names="Jörg",
    birth_date=date(1964, 8, 12),
    sex="M",
    nationality="DEU",
    document_type="P",
    document_number="C01X00T47",
    document_expiry=date(2031, 10, 31),
    document_issuer="DEU",
)


def _advance_findings(**changes: object) -> list[tuple[str, str]]:
    context = CheckContext(on=ON, advance=replace(ADVANCE, **changes))  # type: ignore[arg-type]
    return [(f.rule, f.reason) for f in check_document(DOCUMENT, context).findings]


ADVANCE_CASES = [
    ({}, []),
    ({"surname": "SCHMIDT"}, [(
        "advance.name_mismatch",
        "The name on the document, MUELLER, JOERG HANS, differs from the advance data's "
        "SCHMIDT, Jörg.",
    )]),
    ({"birth_date": date(1964, 12, 8)}, [(
        "advance.birth_date_mismatch",
        "The birth date on the document, 1964-08-12, differs from the advance data's 1964-12-08.",
    )]),
    ({"document_number": "C01X00T48"}, [(
        "advance.document_number_mismatch",
        "The document number C01X00T47 differs from the advance data's C01X00T48.",
    )]),
    # A different document: its expiry and issuer differing says nothing more.
    ({"document_number": "XY999", "document_expiry": date(2029, 1, 1), "document_issuer": "AUT"},
     [("advance.document_number_mismatch",
       "The document number C01X00T47 differs from the advance data's XY999.")]),
    ({"document_number": "C01 X00-T47<"}, []),
    ({"document_number": "c01x00t47"}, []),
    ({"nationality": "AUT"}, [(
        "advance.nationality_mismatch",
        "The nationality on the document, D, differs from the advance data's AUT.",
    )]),
    ({"nationality": "DE"}, []),
    ({"nationality": "D"}, []),
    ({"sex": "F"}, [(
        "advance.sex_mismatch", "The sex on the document, M, differs from the advance data's F.",
    )]),
    ({"sex": "U"}, []),
    ({"sex": "X"}, []),
    ({"sex": "male"}, []),
    ({"document_expiry": date(2031, 10, 30)}, [(
        "advance.expiry_mismatch",
        "The expiry date on the document, 2031-10-31, differs from the advance data's 2031-10-30.",
    )]),
    ({"document_issuer": "AUT"}, [(
        "advance.issuer_mismatch",
        "The issuing state on the document, D, differs from the advance data's AUT.",
    )]),
    # Fields the manifest left out are not disagreements.
    ({"surname": None, "given_names": None, "birth_date": None, "sex": None,
      "nationality": None, "document_number": None, "document_expiry": None,
      "document_issuer": None}, []),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "expected"), ADVANCE_CASES)
def test_document_is_compared_with_the_advance_data_field_by_field(
    changes: dict[str, object], expected: list[tuple[str, str]]
) -> None:
    assert _advance_findings(**changes) == expected


def test_advance_mismatches_warn_but_do_not_refer_alone() -> None:
    context = CheckContext(on=ON, advance=replace(ADVANCE, birth_date=date(1970, 1, 1)))

    result = check_document(DOCUMENT, context)

    assert [f.severity.value for f in result.findings] == ["warn"]
    assert not result.referral_advised


NOT_ON_MANIFEST_CASES = [
    (True, None, ["advance.not_on_manifest"]),
    (True, ADVANCE, []),
    (False, None, []),
]


@pytest.mark.parametrize(("expected_data", "advance", "rules"), NOT_ON_MANIFEST_CASES)
def test_traveller_missing_from_the_manifest_is_referred_when_advance_data_was_due(
    expected_data: bool, advance: AdvanceRecord | None, rules: list[str]
) -> None:
    context = CheckContext(on=ON, advance=advance, advance_expected=expected_data)

    result = check_document(DOCUMENT, context)

    assert list(result.rules()) == rules
    if rules:
        assert result.findings[0].reason == (
            "Advance data was due for this arrival, but the traveller (document C01X00T47) "
            "is not on the manifest."
        )
        assert result.referral_advised


# (document surname, given names), (advance surname, given names), same name?
NAME_CASES = [
    (("MUELLER", "JOERG"), ("Müller", "Jörg"), True),
    (("MULLER", "JORG"), ("Müller", "Jörg"), True),
    (("ERIKSSON", "ANNA MARIA"), ("ERIKSSON", "ANNA"), True),
    (("ERIKSSON", "ANNA MARIA"), ("ANNA MARIA", "ERIKSSON"), True),
    (("ERIKSSON", "ANNA MARIA"), ("ERIKSON", "ANNA MARIA"), True),
    (("ERIKSSON", "A"), ("ERIKSSON", "ANNA MARIA"), True),
    # The MRZ cut the given names at the end of its name field.
    (("WOLFESCHLEGELSTEINHAUSENBERGERDORFF", "HUBERT BLAI"), ("Wolfeschlegelsteinhausenbergerdorff", "Hubert Blaine"), True),
    (("VAN DER BERG", "PIETER"), ("VANDERBERG", "PIETER"), True),
    (("IVANOV", "DMITRY"), ("Иванов", "Дмитрий"), True),
    (("IWANOW", "DMITRIJ"), ("IVANOV", "DMITRIY"), True),
    (("MOHAMMED", "ALI"), ("MUHAMMAD", "ALI"), True),
    (("GARCIA LOPEZ", "MARIA JOSE"), ("GARCIA-LOPEZ", "MARIA JOSÉ"), True),
    (("O'BRIEN", "SEAN"), ("OBRIEN", "SEAN"), True),
    (("SMITH", "JOHN"), ("SMITH", "PETER"), False),
    (("SMITH", "JOHN"), ("JONES", "JOHN"), False),
    (("ERIKSSON", "ANNA"), ("LARSSON", "ANNA"), False),
    (("NGUYEN", "VAN AN"), ("TRAN", "VAN AN"), False),
    (("SMITH", "JOHN"), ("", ""), None),
    (("", ""), ("SMITH", "JOHN"), None),
]  # fmt: skip


@pytest.mark.parametrize(("document", "advance", "expected"), NAME_CASES)
def test_names_agree_despite_transliteration_order_and_truncation(
    document: tuple[str, str], advance: tuple[str, str], expected: bool | None
) -> None:
    assert names_agree(document, advance) is expected
    assert names_agree(advance, document) is expected


# (listed issuing country, rule expected)
LOST_STOLEN_CASES = [
    ("DE", "document.lost_stolen"),
    ("DEU", "document.lost_stolen"),
    ("D", "document.lost_stolen"),
    (None, "document.lost_stolen"),
    ("AT", "document.lost_stolen_other_issuer"),
]


@pytest.mark.parametrize(("country", "rule"), LOST_STOLEN_CASES)
def test_lost_stolen_match_refers_unless_the_listed_issuer_differs(
    country: str | None, rule: str
) -> None:
    # given a lookout match for the document number
    match = LostStolenMatch("lost_stolen_documents", "LS-1", "C01X00T47", country)

    # when checked
    result = check_document(DOCUMENT, CheckContext(on=ON, lost_stolen=(match,)))

    # then
    assert result.rules() == (rule,)
    assert result.referral_advised is (rule == "document.lost_stolen")


def test_lost_stolen_reason_gives_list_entry_version_reason_and_handling() -> None:
    match = LostStolenMatch(
        list_name="lost_stolen_documents",
        entry_id="LS-1",
        document_number="C01X00T47",
        issuing_country="DE",
        reason="Reported stolen 2025-11-02.",
        handling="Seize the document and refer to secondary",
        list_version="2026-05-01",
    )

    finding = check_document(DOCUMENT, CheckContext(on=ON, lost_stolen=(match,))).findings[0]

    assert finding.reason == (
        "Document number C01X00T47 is on the lost/stolen list lost_stolen_documents "
        "(entry LS-1, version 2026-05-01): Reported stolen 2025-11-02. "
        "Handling: Seize the document and refer to secondary."
    )
    assert finding.evidence["list_version"] == "2026-05-01"
    assert finding.evidence["entry_id"] == "LS-1"


def test_other_issuer_reason_names_both_issuers() -> None:
    match = LostStolenMatch("lost_stolen_documents", "LS-2", "C01X00T47", "AT")

    finding = check_document(DOCUMENT, CheckContext(on=ON, lost_stolen=(match,))).findings[0]

    assert finding.reason == (
        "Document number C01X00T47 is on the lost/stolen list lost_stolen_documents "
        "(entry LS-2) for a document issued by AT; this one was issued by D."
    )


def test_each_lost_stolen_match_is_its_own_finding() -> None:
    matches = tuple(
        LostStolenMatch("lost_stolen_documents", f"LS-{i}", "C01X00T47", "DE") for i in range(3)
    )

    result = check_document(DOCUMENT, CheckContext(on=ON, lost_stolen=matches))

    assert [f.evidence["entry_id"] for f in result.findings] == ["LS-0", "LS-1", "LS-2"]
