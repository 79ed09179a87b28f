"""Document checks on who issued the document to whom, and what kind of document it is."""

from __future__ import annotations

from datetime import date

import pytest

from borderops.core.documents.checks import (
    CheckContext,
    DocumentKind,
    PresentedDocument,
    check_document,
    document_kind,
)
from borderops.core.documents.checks.codes import canonical_state
from borderops.core.documents.icao9303 import MrzFormat

ON = date(2026, 5, 28)

# (document code, issuing state, nationality, finding expected)
ISSUER_CASES = [
    ("P", "FRA", "FRA", False),
    # A code that names no state is noise in the data, not a finding about the holder.
    ("P", "IND", "0", False),
    ("P", "ZZZ", "FRA", False),
    ("P", "FRA", "USA", True),
    ("PP", "NLD", "BEL", True),
    ("PD", "ITA", "MLT", True),
    ("PO", "ESP", "PRT", True),
    ("PS", "POL", "CZE", True),
    ("P<", "FRA", "USA", True),
    # Doc 9303 writes Germany as D; PAXLST and ISO write DEU.
    ("P", "D", "D", False),
    ("P", "D", "DEU", False),
    ("P", "DEU", "D", False),
    ("P", "D", "AUT", True),
    # British passports name the holder's class of British nationality.
    ("P", "GBR", "GBD", False),
    ("P", "GBR", "GBN", False),
    ("P", "GBR", "GBO", False),
    ("P", "GBR", "GBP", False),
    ("P", "GBR", "GBS", False),
    ("P", "FRA", "GBD", True),
    # Stateless persons and refugees hold travel documents of the state they live in.
    ("P", "DEU", "XXA", False),
    ("P", "SWE", "XXB", False),
    ("P", "NOR", "XXC", False),
    ("P", "EST", "XXX", False),
    # Organisations issue laissez-passer to people who keep their nationality.
    ("P", "UNO", "KEN", False),
    ("P", "UNA", "IND", False),
    ("P", "XPO", "FRA", False),
    ("P", "XOM", "ITA", False),
    ("P", "EUE", "BEL", False),
    ("P", "UNK", "UNK", False),
    # Kosovo's own passports write RKS; lists write XKX.
    ("P", "RKS", "XKX", False),
    # Other passport codes (emergency, alien's, refugee travel documents) may name anyone.
    ("PE", "FRA", "DEU", False),
    ("PT", "FRA", "SYR", False),
    ("PN", "LVA", "XXA", False),
    # Cards and visas are issued to foreigners as a matter of course.
    ("I", "FRA", "USA", False),
    ("IR", "GBR", "IND", False),
    ("AR", "DEU", "TUR", False),
    ("V", "USA", "FRA", False),
    # Without both codes there is nothing to compare.
    ("P", "FRA", None, False),
    ("P", None, "FRA", False),
    ("", "FRA", "USA", False),
]


@pytest.mark.parametrize(("code", "issuer", "nationality", "expected"), ISSUER_CASES)
def test_national_passports_are_issued_to_the_states_own_nationals(
    code: str, issuer: str | None, nationality: str | None, expected: bool
) -> None:
    # given a document with the codes
    document = PresentedDocument(document_code=code, issuing_state=issuer, nationality=nationality)

    # when checked
    rules = check_document(document, CheckContext(on=ON)).rules()

    # then
    assert ("document.issuer_nationality_mismatch" in rules) is expected


def test_issuer_mismatch_reason_names_both_states() -> None:
    document = PresentedDocument(document_code="P", issuing_state="FRA", nationality="USA")

    finding = check_document(document, CheckContext(on=ON)).findings[0]

    assert finding.reason == (
        "The national passport (code P) was issued by FRA to a holder of nationality USA; "
        "states issue national passports to their own nationals."
    )
    assert finding.evidence == {"document_code": "P", "issuing_state": "FRA", "nationality": "USA"}


# (code as written, MRZ format, kind)
KIND_CASES = [
    ("P", None, DocumentKind.PASSPORT),
    ("PD", None, DocumentKind.PASSPORT),
    ("P<", None, DocumentKind.PASSPORT),
    ("p", None, DocumentKind.PASSPORT),
    ("I", None, DocumentKind.ID_CARD),
    ("ID", None, DocumentKind.ID_CARD),
    ("A", None, DocumentKind.ID_CARD),
    ("AC", None, DocumentKind.ID_CARD),
    ("C", None, DocumentKind.ID_CARD),
    ("V", None, DocumentKind.VISA),
    ("VI", None, DocumentKind.VISA),
    ("passport", None, DocumentKind.PASSPORT),
    ("id_card", None, DocumentKind.ID_CARD),
    ("visa", None, DocumentKind.VISA),
    ("F", None, DocumentKind.OTHER),
    ("M", None, DocumentKind.OTHER),
    ("", None, DocumentKind.OTHER),
    (None, None, DocumentKind.OTHER),
    ("", MrzFormat.TD3, DocumentKind.PASSPORT),
    ("", MrzFormat.TD1, DocumentKind.ID_CARD),
    ("", MrzFormat.TD2, DocumentKind.ID_CARD),
    ("", MrzFormat.MRV_A, DocumentKind.VISA),
    ("", MrzFormat.MRV_B, DocumentKind.VISA),
    # The code says more than the size: a passport card read from a TD1 zone.
    ("P", MrzFormat.TD1, DocumentKind.PASSPORT),
]


@pytest.mark.parametrize(("code", "mrz_format", "expected"), KIND_CASES)
def test_document_kind_reads_mrz_and_manifest_codes(
    code: str | None, mrz_format: MrzFormat | None, expected: DocumentKind
) -> None:
    assert document_kind(code, mrz_format) is expected


STATE_CASES = [
    ("D", "DE"),
    ("DEU", "DE"),
    ("de", "DE"),
    ("FRA", "FR"),
    ("FR", "FR"),
    ("D<<", "DE"),
    ("RKS", "XK"),
    ("XKX", "XK"),
    ("UTO", "UTO"),
    ("GBD", "GBD"),
    ("XXA", "XXA"),
    ("UNO", "UNO"),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("code", "expected"), STATE_CASES)
def test_states_compare_in_one_spelling(code: str | None, expected: str | None) -> None:
    assert canonical_state(code) == expected
